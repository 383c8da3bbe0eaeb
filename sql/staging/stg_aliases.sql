-- One row per confirmed alias: another spelling of a client, or the name a client's project goes by.
SELECT
    trim(alias) AS alias,
    trim(client) AS client,
    nullif(trim(project_code), '') AS project_code
FROM raw_aliases
