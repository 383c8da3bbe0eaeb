"""Value parsers and header detection, one table of cases each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import duckdb
import pytest

from etl.build import read_sql
from etl.formats import FORMATS, closest, detect
from etl.parse import locate


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the import's parser macros."""
    connection = duckdb.connect()
    connection.execute(read_sql("macros", "parsers"))
    return connection


def parse(con: duckdb.DuckDBPyConnection, expression: str, **params: object) -> object:
    """The value of one parser call."""
    sql = "SELECT " + expression  # a parser call written in the test, values bound
    return con.execute(sql, params).fetchall()[0][0]


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("7.5", False, Decimal("7.5")),
        ("1,234.50", False, Decimal("1234.5")),
        ("2.000,0", True, Decimal("2000")),
        ("7,5", True, Decimal("7.5")),
        ("$13.50", False, Decimal("13.5")),
        ("€ 1 234,5", True, Decimal("1234.5")),
        ("13.50 EUR", False, Decimal("13.5")),
        ("(12.5)", False, Decimal("-12.5")),
        ("-3", False, Decimal("-3")),
        ("abc", False, None),
        ("12abc", False, None),
        ("1.234.567", False, None),
        ("99999999999999999999999", False, None),
        ("", False, None),
    ],
)
def test_parse_number(con, text, decimal_comma, expected):
    assert parse(con, "parse_number($t, $d)", t=text, d=decimal_comma) == expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-11-27", None, date(2026, 11, 27)),
        ("2026-11-27 10:15:00", None, date(2026, 11, 27)),
        ("27/11/2026", "dmy", date(2026, 11, 27)),
        ("27.11.2026", "dmy", date(2026, 11, 27)),
        ("27.11.26", "dmy", date(2026, 11, 27)),
        ("11/27/2026", "mdy", date(2026, 11, 27)),
        ("03/04/2026", "dmy", date(2026, 4, 3)),
        ("03/04/2026", "mdy", date(2026, 3, 4)),
        ("31/02/2026", "dmy", None),
        ("soon", "dmy", None),
    ],
)
def test_parse_date(con, text, order, expected):
    assert parse(con, "parse_date($t, $o)", t=text, o=order) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Yes", True), (" yes ", True), ("Ja", True), ("No", False), ("Nein", False), ("Maybe", None)],
)
def test_parse_bool(con, text, expected):
    assert parse(con, "parse_bool($t)", t=text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EUR", "EUR"),
        ("Euro - EUR", "EUR"),
        ("United States Dollar - USD", "USD"),
        ("€", "EUR"),
        ("EUR\t", "EUR"),
        ("Euro - EUR\r\n", "EUR"),
        ("EURO", None),
        ("", None),
    ],
)
def test_parse_currency(con, text, expected):
    assert parse(con, "parse_currency($t)", t=text) == expected


@pytest.mark.parametrize(
    ("text", "usual", "expected"),
    [
        ("Euro - EUR", "Euro - EUR", "EUR"),
        ("USD", "Euro - EUR", "USD"),
        ("Euros", "Euros", None),
        ("EUR", None, "EUR"),
        (None, "Euro - EUR", None),
    ],
)
def test_the_usual_currency_text_reads_as_any_other(con, text, usual, expected):
    assert parse(con, "parse_currency_usually($t, $u)", t=text, u=usual) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme", "Acme"),
        ("  Acme Corp  ", "Acme Corp"),
        ("   ", None),
        ("", None),
        (None, None),
        ("Müller", "Müller"),
        ("\u00a0Müller\u00a0", "Müller"),
    ],
)
def test_a_cell_reads_without_the_spaces_around_it(con, text, expected):
    assert parse(con, "cell_text($t)", t=text) == expected


@pytest.mark.parametrize(
    ("macro", "text", "expected"),
    [
        ("decimal_comma_hint", "7,5", True),
        ("decimal_comma_hint", "1.234,50", True),
        ("decimal_comma_hint", "1,234.50", False),
        ("decimal_comma_hint", "1,234", False),
        ("decimal_comma_hint", None, False),
        ("day_month_hint", "03/04/2026", True),
        ("day_month_hint", "3.4.26", True),
        ("day_month_hint", "1-12-2026", True),
        ("day_month_hint", "2026-04-03", False),
        ("day_month_hint", "2026/04/03", False),
        ("day_month_hint", None, False),
    ],
)
def test_cells_only_the_whole_file_can_settle_are_noticed(con, macro, text, expected):
    assert parse(con, f"{macro}($t)", t=text) == expected


HARVEST_HEADER = [
    "Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Billable?",
    "Invoiced?", "Approved?", "First Name", "Last Name", "Roles", "Employee?", "Billable Rate",
    "Billable Amount", "Cost Rate", "Cost Amount", "Currency", "External Reference URL",
]  # fmt: skip


def test_detects_harvest_time_whatever_the_case_and_spacing():
    headers = ["\ufeff" + HARVEST_HEADER[0].upper(), *(f" {h} " for h in HARVEST_HEADER[1:])]
    assert detect(headers).name == "harvest_time"


def test_detects_every_format_from_its_own_column_names():
    for fmt in FORMATS:
        headers = [column.headers[0] for column in fmt.columns.values()]
        assert detect(headers) is fmt, fmt.name


def test_an_unknown_header_names_the_closest_format_and_what_it_lacks():
    headers = [h for h in HARVEST_HEADER if h not in ("Hours", "Notes")]
    assert detect(headers) is None
    fmt, missing = closest(headers)
    assert fmt.name == "harvest_time"
    assert missing == ["Notes", "Hours"]


def test_the_usual_currency_is_the_text_most_first_rows_hold():
    currency = HARVEST_HEADER.index("Currency")
    rows = [[""] * len(HARVEST_HEADER) for _ in range(3)]
    for row, text in zip(rows, (" Euro - EUR ", "USD", "Euro - EUR"), strict=True):
        row[currency] = text
    layout = locate(detect(HARVEST_HEADER), HARVEST_HEADER, len(HARVEST_HEADER), "t.csv", rows)
    assert layout.usual_currency == "Euro - EUR"
