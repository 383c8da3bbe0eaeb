-- One row per canonical client and year: its revenue target (reporting currency), margin and
-- on-time targets (fractions). An import replaces the year of a client however it is spelt
-- (etl/load.py `_key`); two spellings are left only when an alias confirmed later joins them,
-- and then the newer import's row counts.
SELECT
    coalesce(n.client, t.client) AS client,
    t.year,
    t.revenue_target::DOUBLE AS revenue_target,
    t.margin_target,
    t.on_time_target
FROM stg_targets t
LEFT JOIN client_names n ON n.name_key = normalize_name(t.client)
QUALIFY row_number() OVER (
    PARTITION BY coalesce(n.client, t.client), t.year ORDER BY t.run_id DESC NULLS LAST, t.line DESC
) = 1
