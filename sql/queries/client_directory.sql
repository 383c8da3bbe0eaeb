-- One row per client in the viewer's scope ($visible) with its account manager and the service
-- lines of its projects, for filters.
SELECT
    c.client,
    c.account_manager,
    list(DISTINCT p.service_line ORDER BY p.service_line) FILTER (p.service_line IS NOT NULL)
        AS service_lines
FROM clients c
LEFT JOIN projects p USING (client)
WHERE visible_to(c.client, $visible)
GROUP BY c.client, c.account_manager
ORDER BY c.client
