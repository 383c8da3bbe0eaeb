-- One row per client (key: client) with its account manager and ';'-separated aliases.
CREATE TABLE IF NOT EXISTS raw_clients (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    client VARCHAR NOT NULL,
    account_manager VARCHAR,
    aliases VARCHAR
);
