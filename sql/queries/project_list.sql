-- One row per project of the filtered clients and service line, latest start first, for choosing.
SELECT p.project_code, p.project_code || ' · ' || p.project || ' (' || p.client || ')' AS label
FROM projects p
JOIN clients c USING (client)
WHERE ($manager IS NULL OR c.account_manager = $manager)
    AND ($client IS NULL OR p.client = $client)
    AND ($service_line IS NULL OR p.service_line = $service_line)
ORDER BY p.start_date DESC NULLS LAST, p.project_code DESC
