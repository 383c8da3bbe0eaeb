-- One row per week (Monday) between the first and the last time entry with no time recorded.
WITH weeks AS (
    SELECT unnest(generate_series(
        date_trunc('week', min(day)), date_trunc('week', max(day)), INTERVAL 7 DAY
    ))::DATE AS week
    FROM time_day
)
SELECT week
FROM weeks
WHERE week NOT IN (SELECT DISTINCT date_trunc('week', day)::DATE FROM time_day)
ORDER BY week
