-- One row per import run, file and earlier file it replaced rows of: how many rows went, and
-- their hours (time entries) or amount (expenses, invoices), so no import replaces in silence.
CREATE TABLE IF NOT EXISTS import_replacements (
    run_id INTEGER NOT NULL,
    file_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    replaced_file_id VARCHAR NOT NULL,
    replaced_file_name VARCHAR NOT NULL,
    rows_replaced BIGINT NOT NULL,
    hours DECIMAL(18, 4),
    amount DECIMAL(18, 4),
    -- of those rows, how many were of clients, projects or people the file does not hold (only
    -- a file imported as the complete export for its dates replaces such rows)
    rows_beyond_file BIGINT NOT NULL DEFAULT 0
);
