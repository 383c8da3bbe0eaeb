-- One row: the project's totals, health and estimate at completion as of the as-of date; none
-- when the project is unknown or its client is outside the viewer's scope ($visible).
SELECT
    h.*,
    s.earned_revenue,
    s.billed_revenue,
    s.labour_cost,
    s.expense_cost,
    s.gross_profit,
    s.margin_pct,
    s.effective_rate,
    s.uninvoiced_amount,
    c.account_manager
FROM project_health h
JOIN project_summary s USING (project_code)
JOIN clients c ON c.client = h.client
WHERE h.project_code = $project AND visible_to(h.client, $visible)
