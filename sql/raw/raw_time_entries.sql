-- One row per time entry as read from a time-tracker export (lineage: file_id, line).
CREATE TABLE IF NOT EXISTS raw_time_entries (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    entry_date DATE NOT NULL,
    client VARCHAR,
    project VARCHAR,
    project_code VARCHAR,
    task VARCHAR,
    notes VARCHAR,
    person VARCHAR,
    role VARCHAR,
    hours DECIMAL(12, 4) NOT NULL,
    billable BOOLEAN NOT NULL,
    bill_rate DECIMAL(18, 4),
    cost_rate DECIMAL(18, 4),
    currency VARCHAR
);
