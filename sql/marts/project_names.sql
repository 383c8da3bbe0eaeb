-- One row per client-name key and normalized project name that names exactly one project (every
-- spelling and alias of the project's client gets a row, so entries can match on their own key).
SELECT n.name_key, normalize_name(p.project) AS project_key, min(p.project_code) AS project_code
FROM projects p
JOIN client_names n ON n.client = p.client
GROUP BY ALL
HAVING count(*) = 1
