-- One row per week (Monday) between the first and the last time entry with no time recorded.
WITH weeks AS (
    SELECT unnest(generate_series(
        date_trunc('week', min(entry_date)), date_trunc('week', max(entry_date)), INTERVAL 7 DAY
    ))::DATE AS week
    FROM time_entries
)
SELECT week
FROM weeks
WHERE week NOT IN (SELECT DISTINCT date_trunc('week', entry_date)::DATE FROM time_entries)
ORDER BY week
