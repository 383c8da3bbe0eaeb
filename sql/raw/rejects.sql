-- One row per rejected input row of the latest import of each file: where, what and why.
CREATE TABLE IF NOT EXISTS rejects (
    run_id INTEGER NOT NULL,
    file_id VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    line INTEGER,
    column_name VARCHAR,
    value VARCHAR,
    reason VARCHAR NOT NULL
);
