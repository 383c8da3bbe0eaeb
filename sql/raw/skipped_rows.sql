-- One row per record of the latest import of each file that is report furniture (a title before
-- the header, a total, a footer, an empty row): neither loaded nor rejected, and listed here.
CREATE TABLE IF NOT EXISTS skipped_rows (
    run_id INTEGER NOT NULL,
    file_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    reason VARCHAR NOT NULL,
    text VARCHAR
);
