-- Value parsers used by the import: text in, typed value out, NULL when the text does not parse.

-- A cell's text without the spaces around it, NULL when blank. Most cells have nothing to trim,
-- and trim() costs on every one of a million: those are told apart with cheap tests first (trim
-- also takes no-break and other Unicode spaces, so a cell with any non-ASCII character is trimmed;
-- `s >= '!'` says it is not blank and starts with neither a space nor a control character).
CREATE OR REPLACE TEMP MACRO cell_text(s) AS
    CASE
        WHEN s >= '!' AND s NOT LIKE '% ' AND strlen(s) = length(s) THEN s
        ELSE nullif(trim(s), '')
    END;

-- Amounts and hours: currency symbols/codes, thousands separators, (negatives) and trailing minus.
CREATE OR REPLACE TEMP MACRO parse_number_general(s, decimal_comma) AS
    CASE
        -- A thousands separator is always followed by three digits; anything else is the wrong
        -- decimal separator for this file (e.g. 4.500,00 in a file that writes 6.5).
        WHEN decimal_comma AND contains(regexp_replace(trim(s), '\.(\d{3})', '\1', 'g'), '.') THEN NULL
        WHEN NOT decimal_comma AND contains(regexp_replace(trim(s), ',(\d{3})', '\1', 'g'), ',') THEN NULL
        WHEN regexp_full_match(
            trim(s),
            '\(?[-+]?\s*([$€£¥]|[A-Z]{3})?\s*[-+]?\d[\d.,'' \x{00A0}]*\s*([$€£¥]|[A-Z]{3})?\s*\)?-?'
        )
        THEN TRY_CAST(
            (CASE WHEN regexp_matches(trim(s), '^\(|^[^\d]*-|-$') THEN '-' ELSE '' END)
            || CASE
                WHEN decimal_comma THEN replace(regexp_replace(trim(s), '[^\d,]', '', 'g'), ',', '.')
                ELSE regexp_replace(trim(s), '[^\d.]', '', 'g')
            END AS DECIMAL(18, 4)
        )
    END;

-- The same, plain numbers first with the fast cast: 1234.50 in a file of decimal points, and in a
-- file of decimal commas 1234,50 or 1.234,50 with its dots dropped and its comma made a point (the
-- number the patterns give: tests/test_parser_fast_paths.py checks).
CREATE OR REPLACE TEMP MACRO parse_number(s, decimal_comma) AS
    CASE
        WHEN NOT decimal_comma AND TRY_CAST(s AS DECIMAL(18, 4)) IS NOT NULL
            THEN TRY_CAST(s AS DECIMAL(18, 4))
        WHEN decimal_comma AND regexp_full_match(s, '-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?')
            THEN TRY_CAST(replace(replace(s, '.', ''), ',', '.') AS DECIMAL(18, 4))
        ELSE parse_number_general(s, decimal_comma)
    END;

-- Whether an amount is written in a currency other than `currency`: its symbol or code says so
-- ('£1,000' in a euro row; '$' fits any dollar, '¥' the yen and the yuan). Most amounts are
-- digits from end to end: a CASE spares them the pattern.
CREATE OR REPLACE TEMP MACRO written_in_other_currency(s, currency) AS
    CASE WHEN (s[1] BETWEEN '0' AND '9' OR s[1] = '-') AND s[-1] BETWEEN '0' AND '9' THEN false
    ELSE CASE regexp_extract(s, '([$€£¥]|[A-Z]{3})', 1)
        WHEN '' THEN false
        -- The currencies written with $ alone.
        WHEN '$' THEN currency NOT IN ('USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'ARS',
                                       'CLP', 'COP', 'UYU', 'TWD', 'BRL', 'DOP', 'CUP', 'JMD',
                                       'TTD', 'BSD', 'BBD', 'BZD', 'BMD', 'KYD', 'XCD', 'FJD',
                                       'GYD', 'SRD', 'LRD', 'NAD', 'SBD', 'BND', 'TOP', 'WST')
        WHEN '€' THEN currency <> 'EUR'
        WHEN '£' THEN currency <> 'GBP'
        WHEN '¥' THEN currency NOT IN ('JPY', 'CNY')
        ELSE regexp_extract(s, '([$€£¥]|[A-Z]{3})', 1) <> currency
    END END;

-- A share between 0 and 1 (margin, probability), NULL outside 0 to 1 (0% to 100%).
CREATE OR REPLACE TEMP MACRO unit_share(x) AS CASE WHEN x BETWEEN 0 AND 1 THEN x END;

-- A share written without a % sign above 1, which only a percentage can be: one such share makes
-- its file a file of percentages (`parse_fraction`'s `percent`).
CREATE OR REPLACE TEMP MACRO percent_share(s, decimal_comma) AS
    NOT ends_with(trim(s), '%') AND parse_number(s, decimal_comma) > 1;

-- A share written without a % sign that reads as one share as a fraction and as another as a
-- percentage (0.9: 90% or 0.9%; 1: 100% or 1%); 0 is 0 either way.
CREATE OR REPLACE TEMP MACRO ambiguous_share(s, decimal_comma) AS
    NOT ends_with(trim(s), '%') AND parse_number(s, decimal_comma) > 0
    AND parse_number(s, decimal_comma) <= 1;

-- A share from its text: `35%` always; a number without a % sign is a fraction (`0.35`, `1` is
-- 100%) unless its file writes percentages (`percent`, decided per file like the decimal comma:
-- `parse.percent_shares`), then a percentage (`35`), where one from 0 to 1 is NULL: it could be
-- either (`ambiguous_share`, rejected with that reason). NULL too when not a number or outside
-- 0% to 100%.
CREATE OR REPLACE TEMP MACRO parse_fraction(s, decimal_comma, percent) AS unit_share(
    CASE
        WHEN ends_with(trim(s), '%') THEN parse_number(trim(rtrim(trim(s), '%')), decimal_comma) / 100
        WHEN NOT percent THEN parse_number(s, decimal_comma)
        WHEN NOT ambiguous_share(s, decimal_comma) THEN parse_number(s, decimal_comma) / 100
    END::DOUBLE
);

-- A calendar year written as four digits, 2000 to 2100; NULL otherwise.
CREATE OR REPLACE TEMP MACRO parse_year(s) AS
    CASE WHEN TRY_CAST(trim(s) AS INTEGER) BETWEEN 2000 AND 2100 AND regexp_full_match(trim(s), '\d{4}')
        THEN TRY_CAST(trim(s) AS INTEGER) END;

-- A date whose month is an English name or its three-letter abbreviation, day first or month
-- first (the name says which), with a two- or four-digit year.
CREATE OR REPLACE TEMP MACRO parse_month_name_date(s) AS
    try_strptime(
        regexp_replace(regexp_extract(trim(s), '^(\d{1,2}[ -][A-Za-z]+\.?[ -]\d{2,4}|[A-Za-z]+\.?[ -]\d{1,2},? \d{4})', 1), '[.,]', '', 'g'),
        ['%d-%b-%y', '%d %b %y', '%d %b %Y', '%d %B %Y', '%d-%b-%Y', '%d-%B-%Y', '%b %d %Y', '%B %d %Y']
    );

-- A date from 1990 to 2100, else NULL: the cast reads 31/12/25 as the year 31, which is no
-- export's, so such a date is left to the tries that read it as the file's order says.
CREATE OR REPLACE TEMP MACRO plausible_date(d) AS
    CASE WHEN d BETWEEN DATE '1990-01-01' AND DATE '2100-12-31' THEN d END;

-- Dates: ISO always; day-first or month-first as decided for the whole file; a month written as
-- a name in any order (27 Mar 2026, Mar 27, 2026, 27-Mar-26); time part ignored. (A pattern that
-- does not match gives '', and a failed strptime or cast costs many times a successful one: the
-- tries skip what cannot parse.)
CREATE OR REPLACE TEMP MACRO parse_date_general(s, date_order) AS
    coalesce(
        plausible_date(TRY_CAST(s AS DATE)),
        CASE WHEN regexp_matches(s, '[A-Za-z]{3}') THEN parse_month_name_date(s) END,
        try_strptime(nullif(regexp_extract(trim(s), '^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}'), ''), ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d']),
        CASE date_order
            WHEN 'dmy' THEN coalesce(
                try_strptime(nullif(regexp_extract(trim(s), '^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}'), ''), ['%d/%m/%Y', '%d.%m.%Y', '%d-%m-%Y']),
                try_strptime(nullif(regexp_extract(trim(s), '^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}\b'), ''), ['%d/%m/%y', '%d.%m.%y', '%d-%m-%y'])
            )
            WHEN 'mdy' THEN coalesce(
                try_strptime(nullif(regexp_extract(trim(s), '^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}'), ''), ['%m/%d/%Y', '%m.%d.%Y', '%m-%d-%Y']),
                try_strptime(nullif(regexp_extract(trim(s), '^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}\b'), ''), ['%m/%d/%y', '%m.%d.%y', '%m-%d-%y'])
            )
        END
    )::DATE;

-- The same, with the shape most day/month-first files hold (31/12/2025, 31.12.2025, 31-12-2025)
-- read with its one format first: the date the general tries give (every such text is checked by
-- tests/test_parser_fast_paths.py), at a tenth of their cost, as the cast fails on it.
CREATE OR REPLACE TEMP MACRO parse_date(s, date_order) AS
    CASE
        WHEN contains('/.-', substr(s, 3, 1)) AND date_order IN ('dmy', 'mdy')
             AND regexp_full_match(s, '\d\d/\d\d/\d{4}|\d\d\.\d\d\.\d{4}|\d\d-\d\d-\d{4}')
        THEN CASE date_order || substr(s, 3, 1)
            WHEN 'dmy/' THEN try_strptime(s, '%d/%m/%Y')
            WHEN 'dmy.' THEN try_strptime(s, '%d.%m.%Y')
            WHEN 'dmy-' THEN try_strptime(s, '%d-%m-%Y')
            WHEN 'mdy/' THEN try_strptime(s, '%m/%d/%Y')
            WHEN 'mdy.' THEN try_strptime(s, '%m.%d.%Y')
            WHEN 'mdy-' THEN try_strptime(s, '%m-%d-%Y')
        END::DATE
        ELSE parse_date_general(s, date_order)
    END;

-- The stamp a report ends with, alone in its first cell: a weekday, a date and a time of day
-- ("Friday, 4 July 2025 09:12 AM GMTZ"; QuickBooks may put the basis first).
CREATE OR REPLACE TEMP MACRO report_stamp(s) AS
    regexp_matches(
        s, '^((accrual|cash) basis\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day\b.*\d{1,2}:\d{2}', 'i'
    );

-- Yes/No in English and the common localized forms seen in exports; the usual two are tested
-- first. (Patterns, not IN: a long IN list is planned as a join, which loses the records' order.)
CREATE OR REPLACE TEMP MACRO parse_bool(s) AS
    CASE lower(trim(s))
        WHEN 'yes' THEN true
        WHEN 'no' THEN false
        ELSE CASE
            WHEN regexp_full_match(lower(trim(s)), 'y|true|1|x|ja|oui|si|sí|sim|kyllä|tak|да') THEN true
            WHEN regexp_full_match(lower(trim(s)), 'n|false|0|nein|non|nee|nej|ei|não|nie|нет') THEN false
        END
    END;

-- Currency as an ISO code, from a code, a label ("Euro - EUR") or a symbol.
CREATE OR REPLACE TEMP MACRO parse_currency(s) AS
    CASE
        -- The usual text, tested cheaply: the code ends it, after a non-letter if anything comes
        -- before it. The pattern below also takes a code followed by tabs or line breaks.
        WHEN regexp_full_match(right(upper(trim(s)), 4), '([^A-Z]|^)[A-Z]{3}') THEN right(upper(trim(s)), 3)
        ELSE coalesce(
            nullif(regexp_extract(upper(s), '(^|[^A-Z])([A-Z]{3})\s*$', 2), ''),
            CASE trim(s) WHEN '€' THEN 'EUR' WHEN '£' THEN 'GBP' WHEN '$' THEN 'USD' END
        )
    END;

-- The same, for a column whose usual text (read from the file's first rows) is parsed once rather
-- than on every row.
CREATE OR REPLACE TEMP MACRO parse_currency_usually(s, usual) AS
    CASE WHEN s = usual THEN parse_currency(usual) ELSE parse_currency(s) END;

-- Durations as hours: H:MM:SS, HH:MM (hours may exceed 24; minutes and seconds below 60) or a
-- decimal number of hours; NULL beyond what the hours column holds (100,000,000 h), as for any
-- text that is no duration.
CREATE OR REPLACE TEMP MACRO parse_duration_general(s, decimal_comma) AS
    CASE
        WHEN regexp_full_match(trim(s), '\d+:[0-5]?\d(:[0-5]?\d)?')
            THEN TRY_CAST(
                TRY_CAST(split_part(trim(s), ':', 1) AS INTEGER)
                + TRY_CAST(split_part(trim(s), ':', 2) AS INTEGER) / 60
                + coalesce(TRY_CAST(nullif(split_part(trim(s), ':', 3), '') AS INTEGER), 0) / 3600
                AS DECIMAL(12, 4)
            )
        ELSE parse_number(s, decimal_comma)
    END;

-- The same, the usual H:MM:SS cut at fixed places from its end: the hours the split gives
-- (tests/test_parser_fast_paths.py checks), at a third of its cost.
CREATE OR REPLACE TEMP MACRO parse_duration(s, decimal_comma) AS
    CASE
        WHEN regexp_full_match(s, '\d+:[0-5]\d:[0-5]\d')
            THEN TRY_CAST(
                TRY_CAST(substr(s, 1, strlen(s) - 6) AS INTEGER)
                + TRY_CAST(substr(s, -5, 2) AS INTEGER) / 60
                + TRY_CAST(right(s, 2) AS INTEGER) / 3600
                AS DECIMAL(12, 4)
            )
        ELSE parse_duration_general(s, decimal_comma)
    END;

-- Texts that only all of a file's values can settle, so the import profiles the whole file when
-- it meets one (etl/load.py): a number with a decimal comma (7,5 or 1.234,50), and a date with the
-- day or month first (03/04/2026). These run on every cell: cheap tests rule out most cells before
-- the pattern, and a CASE (unlike AND) skips the pattern for them.
CREATE OR REPLACE TEMP MACRO decimal_comma_hint(s) AS
    CASE WHEN contains(s, ',') THEN regexp_matches(s, '\d,\d{1,2}$|\d,\d{4,}$|\.\d{3},') ELSE false END;

CREATE OR REPLACE TEMP MACRO day_month_hint(s) AS
    CASE
        WHEN contains('-/.', substr(s, 2, 1)) OR contains('-/.', substr(s, 3, 1))
            THEN regexp_matches(s, '^\d{1,2}[-/.]\d{1,2}[-/.]\d')
        ELSE false
    END;

-- In a file whose first rows hold decimal commas or day/month-first dates, the rows also say what
-- would contradict them: a number with a decimal point (7.50, 1,234.50); whether a day/month date
-- has a number above 12 first or second (what `parse.date_order` profiles; false for a text of
-- another shape, and the pattern is matched once for both).
CREATE OR REPLACE TEMP MACRO decimal_point_hint(s) AS
    CASE WHEN contains(s, '.') THEN regexp_matches(s, '\d\.\d{1,2}$|\d\.\d{4,}$|,\d{3}\.') ELSE false END;

CREATE OR REPLACE TEMP MACRO over_12(n) AS strlen(n) = 2 AND n > '12';

CREATE OR REPLACE TEMP MACRO day_month_numbers(s) AS
    CASE
        WHEN contains('-/.', substr(s, 2, 1)) OR contains('-/.', substr(s, 3, 1))
            THEN regexp_extract(s, '^(\d{1,2})[-/.](\d{1,2})[-/.]\d', ['first', 'second'])
    END;
