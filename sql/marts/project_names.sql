-- One row per client-name key and normalized project name that names exactly one project: every
-- spelling and alias of the project's client gets a row, so entries match on their own key, and
-- a project alias confirmed on the Import page names its project too.
WITH named AS (
    SELECT client, normalize_name(project) AS project_key, min(project_code) AS project_code
    FROM projects
    GROUP BY ALL
    HAVING count(*) = 1
),
aliased AS (
    SELECT p.client, normalize_name(a.alias) AS project_key, min(a.project_code) AS project_code
    FROM stg_aliases a
    JOIN projects p ON p.project_code = a.project_code
    GROUP BY ALL
    HAVING count(DISTINCT a.project_code) = 1
),
by_client AS (
    SELECT * FROM named
    UNION ALL
    SELECT * FROM aliased a
    WHERE NOT EXISTS (
        SELECT 1 FROM named n WHERE n.client = a.client AND n.project_key = a.project_key
    )
)
SELECT n.name_key, b.project_key, b.project_code
FROM by_client b
JOIN client_names n ON n.client = b.client
