-- One row per delivered project with budgeted hours of a client in the viewer's scope
-- ($visible), at the narrowest scope holding at least $minimum of them: the client's projects in
-- the service line, else the service line's, else all of them (the studio's, or the viewer's
-- clients'); with actual hours ÷ budgeted hours.
WITH delivered AS (
    SELECT
        project_code, project, client, service_line, billing_model, delivered_date,
        budget_hours::DOUBLE AS budget_hours, hours::DOUBLE AS hours,
        hours_burn_pct::DOUBLE AS overrun
    FROM project_summary
    WHERE delivered_date <= as_of_date() AND budget_hours > 0
        AND visible_to(client, $visible)
),
scoped AS (
    SELECT *, 1 AS level FROM delivered WHERE client = $client AND service_line = $service_line
    UNION ALL
    SELECT *, 2 FROM delivered WHERE service_line = $service_line
    UNION ALL
    SELECT *, 3 FROM delivered
),
chosen AS (
    SELECT coalesce(min(level) FILTER (projects >= $minimum), 3) AS level
    FROM (SELECT level, count(*) AS projects FROM scoped GROUP BY level)
)
SELECT s.* EXCLUDE (level),
    CASE s.level WHEN 1 THEN 'client and service line' WHEN 2 THEN 'service line'
        WHEN 3 THEN CASE WHEN $visible IS NULL THEN 'studio' ELSE 'your clients' END
    END AS scope
FROM scoped s JOIN chosen USING (level)
ORDER BY s.delivered_date DESC, s.project_code
