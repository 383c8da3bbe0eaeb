-- One row: net revenue retention, new and lost clients on the chosen basis, among the viewer's
-- clients: the whole studio, or a manager's portfolio (revenue_retention sums client_ttm, which
-- keeps the clients of the scope metrics/db.py sets from the `visible` parameter;
-- docs/metrics.md).
SELECT * FROM revenue_retention WHERE basis = $basis
