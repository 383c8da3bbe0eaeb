-- One row per project (key: project_code) from a projects export or the studio template.
CREATE TABLE IF NOT EXISTS raw_projects (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    project_code VARCHAR NOT NULL,
    project VARCHAR,
    client VARCHAR,
    service_line VARCHAR,
    billing_model VARCHAR,
    budget_hours DECIMAL(12, 4),
    budget_amount DECIMAL(18, 4),
    currency VARCHAR,
    start_date DATE,
    due_date DATE,
    delivered_date DATE,
    status VARCHAR,
    account_manager VARCHAR
);
