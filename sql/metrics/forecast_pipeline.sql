-- One row per forecast origin, open opportunity (or won one not yet set up as a project) and month after the origin: its value weighted by its probability (in full when won), spread evenly over its expected days (the pipeline layer).
WITH open_deals AS (
    SELECT
        o.origin,
        p.client,
        p.opportunity,
        p.value * CASE WHEN p.is_open THEN p.probability ELSE 1 END AS weighted_value,
        p.expected_start,
        p.expected_end,
        -- An open deal has earned nothing yet: one expected to have started by now is spread
        -- over the days it has left.
        greatest(p.expected_start, o.origin + 1) AS from_day
    FROM forecast_origins o
    -- The pipeline is a snapshot of the present: an earlier origin has none (no history of it).
    JOIN pipeline p ON o.is_present
    WHERE p.value > 0 AND p.expected_end > o.origin
        AND (p.is_open AND p.probability > 0 OR p.stage = 'won' AND NOT EXISTS (
            -- Won work counts until it is set up as a project: one of the client's worth the
            -- deal's value (within a tenth) and starting within two months of its expected start
            -- is taken to be it; another job of the client's is not.
            SELECT 1 FROM projects j
            WHERE j.client = p.client
                AND abs(j.budget_amount - p.value) <= 0.1 * p.value
                AND j.start_date BETWEEN p.expected_start - INTERVAL 60 DAY
                    AND p.expected_start + INTERVAL 60 DAY
        ))
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
