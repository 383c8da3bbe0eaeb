-- One row per alias confirmed for a client (no project code) or a client's project (key: alias, client, project_code).
CREATE TABLE IF NOT EXISTS raw_aliases (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    client VARCHAR NOT NULL,
    project_code VARCHAR
);
