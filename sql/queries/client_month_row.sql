-- One row (or none): the public view client_month for $client in the month starting $month,
-- with its margin and on-time rate; none when the client is outside the viewer's scope.
SELECT
    m.*,
    margin_pct(m.gross_profit, m.earned_revenue)::DOUBLE AS margin_pct,
    on_time_rate(m.deliverables_on_time, m.deliverables_delivered)::DOUBLE AS on_time_rate
FROM client_month m
WHERE m.client = $client AND m.month = $month::DATE AND visible_to(m.client, $visible)
