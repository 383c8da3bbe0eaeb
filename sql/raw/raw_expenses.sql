-- One row per expense line as read from an expenses export or the studio template.
CREATE TABLE IF NOT EXISTS raw_expenses (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    expense_date DATE NOT NULL,
    project_code VARCHAR,
    client VARCHAR,
    project VARCHAR,
    category VARCHAR,
    person VARCHAR,
    amount DECIMAL(18, 4) NOT NULL,
    billable BOOLEAN NOT NULL,
    pass_through BOOLEAN NOT NULL,
    currency VARCHAR
);
-- Warehouses from before expenses named their person gain the column.
ALTER TABLE raw_expenses ADD COLUMN IF NOT EXISTS person VARCHAR;
