-- One row per account-log entry version in $log (metrics/account_log.py: each entry's current
-- version, or the versions of one entry) whose client is in the viewer's scope ($visible) and
-- the filters ($manager, $client), dated from $since to $until, of the $kinds and holding $text
-- (case-insensitive; NULL: any), with the client's account manager and the project's name;
-- newest first. The log is not in the warehouse: it is bound as a parameter of this shape.
WITH log AS (
    SELECT unnest($log::STRUCT(
        id VARCHAR, version INTEGER, written_at TIMESTAMP, author VARCHAR, author_email VARCHAR,
        client VARCHAR, project VARCHAR, kind VARCHAR, entry_date DATE, summary VARCHAR,
        people VARCHAR, follow_up VARCHAR, follow_up_owner VARCHAR, follow_up_due DATE,
        follow_up_done BOOLEAN, status VARCHAR
    )[], recursive := true)
)
SELECT
    l.id,
    l.version,
    l.entry_date,
    l.kind,
    l.client,
    l.project AS project_code,
    coalesce(p.project, '') AS project,
    l.summary,
    l.people,
    l.status,
    l.follow_up,
    l.follow_up_owner,
    l.follow_up_due,
    l.follow_up_done,
    l.author,
    l.author_email,
    l.written_at,
    c.account_manager
FROM log l
JOIN clients c USING (client)
LEFT JOIN projects p ON p.project_code = l.project AND p.client = l.client
WHERE in_scope(c.account_manager, l.client, NULL, $manager, $client, NULL, $visible)
    AND ($since::DATE IS NULL OR l.entry_date >= $since::DATE)
    AND ($until::DATE IS NULL OR l.entry_date <= $until::DATE)
    AND ($kinds::VARCHAR[] IS NULL OR list_contains($kinds::VARCHAR[], l.kind))
    AND ($text::VARCHAR IS NULL OR contains(
        lower(concat_ws(' ', l.summary, l.people, l.follow_up, l.follow_up_owner, l.project,
                        p.project, l.author)),
        lower($text::VARCHAR)))
ORDER BY l.entry_date DESC, l.written_at DESC, l.version DESC, l.client, l.id
