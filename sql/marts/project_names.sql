-- One row per client and normalized project name that names exactly one project.
SELECT client, normalize_name(project) AS project_key, min(project_code) AS project_code
FROM projects
GROUP BY ALL
HAVING count(*) = 1
