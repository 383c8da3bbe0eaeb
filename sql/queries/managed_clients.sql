-- One row per client whose account manager is $manager (the clients mart: the clients template,
-- else the manager of most of the client's projects), matched without case or outer spaces.
SELECT client, account_manager
FROM clients
WHERE lower(trim(account_manager)) = lower(trim($manager))
ORDER BY client
