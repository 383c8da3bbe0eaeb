-- One row per project of the filtered clients and service line (only delivered ones when
-- $delivered), latest start first, for choosing: the $most latest (all when NULL), and $wanted
-- whatever its start.
WITH offered AS (
    SELECT
        p.project_code,
        p.project_code || ' · ' || p.project || ' (' || p.client || ')' AS label,
        row_number() OVER (ORDER BY p.start_date DESC NULLS LAST, p.project_code DESC) AS latest
    FROM projects p
    JOIN clients c USING (client)
    WHERE in_scope(c.account_manager, p.client, p.service_line, $manager, $client, $service_line,
                   $visible)
        AND (NOT $delivered OR p.delivered_date <= as_of_date())
)
SELECT project_code, label
FROM offered
WHERE $most IS NULL OR latest <= $most OR project_code = $wanted
ORDER BY latest
