-- One row per rate-card line with the last day it is valid: a person's lines follow each other
-- (a promotion changes the role), a role's lines (no person) follow each other per role.
SELECT
    *,
    coalesce(
        lead(valid_from) OVER (
            PARTITION BY person, CASE WHEN person IS NULL THEN role END ORDER BY valid_from
        ) - 1,
        DATE '9999-12-31'
    ) AS valid_to
FROM stg_rate_card
