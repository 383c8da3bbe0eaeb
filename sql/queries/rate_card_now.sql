-- One row per role and per person with a rate-card line valid on the as-of date: cost and bill
-- rate (a role's are its own line's, else the average of its people's).
WITH valid AS (
    SELECT * FROM rate_card WHERE as_of_date() BETWEEN valid_from AND valid_to
)
SELECT
    role AS name,
    'role' AS kind,
    role,
    coalesce(avg(cost_rate) FILTER (person IS NULL), avg(cost_rate))::DOUBLE AS cost_rate,
    coalesce(avg(bill_rate) FILTER (person IS NULL), avg(bill_rate))::DOUBLE AS bill_rate
FROM valid
GROUP BY role
UNION ALL
SELECT person, 'person', role, cost_rate::DOUBLE, bill_rate::DOUBLE
FROM valid
WHERE person IS NOT NULL
ORDER BY kind DESC, name
