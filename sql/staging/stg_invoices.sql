-- One row per invoice or credit note; amount excludes tax, credit notes are negative.
SELECT
    file_id,
    invoice_number,
    nullif(trim(client), '') AS client,
    nullif(trim(project_code), '') AS project_code,
    reference,
    issue_date,
    due_date,
    amount,
    tax,
    paid_amount,
    paid_date
FROM raw_invoices
