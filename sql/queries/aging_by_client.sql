-- One row per filtered client with an unpaid balance at the end of the period, by days past due.
SELECT a.*
FROM ar_aging a
JOIN clients c USING (client)
WHERE in_scope(c.account_manager, a.client, NULL, $manager, $client, NULL, $visible)
ORDER BY a.outstanding DESC
