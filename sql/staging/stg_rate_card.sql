-- One row per rate-card line: a person's rate (or a role's, when person is empty) from a date.
SELECT
    nullif(trim(person), '') AS person,
    trim(role) AS role,
    cost_rate,
    bill_rate,
    weekly_capacity_hours,
    valid_from
FROM raw_rate_card
