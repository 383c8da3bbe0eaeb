-- Whether a client is in the viewer's scope: `visible` is the list of the clients they may see
-- ($visible, metrics/scope.py), NULL for every client. A name not on the list, or no client at
-- all, is outside a list.
CREATE OR REPLACE MACRO visible_to(client, visible) AS
    visible IS NULL OR coalesce(list_contains(visible::VARCHAR[], client), false);

-- Whether a row is within the viewer's scope and the page's filters (a NULL filter lets
-- everything through).
CREATE OR REPLACE MACRO in_scope(manager, client, service_line, want_manager, want_client,
                                 want_service_line, visible) AS
    visible_to(client, visible)
    AND (want_manager IS NULL OR manager = want_manager)
    AND (want_client IS NULL OR client = want_client)
    AND (want_service_line IS NULL OR service_line = want_service_line);

-- The same for views, like as_of_date(): the scope metrics/db.py sets on the cursor as the
-- variable `visible` (unset: every client). client_ttm reads it, so the shares, ranks and
-- retention built on it are the viewer's portfolio's (docs/metrics.md, "What a manager sees").
CREATE OR REPLACE MACRO viewer_sees(client) AS visible_to(client, getvariable('visible'));
