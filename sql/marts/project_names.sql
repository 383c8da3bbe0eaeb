-- One row per client and normalized project name that names exactly one project (confirmed aliases included).
WITH named AS (
    SELECT client, normalize_name(project) AS project_key, min(project_code) AS project_code
    FROM projects
    GROUP BY ALL
    HAVING count(*) = 1
),
aliased AS (
    SELECT a.client, normalize_name(a.alias) AS project_key, min(a.project_code) AS project_code
    FROM stg_aliases a
    JOIN projects p ON p.project_code = a.project_code
    GROUP BY ALL
    HAVING count(DISTINCT a.project_code) = 1
)
SELECT * FROM named
UNION ALL
SELECT * FROM aliased a
WHERE NOT EXISTS (SELECT 1 FROM named n WHERE n.client = a.client AND n.project_key = a.project_key)
