-- One row per person, role and start of validity (key: person, role, valid_from).
CREATE TABLE IF NOT EXISTS raw_rate_card (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    person VARCHAR,
    role VARCHAR NOT NULL,
    cost_rate DECIMAL(18, 4),
    bill_rate DECIMAL(18, 4),
    weekly_capacity_hours DECIMAL(8, 2),
    valid_from DATE NOT NULL
);
