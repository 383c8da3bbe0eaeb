-- One row per invoice or credit note (key: invoice_number); amount excludes tax, credits negative.
CREATE TABLE IF NOT EXISTS raw_invoices (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    invoice_number VARCHAR NOT NULL,
    client VARCHAR,
    project_code VARCHAR,
    reference VARCHAR,
    issue_date DATE NOT NULL,
    due_date DATE,
    amount DECIMAL(18, 4) NOT NULL,
    tax DECIMAL(18, 4) NOT NULL,
    paid_amount DECIMAL(18, 4) NOT NULL,
    paid_date DATE,
    currency VARCHAR
);
