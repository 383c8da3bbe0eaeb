-- One row per forecast origin, client and month from the origin's month to 12 months after: the revenue forecast in its three layers (public view).
WITH layers AS (
    -- Work booked to start after the origin is new work the baseline also learns to expect.
    SELECT origin, client, month, amount AS contracted,
        CASE WHEN start_date > origin THEN amount END AS booked
    FROM forecast_contracted
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
        -- The pipeline and work booked to start later name part of the new work the client
        -- usually brings: the baseline is the rest of it, so a month never counts both.
        greatest(
            coalesce(sum(l.baseline), 0) - coalesce(sum(l.pipeline), 0)
                - coalesce(sum(l.booked), 0),
            0
        ) AS baseline
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
