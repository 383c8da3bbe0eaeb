"""Turn the text table `src` of one file into typed rows, each with its first problem if any."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.formats import Column, Format, normalize_header
from etl.warehouse import first_row

# Reject reasons by code: the parse query yields codes; the text is bound when rejects are kept.
REASONS = (
    "missing a value",
    "expected a number such as 1234.50 or 1.234,50",
    "expected a date such as 2026-11-27, or day-first/month-first like the rest of the file",
    "expected Yes or No",
    "expected a currency code such as EUR or a label such as 'Euro - EUR'",
    "has more cells than the header",
    "is in another currency than the warehouse's reporting currency; load an exchange rate file",
    "repeats the key of a later row in this file; the later row was loaded",
)
PARSE_REASON = {"number": 2, "date": 3, "bool": 4, "currency": 5}
MISSING, EXTRA_CELLS, OTHER_CURRENCY, DUPLICATE = 1, 6, 7, 8
PARSERS = {
    "text": "parse_text({c})",
    "number": "parse_number({c}, $decimal_comma)",
    "date": "parse_date({c}, $date_order)",
    "bool": "parse_bool({c})",
    "currency": "parse_currency({c})",
}


class ParseFailure(Exception):
    """A file-level problem (ambiguous dates, missing column): the file cannot be loaded."""


@dataclass(frozen=True)
class Layout:
    """Where each field of a format sits in one file: field -> (column index, Column)."""

    fmt: Format
    fields: dict[str, tuple[int, Column]]
    header_width: int  # columns named in the header
    width: int  # columns read, spare ones included

    def columns_of(self, parser: str) -> list[str]:
        """Generated names (c0, c1, …) of the file columns read with `parser`."""
        return [f"c{i}" for i, column in self.fields.values() if column.parser == parser]


def locate(fmt: Format, headers: list[str], width: int, file_name: str) -> Layout:
    """Map the format's fields onto the file's columns (first matching header wins)."""
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        positions.setdefault(normalize_header(header), index)
    fields = {}
    for name, column in fmt.columns.items():
        found = [
            positions[normalize_header(h)]
            for h in column.headers
            if normalize_header(h) in positions
        ]
        if found:
            fields[name] = (found[0], column)
        elif column.required:
            raise ParseFailure(
                f"{file_name}: recognised as {fmt.label} but the required column "
                f"'{column.headers[0]}' is missing"
            )
    return Layout(fmt, fields, len(headers), width)


def _texts(columns: list[str]) -> str:
    """SQL listing every non-empty text of the given generated columns of `src`."""
    return " UNION ALL ".join(
        f"SELECT trim({c}::VARCHAR) AS v FROM src WHERE {c} <> ''" for c in columns
    )


def decimal_comma(con: duckdb.DuckDBPyConnection, layout: Layout) -> bool:
    """True when the file's numbers use a decimal comma (7,5 or 1.234,50)."""
    columns = layout.columns_of("number")
    if not columns:
        return False
    sql = (
        "SELECT count(*) FILTER (regexp_matches(v, '\\d,\\d{1,2}$|\\d,\\d{4,}$|\\.\\d{3},')), "
        "count(*) FILTER (regexp_matches(v, '\\d\\.\\d{1,2}$|\\d\\.\\d{4,}$|,\\d{3}\\.')) "
        f"FROM ({_texts(columns)})"
    )
    comma, dot = first_row(con.execute(sql))
    return comma > 0 and dot == 0


def date_order(
    con: duckdb.DuckDBPyConnection, layout: Layout, chosen: str | None, file_name: str
) -> str | None:
    """'dmy' or 'mdy' as the file's own dates prove it; an ambiguous file needs `chosen`."""
    columns = layout.columns_of("date")
    if not columns:
        return chosen
    sql = (
        "SELECT count(*) FILTER (a > 12), count(*) FILTER (b > 12), count(a) FROM ("
        "SELECT TRY_CAST(regexp_extract(v, '^(\\d{1,2})[-/.]\\d{1,2}[-/.]\\d', 1) AS INT) AS a, "
        "TRY_CAST(regexp_extract(v, '^\\d{1,2}[-/.](\\d{1,2})[-/.]\\d', 1) AS INT) AS b "
        f"FROM ({_texts(columns)}))"
    )
    day_first, month_first, slashed = first_row(con.execute(sql))
    if day_first and month_first:
        raise ParseFailure(
            f"{file_name}: its dates mix day-first and month-first orders "
            "(some have a day above 12 first, others second); export it with one date format"
        )
    if day_first:
        return "dmy"
    if month_first:
        return "mdy"
    if slashed and chosen is None:
        raise ParseFailure(
            f"{file_name}: every date fits both day-first and month-first (e.g. 03/04/2026), "
            "so the order cannot be told from the file; choose it with --date-order dmy or "
            "--date-order mdy"
        )
    return chosen


def parse_sql(layout: Layout) -> str:
    """SELECT over `src`: typed fields, derived fields and `problem` = [reason code, column]."""
    fields, checks = [], []
    for name, (index, column) in layout.fields.items():
        text = f"c{index}::VARCHAR"
        parsed = PARSERS[column.parser].format(c=text)
        fields.append(f"{parsed} AS {name}")
        if column.required:
            checks.append(f"WHEN parse_text({text}) IS NULL THEN [{MISSING}, {index}]")
        if column.parser != "text":
            reason = PARSE_REASON[column.parser]
            checks.append(
                f"WHEN parse_text({text}) IS NOT NULL AND {parsed} IS NULL THEN [{reason}, {index}]"
            )
        if column.parser == "currency":
            checks.append(f"WHEN {parsed} <> $currency THEN [{OTHER_CURRENCY}, {index}]")
    for spare in range(layout.header_width, layout.width):
        checks.append(
            f"WHEN parse_text(c{spare}::VARCHAR) IS NOT NULL THEN [{EXTRA_CELLS}, {spare}]"
        )
    texts = ", ".join(f"c{i}::VARCHAR" for i in range(layout.width))
    derived = "".join(f", {expr} AS {name}" for name, expr in layout.fmt.derive.items())
    return (
        f"SELECT *{derived} FROM (SELECT line, CASE {' '.join(checks)} END AS problem, "
        f"[{texts}] AS cells, {', '.join(fields)} FROM src)"
    )


def mark_duplicates(con: duckdb.DuckDBPyConnection, key: list[str]) -> None:
    """Reject all but the last row of each key in `parsed`."""
    partition = ", ".join(key)
    sql = (
        "UPDATE parsed SET problem = [$code, NULL] FROM (SELECT line AS dup_line FROM ("
        f"SELECT line, max(line) OVER (PARTITION BY {partition}) AS last_line FROM parsed "
        "WHERE problem IS NULL) WHERE line < last_line) WHERE parsed.line = dup_line"
    )
    con.execute(sql, {"code": DUPLICATE})
