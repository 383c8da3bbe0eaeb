-- One row per currency and start of validity: the reporting-currency value of one unit.
CREATE TABLE IF NOT EXISTS raw_exchange_rates (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    currency VARCHAR NOT NULL,
    rate DECIMAL(18, 8) NOT NULL,
    valid_from DATE NOT NULL
);
