"""The parser macros' fast paths (sql/macros/parsers.sql) give exactly what their general path
gives, on every text they take: they exist for speed only (docs/performance.md)."""

from __future__ import annotations

import duckdb
import pytest

from etl.build import read_sql
from etl.load import load_files

# Years a date may be written with: the edges of the calendar and of leap-year rules.
YEARS = ("0000", "0001", "1900", "2000", "2024", "2100", "9999")


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the import's parser macros."""
    connection = duckdb.connect()
    connection.execute(read_sql("macros", "parsers"))
    return connection


def differences(con: duckdb.DuckDBPyConnection, texts: str, fast: str, general: str) -> list:
    """Texts (the SELECT `texts` of a column `s`) on which `fast` and `general` disagree, and how
    many texts were compared and taken by the fast path's shape."""
    rows = con.execute(
        f"SELECT s, {fast} AS fast, {general} AS general FROM ({texts}) "
        f"WHERE fast IS DISTINCT FROM general LIMIT 5"
    ).fetchall()
    return rows


def test_every_dd_mm_yyyy_date_reads_as_the_general_tries_read_it(con):
    # Every two-digit first and second number (00 to 99, so invalid days and months too), each
    # separator and year, in both orders: 420,000 texts.
    texts = (
        "SELECT printf('%02d', a) || sep || printf('%02d', b) || sep || y AS s "
        "FROM range(100) ta(a), range(100) tb(b), unnest(['/', '.', '-']) ts(sep), "
        f"unnest({list(YEARS)}) ty(y)"
    )
    for order in ("dmy", "mdy"):
        found = differences(
            con, texts, f"parse_date(s, '{order}')", f"parse_date_general(s, '{order}')"
        )
        assert found == [], order
    valid = con.execute(f"SELECT count(parse_date(s, 'dmy')) FROM ({texts})").fetchall()[0][0]
    assert valid > 7_000  # the comparison was not between two NULLs


def test_dates_outside_the_fast_shape_take_the_general_path(con):
    texts = (
        "SELECT unnest(['2025-12-31', '31/12/25', '1/2/2025', '31/12/2025 10:00', ' 31/12/2025', "
        "'31/12.2025', '31 Dec 2025', 'Dec 31, 2025', '2025/12/31', '３１/12/2025', NULL]) AS s"
    )
    for order in ("dmy", "mdy", None):
        literal = f"'{order}'" if order else "NULL"
        found = differences(
            con, texts, f"parse_date(s, {literal})", f"parse_date_general(s, {literal})"
        )
        assert found == [], order


def test_a_failed_strptime_of_an_empty_text_is_null(con):
    # The general tries skip a pattern that matched nothing ('' made NULL): as before, no date.
    for formats in ("'%Y-%m-%d', '%Y/%m/%d'", "'%d/%m/%Y', '%d.%m.%Y'", "'%m/%d/%y'"):
        assert con.execute(f"SELECT try_strptime('', [{formats}])").fetchall() == [(None,)]


def test_decimal_comma_numbers_read_as_the_patterns_read_them(con):
    # Signs, thousands groups, decimals of every length, leading zeros and overflow.
    texts = """
        SELECT sign || whole || coalesce(',' || decimals, '') AS s
        FROM unnest(['', '-']) t1(sign),
             unnest(['0', '7', '00', '12', '123', '1234', '1.234', '12.345', '123.456',
                     '1.234.567', '12.345.678.901', '1234567', '123456789012345',
                     '99999999999999', '999999999999999', '9999999999999999999',
                     '999.999.999.999.999', '0.001', '1.23', '1.2345']) t2(whole),
             unnest([NULL, '0', '5', '50', '05', '123', '1234', '12345', '99999', '00001'])
                t3(decimals)
    """
    found = differences(con, texts, "parse_number(s, true)", "parse_number_general(s, true)")
    assert found == []
    taken = "regexp_full_match(s, '-?\\d{1,3}(\\.\\d{3})*(,\\d+)?|-?\\d+(,\\d+)?')"
    shaped = con.execute(f"SELECT count(*) FILTER ({taken}) FROM ({texts})").fetchall()[0][0]
    assert shaped > 300


def test_h_mm_ss_durations_read_as_the_split_reads_them(con):
    texts = """
        SELECT h || ':' || printf('%02d', m) || ':' || printf('%02d', sec) AS s
        FROM unnest(['0', '1', '9', '00', '01', '12', '23', '24', '99', '100', '1000', '007',
                     '2147483647', '2147483648', '99999999999']) th(h),
             range(100) tm(m), range(0, 100, 7) ts(sec)
    """
    found = differences(con, texts, "parse_duration(s, false)", "parse_duration_general(s, false)")
    assert found == []
    other = "SELECT unnest(['1:30', '01:30', '1:5:3', '1.5', '1,5', ' 01:30:00', 'x:00:00']) AS s"
    for comma in ("true", "false"):
        found = differences(
            con, other, f"parse_duration(s, {comma})", f"parse_duration_general(s, {comma})"
        )
        assert found == []


def test_a_duration_beyond_the_hours_column_is_rejected_not_a_crash(tmp_path):
    header = '"User","Client","Project","Description","Billable","Start date","Duration"\n'
    rows = (
        '"Ada","Acme","Logo","x","Yes","2026-03-05","100000000:00:00"\n'
        '"Ada","Acme","Logo","x","Yes","2026-03-05","02:15:00"\n'
    )
    export = tmp_path / "toggl.csv"
    export.write_text(header + rows, encoding="utf-8")
    # The whole import: the parse must not stop at the value it cannot hold.
    (result,) = load_files([export], tmp_path / "studio.duckdb", echo=lambda _: None)
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)


def test_a_cell_is_trimmed_as_trim_trims_it(con):
    # Spaces, tabs, control characters, no-break and other Unicode spaces, letters, at either end.
    ends = ["", " ", "  ", "\t", "\x01", "!", "a", "é", "\u00a0", "\u2009", "\u3000", "\u200b"]
    middles = ["", "x", "a b", "é", " ", "\u00a0"]
    texts = [start + middle + end for start in ends for middle in middles for end in ends]
    rows = con.execute(
        "SELECT s FROM unnest($texts) t(s) WHERE cell_text(s) IS DISTINCT FROM nullif(trim(s), '')",
        {"texts": [*texts, None]},
    ).fetchall()
    assert rows == []


def test_what_the_rows_are_seen_to_hold_is_what_the_profile_finds(con):
    # parse.seen_sql's tests against parse.date_order's and parse.decimal_comma's patterns.
    texts = """
        SELECT unnest([
            '13/02/2026', '02/13/2026', '1/2/2026', '01/02/26', '99/99/2026', '12/12/2026',
            '2026-02-13', '13.02.2026', '13-02-2026', '1/13/2026', '123/1/2026', '13/2', 'x/y/z',
            '7.5', '7.50', '7.500', '7.5000', '1,234.50', '1.234,50', '7,5', '12', '', NULL
        ]) AS s
    """
    a = "TRY_CAST(regexp_extract(s, '^(\\d{1,2})[-/.]\\d{1,2}[-/.]\\d', 1) AS INT)"
    b = "TRY_CAST(regexp_extract(s, '^\\d{1,2}[-/.](\\d{1,2})[-/.]\\d', 1) AS INT)"
    pairs = [
        ("coalesce(over_12(day_month_numbers(s).first), false)", f"coalesce({a} > 12, false)"),
        ("coalesce(over_12(day_month_numbers(s).second), false)", f"coalesce({b} > 12, false)"),
        (
            "coalesce(decimal_point_hint(s), false)",
            "coalesce(regexp_matches(s, '\\d\\.\\d{1,2}$|\\d\\.\\d{4,}$|,\\d{3}\\.'), false)",
        ),
    ]
    for seen, profiled in pairs:
        assert differences(con, texts, seen, profiled) == [], seen


def test_a_two_digit_year_is_this_centurys(con):
    """DuckDB's cast read 31/12/25 as the year 31; a year of four digits reads as written (the
    import rejects far dates only where they place a row: etl/parse.py FAR_DATE)."""
    texts = ["31/12/25", "02/11/26", "2025-12-31", "0001-01-01", "1900-01-01", "2206-12-02",
             "31/12/0025"]  # fmt: skip
    read = con.execute(
        "SELECT list(parse_date(s, 'dmy')::VARCHAR ORDER BY i) FROM "
        "(SELECT unnest($texts) AS s, generate_subscripts($texts, 1) AS i)",
        {"texts": texts},
    ).fetchall()[0][0]
    assert read == ["2025-12-31", "2026-11-02", "2025-12-31", "0001-01-01", "1900-01-01",
                    "2206-12-02", "0025-12-31"]  # fmt: skip


def test_a_duration_with_60_minutes_or_seconds_or_more_is_no_duration(con):
    texts = ["1:61:00", "1:00:99", "0:60", "1:59:59", "25:30", "01:45:00", "1.5"]
    read = con.execute(
        "SELECT list(parse_duration(s, false)::VARCHAR ORDER BY i) FROM "
        "(SELECT unnest($texts) AS s, generate_subscripts($texts, 1) AS i)",
        {"texts": texts},
    ).fetchall()[0][0]
    # 1:59:59 is 1 + 59/60 + 59/3600 = 1.99972… h.
    assert read == [None, None, None, "1.9997", "25.5000", "1.7500", "1.5000"]
