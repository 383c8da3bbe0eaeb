-- Whether a row is within the page's filters (a NULL filter lets everything through).
CREATE OR REPLACE MACRO in_scope(manager, client, service_line, want_manager, want_client,
                                 want_service_line) AS
    (want_manager IS NULL OR manager = want_manager)
    AND (want_client IS NULL OR client = want_client)
    AND (want_service_line IS NULL OR service_line = want_service_line);
