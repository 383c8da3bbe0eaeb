-- Name matching and the as-of date, stored in the warehouse because views use them at read time.
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
