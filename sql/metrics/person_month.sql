-- One row per person and calendar month with time, up to the as-of month: hours against capacity.
WITH bounds AS (SELECT as_of_date() AS as_of),
worked AS (
    SELECT
        person,
        month,
        first(role ORDER BY hours DESC) AS role,
        sum(hours) AS hours,
        sum(billable_hours) AS billable_hours
    FROM (
        SELECT person, month, role, sum(hours) AS hours, sum(billable_hours) AS billable_hours
        FROM time_entries, bounds
        WHERE entry_date <= as_of
        GROUP BY ALL
    )
    GROUP BY person, month
),
weekdays AS (
    -- Capacity accrues on working days (Monday to Friday), none after the as-of date.
    SELECT w.person, w.month, d.day::DATE AS day
    FROM worked w, bounds b,
        unnest(generate_series(w.month, least(w.month + INTERVAL 1 MONTH - INTERVAL 1 DAY, b.as_of),
                               INTERVAL 1 DAY)) AS d(day)
    WHERE isodow(d.day) <= 5
),
capacity AS (
    SELECT d.person, d.month, sum(r.weekly_capacity_hours / 5) AS capacity_hours
    FROM weekdays d
    JOIN rate_card r ON r.person = d.person AND d.day BETWEEN r.valid_from AND r.valid_to
    GROUP BY ALL
)
SELECT
    w.person,
    w.role,
    w.month,
    w.hours,
    w.billable_hours,
    c.capacity_hours,
    utilization_pct(w.billable_hours, c.capacity_hours) AS utilization_pct
FROM worked w
LEFT JOIN capacity c USING (person, month)
