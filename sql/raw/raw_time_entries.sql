-- One row per time entry as read from a time-tracker export (lineage: file_id, line), with its
-- links (client key, project, rates) resolved when it is stored and again whenever projects,
-- client aliases or the rate card change (sql/links/time_entries.sql).
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
    currency VARCHAR,
    client_key VARCHAR,
    linked_project_code VARCHAR,
    linked_role VARCHAR,
    linked_cost_rate DECIMAL(18, 4),
    cost_rate_source VARCHAR,
    linked_bill_rate DECIMAL(18, 4),
    standard_bill_rate DECIMAL(18, 4)
);
-- Warehouses created before links were stored gain the columns (and are relinked on rebuild).
ALTER TABLE raw_time_entries ADD COLUMN IF NOT EXISTS client_key VARCHAR;
ALTER TABLE raw_time_entries ADD COLUMN IF NOT EXISTS linked_project_code VARCHAR;
ALTER TABLE raw_time_entries ADD COLUMN IF NOT EXISTS linked_role VARCHAR;
ALTER TABLE raw_time_entries ADD COLUMN IF NOT EXISTS linked_cost_rate DECIMAL(18, 4);
ALTER TABLE raw_time_entries ADD COLUMN IF NOT EXISTS cost_rate_source VARCHAR;
ALTER TABLE raw_time_entries ADD COLUMN IF NOT EXISTS linked_bill_rate DECIMAL(18, 4);
ALTER TABLE raw_time_entries ADD COLUMN IF NOT EXISTS standard_bill_rate DECIMAL(18, 4);
