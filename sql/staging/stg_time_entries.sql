-- One row per loaded time entry with its stored links (the parser has already trimmed the text).
SELECT * EXCLUDE (currency)
FROM raw_time_entries
