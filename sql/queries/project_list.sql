-- One row per project of the filtered clients and service line, latest start first, for choosing.
SELECT p.project_code, p.project_code || ' · ' || p.project || ' (' || p.client || ')' AS label
FROM projects p
JOIN clients c USING (client)
WHERE in_scope(c.account_manager, p.client, p.service_line, $manager, $client, $service_line)
ORDER BY p.start_date DESC NULLS LAST, p.project_code DESC
