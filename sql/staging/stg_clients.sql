-- One row per client in the clients template, with its normalized name key and aliases.
SELECT
    trim(client) AS client,
    normalize_name(client) AS client_key,
    nullif(trim(account_manager), '') AS account_manager,
    list_filter(list_transform(string_split(coalesce(aliases, ''), ';'), lambda a: trim(a)), lambda a: a <> '')
        AS aliases
FROM raw_clients
