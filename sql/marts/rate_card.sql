-- One row per person (or role-level) rate, role and validity period.
SELECT * FROM stg_rate_card
