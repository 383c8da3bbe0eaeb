-- One row per client and year (key: client, year): the revenue, margin and on-time targets set
-- for it (studio template; margin and on-time as fractions, 0.35 = 35%).
CREATE TABLE IF NOT EXISTS raw_targets (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    client VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    revenue_target DECIMAL(18, 4),
    margin_target DOUBLE,
    on_time_target DOUBLE,
    currency VARCHAR
);
