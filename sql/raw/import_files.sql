-- One row per file per import run: format detected, checksum and row counts.
CREATE TABLE IF NOT EXISTS import_files (
    run_id INTEGER NOT NULL,
    file_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    checksum VARCHAR NOT NULL,
    source_format VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    first_date DATE,
    last_date DATE
);
