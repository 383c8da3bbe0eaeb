-- One row per forecast origin, client and month from the origin's month to 12 months after: the revenue forecast in its three layers (public view).
WITH layers AS (
    SELECT origin, client, month, amount AS contracted FROM forecast_contracted
    UNION ALL BY NAME
    SELECT origin, client, month, amount AS pipeline FROM forecast_pipeline
    UNION ALL BY NAME
    SELECT origin, client, month, amount AS baseline FROM forecast_baseline
)
SELECT
    l.origin,
    l.client,
    l.month,
    date_diff('month', date_trunc('month', l.origin), l.month) AS lead,
    coalesce(sum(l.contracted), 0) AS contracted,
    coalesce(sum(l.pipeline), 0) AS pipeline,
    coalesce(sum(l.baseline), 0) AS baseline,
    coalesce(sum(l.contracted), 0) + coalesce(sum(l.pipeline), 0) + coalesce(sum(l.baseline), 0)
        AS forecast
FROM layers l
WHERE l.month <= date_trunc('month', l.origin) + INTERVAL 12 MONTH
GROUP BY l.origin, l.client, l.month
