-- One row per loaded invoice line, text trimmed.
SELECT
    invoice_number,
    line_number,
    nullif(trim(client), '') AS client,
    nullif(trim(project), '') AS project,
    item_type,
    amount
FROM raw_invoice_lines
