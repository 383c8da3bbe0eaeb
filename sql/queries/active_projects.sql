-- One row per project of the filtered clients that is open at the as-of date (started, not
-- delivered, not cancelled or on hold): budget burn against schedule elapsed, worst pace first;
-- the estimate at completion blank under a tenth of the way through.
SELECT
    h.project_code,
    h.project,
    h.client,
    h.due_date,
    h.budget_hours::DOUBLE AS budget_hours,
    h.hours::DOUBLE AS hours,
    h.hours_burn_pct::DOUBLE AS hours_burn_pct,
    h.schedule_elapsed_pct::DOUBLE AS schedule_elapsed_pct,
    h.pace_pct::DOUBLE AS pace_pct,
    -- An estimate under a tenth of the way through is noise in a table (the Project page shows
    -- it, saying so).
    CASE WHEN NOT h.is_early_estimate THEN h.eac_burn_pct::DOUBLE END AS eac_burn_pct,
    CASE WHEN NOT h.is_early_estimate THEN h.eac_margin_pct::DOUBLE END AS eac_margin_pct
FROM project_health h
JOIN clients c USING (client)
WHERE (h.delivered_date IS NULL OR h.delivered_date > as_of_date())
    AND h.start_date <= as_of_date()
    AND NOT is_stopped(h.status)
    AND in_scope(c.account_manager, h.client, h.service_line, $manager, $client, $service_line,
                 $visible)
ORDER BY h.pace_pct DESC NULLS LAST, h.project_code
