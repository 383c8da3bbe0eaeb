-- One row for the client's work ($client) or one project ($project; NULL = any) in
-- [$start, $end]: revenue earned from fees (fixed fees, retainers), expense cost, pass-through
-- cost and expenses re-billed on time-and-materials work; only the clients in the viewer's
-- scope ($visible).
WITH activity AS (
    SELECT
        sum(a.earned_revenue) FILTER (p.billing_model IN ('fixed_fee', 'retainer')) AS fees,
        sum(a.expense_cost) AS expenses,
        sum(a.pass_through_cost) AS pass_through
    FROM activity_day a
    LEFT JOIN projects p USING (project_code)
    WHERE ($client IS NULL OR a.client = $client)
        AND ($project IS NULL OR a.project_code = $project)
        AND a.day BETWEEN $start AND $end
        AND visible_to(a.client, $visible)
),
rebilled AS (
    SELECT sum(amount) AS rebilled
    FROM expenses
    WHERE ($client IS NULL OR client = $client)
        AND ($project IS NULL OR project_code = $project)
        AND expense_date BETWEEN $start AND least($end, as_of_date())
        AND visible_to(client, $visible)
        AND billable AND billing_model = 'time_and_materials'
)
SELECT
    coalesce(fees, 0)::DOUBLE AS fees,
    coalesce(expenses, 0)::DOUBLE AS expenses,
    coalesce(pass_through, 0)::DOUBLE AS pass_through,
    coalesce(rebilled, 0)::DOUBLE AS rebilled
FROM activity, rebilled
