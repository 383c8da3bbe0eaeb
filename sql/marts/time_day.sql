-- One row per client, project (NULL when unlinked) and day with time: hours, cost and the value
-- of the time, summed once per import so the metric views do not rescan every entry.
SELECT
    client,
    project_code,
    entry_date AS day,
    sum(hours) AS hours,
    sum(billable_hours) AS billable_hours,
    sum(labour_cost) AS labour_cost,
    sum(hours) FILTER (labour_cost IS NULL) AS uncosted_hours,
    sum(billable_value) FILTER (billing_model = 'time_and_materials') AS earned_revenue,
    sum(billable_hours * standard_bill_rate) AS standard_value
FROM time_entries
GROUP BY ALL
