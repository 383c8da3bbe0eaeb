-- One row: net revenue retention, new and lost clients on the chosen basis (whole studio).
SELECT * FROM revenue_retention WHERE basis = $basis
