-- One row per deliverable (key: project_code, deliverable) from the studio template.
CREATE TABLE IF NOT EXISTS raw_deliverables (
    file_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    source_format VARCHAR NOT NULL,
    project_code VARCHAR NOT NULL,
    deliverable VARCHAR NOT NULL,
    due_date DATE NOT NULL,
    delivered_date DATE,
    original_due_date DATE
);
