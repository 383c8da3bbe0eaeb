-- One row per canonical client, with its account manager (template first, else its projects').
WITH named AS (
    SELECT DISTINCT client FROM client_names
    UNION SELECT client FROM projects
),
project_managers AS (
    SELECT client, first(account_manager ORDER BY n DESC, account_manager) AS account_manager
    FROM (SELECT client, account_manager, count(*) AS n FROM projects
          WHERE account_manager IS NOT NULL GROUP BY ALL)
    GROUP BY client
)
SELECT
    named.client,
    coalesce(t.account_manager, pm.account_manager, '(unassigned)') AS account_manager
FROM named
LEFT JOIN stg_clients t ON t.client = named.client
LEFT JOIN project_managers pm ON pm.client = named.client
