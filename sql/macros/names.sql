-- Name matching, the as-of date, counted days, stopped projects and short lists, stored in the
-- warehouse because views and queries use them at read time.
CREATE OR REPLACE MACRO normalize_name(s) AS nullif(
    trim(regexp_replace(
        regexp_replace(lower(strip_accents(coalesce(s, ''))), '[^a-z0-9 ]+', ' ', 'g'),
        '\s+(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|ab|as|oy|co|corp|corporation|company|group)\s*$',
        ''
    )),
    ''
);

-- The date every metric view is computed as of: SET VARIABLE as_of, else today.
CREATE OR REPLACE MACRO as_of_date() AS coalesce(getvariable('as_of')::DATE, current_date);

-- A number of days as a reader says it: '1 day', '3 days'.
CREATE OR REPLACE MACRO days_text(n) AS format('{} day{}', n, CASE WHEN n = 1 THEN '' ELSE 's' END);

-- A project cancelled or on hold: it waits on the client, so none of its deliverables is due
-- from the studio and nothing more of it is forecast by the hour.
CREATE OR REPLACE MACRO is_stopped(status) AS coalesce(status, '') IN ('cancelled', 'on_hold');

-- The first five of a list of texts, then how many more: 'Ana (12.0 h), Ben (3.5 h) and 4 more'.
CREATE OR REPLACE MACRO first_five(items) AS
    array_to_string(items[1:5], ', ')
    || CASE WHEN len(items) > 5 THEN format(' and {} more', len(items) - 5) ELSE '' END;
