-- One row per skipped record (of one file when $file_id is set): the report furniture (titles,
-- totals, footers, empty rows) that was neither loaded nor rejected, where it is and what it says.
SELECT file_name, line, reason, text
FROM skipped_rows
WHERE $file_id::VARCHAR IS NULL OR file_id = $file_id
ORDER BY file_name, line
