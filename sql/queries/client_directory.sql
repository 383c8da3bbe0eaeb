-- One row per client with its account manager, for filters.
SELECT client, account_manager FROM clients ORDER BY client
