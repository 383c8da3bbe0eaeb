-- One row per rejected input row (of one file when $file_id is set): where it is, what and why.
SELECT file_name, line, column_name, value, reason
FROM rejects
WHERE $file_id::VARCHAR IS NULL OR file_id = $file_id
ORDER BY file_name, line
