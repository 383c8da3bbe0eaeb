-- One row per file per import run: format and encoding detected, checksum and row counts. The
-- file's records (every record but the header, counted by a reader of their own) are accounted
-- for as loaded + rejected + skipped (report furniture, listed in skipped_rows).
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
    last_date DATE,
    rows_skipped BIGINT,
    encoding VARCHAR,
    complete BOOLEAN,
    source_label VARCHAR
);
-- Warehouses from before the records were counted gain the columns.
ALTER TABLE import_files ADD COLUMN IF NOT EXISTS rows_skipped BIGINT;
ALTER TABLE import_files ADD COLUMN IF NOT EXISTS encoding VARCHAR;
ALTER TABLE import_files ADD COLUMN IF NOT EXISTS complete BOOLEAN;
-- The format's name as people read it, so the read side need not know the formats.
ALTER TABLE import_files ADD COLUMN IF NOT EXISTS source_label VARCHAR;
