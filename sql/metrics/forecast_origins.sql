-- One row per forecast origin: the as-of date, or each date in the variable forecast_origins (a backtest's month-ends).
WITH latest AS (
    SELECT greatest((SELECT max(day) FROM time_day), (SELECT max(issue_date) FROM invoices))
        AS last_day
)
SELECT
    origin,
    -- The last month complete on the origin: the origin's own month when it is the month's last day.
    (date_trunc('month', origin + 1) - INTERVAL 1 MONTH)::DATE AS last_full_month,
    -- The projects list and the pipeline describe the present. Looking back from an earlier origin
    -- only projects that had started by then were surely known, and no pipeline was recorded.
    coalesce(origin >= latest.last_day, false) AS is_present
FROM (SELECT unnest(coalesce(getvariable('forecast_origins')::DATE[], [as_of_date()])) AS origin),
    latest
