-- One row per project of the filtered clients and service line (only delivered ones when
-- $delivered), latest start first, for choosing.
SELECT p.project_code, p.project_code || ' · ' || p.project || ' (' || p.client || ')' AS label
FROM projects p
JOIN clients c USING (client)
WHERE in_scope(c.account_manager, p.client, p.service_line, $manager, $client, $service_line,
               $visible)
    AND (NOT $delivered OR p.delivered_date <= as_of_date())
ORDER BY p.start_date DESC NULLS LAST, p.project_code DESC
