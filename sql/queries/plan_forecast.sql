-- One row per client in scope with a plan, earned revenue or a forecast in the as-of date's year (client_plan), with its account manager; largest plan first.
SELECT p.*, coalesce(c.account_manager, '(unassigned)') AS account_manager
FROM client_plan p
LEFT JOIN clients c USING (client)
WHERE in_scope(c.account_manager, p.client, NULL, $manager, $client, NULL, $visible)
ORDER BY p.revenue_target DESC NULLS LAST, p.forecast_year DESC
