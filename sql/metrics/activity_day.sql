-- One row per client, project (NULL when unlinked) and day with activity, up to the as-of date.
SELECT * FROM daily_activity WHERE day <= as_of_date()
