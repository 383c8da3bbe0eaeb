-- One row per person (or role, when person is empty), role and validity period.
SELECT
    nullif(trim(person), '') AS person,
    trim(role) AS role,
    cost_rate,
    bill_rate,
    weekly_capacity_hours,
    valid_from,
    lead(valid_from) OVER (PARTITION BY nullif(trim(person), ''), trim(role) ORDER BY valid_from)
        - INTERVAL 1 DAY AS valid_to
FROM raw_rate_card
