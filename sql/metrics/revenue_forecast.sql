-- One row per forecast origin, client and month from the origin's month to 12 months after: the revenue forecast in its three layers (public view).
WITH layers AS (
    SELECT origin, client, month, amount AS contracted FROM forecast_contracted
    UNION ALL BY NAME
    SELECT origin, client, month, amount AS pipeline FROM forecast_pipeline
    UNION ALL BY NAME
    SELECT origin, client, month, amount AS baseline FROM forecast_baseline
),
sums AS (
    SELECT
        l.origin,
        l.client,
        l.month,
        coalesce(sum(l.contracted), 0) AS contracted,
        coalesce(sum(l.pipeline), 0) AS pipeline,
        -- The pipeline names part of the work not yet booked: the baseline is the rest of what
        -- the client usually brings, so a month gets the larger of the two, never both.
        greatest(coalesce(sum(l.baseline), 0) - coalesce(sum(l.pipeline), 0), 0) AS baseline
    FROM layers l
    WHERE l.month <= date_trunc('month', l.origin) + INTERVAL 12 MONTH
    GROUP BY l.origin, l.client, l.month
)
SELECT
    origin,
    client,
    month,
    date_diff('month', date_trunc('month', origin), month) AS lead,
    contracted,
    pipeline,
    baseline,
    contracted + pipeline + baseline AS forecast
FROM sums
