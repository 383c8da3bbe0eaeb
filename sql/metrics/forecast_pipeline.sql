-- One row per forecast origin, open opportunity and month after the origin: its value weighted by its probability, spread evenly over its expected days (the pipeline layer).
WITH open_deals AS (
    SELECT
        o.origin,
        p.client,
        p.opportunity,
        p.value * p.probability AS weighted_value,
        p.expected_start,
        p.expected_end,
        -- An open deal has earned nothing yet: one expected to have started by now is spread
        -- over the days it has left.
        greatest(p.expected_start, o.origin + 1) AS from_day
    FROM forecast_origins o
    -- The pipeline is a snapshot of the present: an earlier origin has none (no history of it).
    JOIN pipeline p ON o.is_present
    WHERE p.is_open AND p.value > 0 AND p.probability > 0 AND p.expected_end > o.origin
),
months AS (
    SELECT
        *,
        unnest(generate_series(date_trunc('month', from_day), date_trunc('month', expected_end),
                               INTERVAL 1 MONTH))::DATE AS month
    FROM open_deals
)
SELECT
    origin,
    client,
    opportunity,
    month,
    weighted_value * (least(expected_end, last_day(month)) - greatest(from_day, month) + 1)
        / (expected_end - from_day + 1) AS amount
FROM months
