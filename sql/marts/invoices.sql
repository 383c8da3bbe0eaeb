-- One row per invoice or credit note, linked to its client and (when known) project.
WITH from_lines AS (
    -- An invoice-lines export names each line's project: the invoice bills the project of its
    -- largest line.
    SELECT l.invoice_number, arg_max(u.project_code, abs(l.amount)) AS project_code
    FROM stg_invoice_lines l
    JOIN project_names u
        ON u.name_key = normalize_name(l.client) AND u.project_key = normalize_name(l.project)
    GROUP BY ALL
),
from_reference AS (
    -- Exports without a project column may carry the code in the reference text: exactly one
    -- known code among its words (an equi-join on the words, not a scan of every project).
    SELECT w.invoice_number, min(p.project_code) AS project_code
    FROM (
        SELECT invoice_number, unnest(regexp_extract_all(reference, '[\w][\w./-]*')) AS word
        FROM stg_invoices
        WHERE project_code IS NULL
    ) w
    JOIN projects p ON p.project_code = w.word
    GROUP BY ALL
    HAVING count(DISTINCT p.project_code) = 1
)
SELECT
    i.invoice_number,
    coalesce(n.client, i.client, p.client, '(no client)') AS client,
    p.project_code,
    i.issue_date,
    -- Exports without a due date (Harvest) get the studio's payment term, 30 days unless set.
    coalesce(
        i.due_date,
        i.issue_date + coalesce((SELECT value::INT FROM settings WHERE key = 'payment_term_days'), 30)
    ) AS due_date,
    i.amount,
    i.tax,
    i.paid_amount,
    i.paid_date
FROM stg_invoices i
LEFT JOIN from_lines l ON l.invoice_number = i.invoice_number
LEFT JOIN from_reference r ON r.invoice_number = i.invoice_number
LEFT JOIN client_names n ON n.name_key = normalize_name(i.client)
-- A code names the invoice's project only if the project is the invoice's client's: a code typed
-- in the reference (or the project column) for another client's project does not move revenue
-- between clients (and account managers).
LEFT JOIN projects p
    ON p.project_code = coalesce(i.project_code, l.project_code, r.project_code)
    AND (i.client IS NULL OR p.client = coalesce(n.client, i.client))
