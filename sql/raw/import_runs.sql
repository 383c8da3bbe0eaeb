-- One row per import run: when, outcome, row counts and the reconciliation figures.
CREATE TABLE IF NOT EXISTS import_runs (
    run_id INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    outcome VARCHAR NOT NULL,
    files INTEGER NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    reconciliation VARCHAR,
    rows_skipped BIGINT,
    rows_replaced BIGINT,
    started_by VARCHAR
);
-- Warehouses from before skipped and replaced rows were counted gain the columns.
ALTER TABLE import_runs ADD COLUMN IF NOT EXISTS rows_skipped BIGINT;
ALTER TABLE import_runs ADD COLUMN IF NOT EXISTS rows_replaced BIGINT;
-- Who started the run: the signed-in person in team mode, else the computer's user.
ALTER TABLE import_runs ADD COLUMN IF NOT EXISTS started_by VARCHAR;
