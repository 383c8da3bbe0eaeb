-- One row per normalized client-name key, with the canonical client name it resolves to.
WITH template AS (
    SELECT client_key AS name_key, client, 1 AS priority FROM stg_clients
    UNION ALL
    SELECT normalize_name(alias), client, 2 FROM stg_clients, unnest(aliases) AS t(alias)
    UNION ALL
    -- Spellings confirmed as another client's name on the Import page.
    SELECT normalize_name(alias), client, 2 FROM stg_aliases WHERE project_code IS NULL
),
spellings AS MATERIALIZED (
    -- Materialized so the name normalizing runs once per spelling, not pushed down to every row.
    SELECT normalize_name(name) AS name_key, name, uses
    FROM (
        SELECT name, count(*) AS uses
        FROM (
            SELECT client AS name FROM stg_projects
            UNION ALL SELECT client FROM stg_invoices
            UNION ALL SELECT client FROM stg_time_entries
        )
        WHERE name IS NOT NULL
        GROUP BY name
    )
),
observed AS (
    -- Without a template entry, the most used spelling names the client.
    SELECT name_key, first(name ORDER BY uses DESC, name) AS client, 3 AS priority
    FROM spellings
    WHERE name_key IS NOT NULL
    GROUP BY name_key
)
SELECT name_key, first(client ORDER BY priority, client) AS client
FROM (SELECT * FROM template UNION ALL SELECT * FROM observed)
WHERE name_key IS NOT NULL
GROUP BY name_key
