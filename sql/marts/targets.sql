-- One row per canonical client and year: its revenue target (reporting currency), margin and
-- on-time targets (fractions); when two spellings of a client name the same year, the newer
-- import's row.
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
