-- One row per invoice line as read from an invoice-lines export (key: invoice_number, line_number):
-- it says which projects an invoice bills; the invoice itself comes from an invoices export.
CREATE TABLE IF NOT EXISTS raw_invoice_lines (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    invoice_number VARCHAR NOT NULL,
    line_number INTEGER NOT NULL,
    client VARCHAR,
    project VARCHAR,
    item_type VARCHAR,
    description VARCHAR,
    issue_date DATE,
    amount DECIMAL(18, 4) NOT NULL,
    currency VARCHAR
);
