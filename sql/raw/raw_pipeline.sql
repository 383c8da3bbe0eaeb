-- One row per sales opportunity (key: client, opportunity) from the studio template: its value,
-- probability (a fraction), expected start and end, and stage as written.
CREATE TABLE IF NOT EXISTS raw_pipeline (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    client VARCHAR NOT NULL,
    opportunity VARCHAR NOT NULL,
    service_line VARCHAR,
    value DECIMAL(18, 4) NOT NULL,
    probability DOUBLE NOT NULL,
    expected_start DATE NOT NULL,
    expected_end DATE,
    stage VARCHAR,
    currency VARCHAR
);
