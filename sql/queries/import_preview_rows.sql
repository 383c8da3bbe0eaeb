-- Up to 10 rows of one imported file as they were loaded into its raw table ($table), in file order.
SELECT * EXCLUDE (file_id, source_format)
FROM query_table($table)
WHERE file_id = $file_id
ORDER BY line
LIMIT 10
