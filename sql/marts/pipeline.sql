-- One row per canonical client and opportunity: value (reporting currency), probability,
-- expected dates and stage; open unless won or lost. An import replaces the opportunity of a
-- client however it is spelt (etl/load.py `_key`); two spellings are left only when an alias
-- confirmed later joins them, and then the newer import's row counts.
SELECT
    coalesce(n.client, p.client) AS client,
    p.opportunity,
    coalesce(p.service_line, 'Unassigned') AS service_line,
    p.value::DOUBLE AS value,
    p.probability,
    p.expected_start,
    p.expected_end,
    p.stage,
    -- Won work is to appear as a project and lost work never will: only the other stages (a
    -- blank one included) are open. The forecast takes open deals, and won ones until their
    -- project is set up (forecast_pipeline).
    coalesce(p.stage NOT IN ('won', 'lost'), true) AS is_open
FROM stg_pipeline p
LEFT JOIN client_names n ON n.name_key = normalize_name(p.client)
QUALIFY row_number() OVER (
    PARTITION BY coalesce(n.client, p.client), p.opportunity
    ORDER BY p.run_id DESC NULLS LAST, p.line DESC
) = 1
