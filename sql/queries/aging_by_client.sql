-- One row per filtered client with an unpaid balance at the end of the period, by days past due.
SELECT a.*
FROM ar_aging a
JOIN clients c USING (client)
WHERE ($manager IS NULL OR c.account_manager = $manager)
    AND ($client IS NULL OR a.client = $client)
ORDER BY a.outstanding DESC
