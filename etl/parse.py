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
    "is in another currency than the warehouse's reporting currency and no exchange rate for it "
    "on that date is loaded (studio template: exchange rates)",
    "repeats the key of a later row in this file; the later row was loaded",
    "expected a duration such as 1:30:00, 1:30 or 1.5",
)
PARSE_REASON = {"number": 2, "date": 3, "bool": 4, "currency": 5, "duration": 9}
MISSING, EXTRA_CELLS, OTHER_CURRENCY, DUPLICATE = 1, 6, 7, 8
PARSERS = {
    "text": "parse_text({c})",
    "number": "parse_number({c}, $decimal_comma)",
    "date": "parse_date({c}, $date_order)",
    "bool": "parse_bool({c})",
    "currency": "parse_currency({c})",
    "duration": "parse_duration({c}, $decimal_comma)",
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

    @property
    def kept(self) -> list[int]:
        """Indexes of the file columns the import reads: mapped fields and the spare columns."""
        fields = {index for index, _ in self.fields.values()}
        # The first column too: totals and footers are recognised by it.
        return sorted(fields | {0} | set(range(self.header_width, self.width)))

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


def profile_values(con: duckdb.DuckDBPyConnection, layout: Layout) -> int:
    """Count the file's records and keep the distinct texts (with uses) of its number, date and
    currency columns in `src_values`, all in one scan; return the record count."""
    kinds = ("number", "duration", "date", "currency")
    columns = [c for kind in kinds for c in layout.columns_of(kind)]
    histograms = "".join(f", histogram(nullif(trim({c}::VARCHAR), '')) AS {c}" for c in columns)
    profile = f"SELECT count(*) AS records{histograms} FROM src_cells"
    con.execute("CREATE OR REPLACE TEMP TABLE src_profile AS " + profile)
    con.execute("CREATE OR REPLACE TEMP TABLE src_values (col VARCHAR, v VARCHAR, uses BIGINT)")
    for c in columns:
        con.execute(
            f"INSERT INTO src_values SELECT $col, unnest(map_keys({c})), unnest(map_values({c})) "
            "FROM src_profile",
            {"col": c},
        )
    return first_row(con.execute("SELECT records FROM src_profile"))[0]


def values_of(layout: Layout, *parsers: str) -> tuple[str, dict[str, list[str]]]:
    """SQL over `src_values` restricted to the columns read with `parsers`, and its parameters."""
    columns = [c for parser in parsers for c in layout.columns_of(parser)]
    return "(SELECT v, uses FROM src_values WHERE list_contains($cols, col))", {"cols": columns}


def decimal_comma(con: duckdb.DuckDBPyConnection, layout: Layout) -> bool:
    """True when the file's numbers use a decimal comma (7,5 or 1.234,50)."""
    values, params = values_of(layout, "number", "duration")
    sql = (
        "SELECT count(*) FILTER (regexp_matches(v, '\\d,\\d{1,2}$|\\d,\\d{4,}$|\\.\\d{3},')), "
        "count(*) FILTER (regexp_matches(v, '\\d\\.\\d{1,2}$|\\d\\.\\d{4,}$|,\\d{3}\\.')) "
        f"FROM {values}"
    )
    comma, dot = first_row(con.execute(sql, params))
    return comma > 0 and dot == 0


def date_order(
    con: duckdb.DuckDBPyConnection, layout: Layout, chosen: str | None, file_name: str
) -> str | None:
    """'dmy' or 'mdy' as the file's own dates prove it; an ambiguous file needs `chosen`."""
    values, params = values_of(layout, "date")
    sql = (
        "SELECT count(*) FILTER (a > 12), count(*) FILTER (b > 12), count(a) FROM ("
        "SELECT TRY_CAST(regexp_extract(v, '^(\\d{1,2})[-/.]\\d{1,2}[-/.]\\d', 1) AS INT) AS a, "
        "TRY_CAST(regexp_extract(v, '^\\d{1,2}[-/.](\\d{1,2})[-/.]\\d', 1) AS INT) AS b "
        f"FROM {values})"
    )
    day_first, month_first, slashed = first_row(con.execute(sql, params))
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


def _exchange_stage(layout: Layout) -> str:
    """`src` with each row's currency and the exchange rate valid on the row's first date."""
    currency = next(i for i, c in layout.fields.values() if c.parser == "currency")
    day = next(i for i, c in layout.fields.values() if c.parser == "date")
    return (
        "SELECT s.*, fx.rate AS fx_rate FROM (SELECT *, "
        f"parse_currency(c{currency}::VARCHAR) AS fx_currency, "
        f"parse_date(c{day}::VARCHAR, $date_order) AS fx_date FROM src) s "
        "ASOF LEFT JOIN raw_exchange_rates fx "
        "ON fx.currency = s.fx_currency AND s.fx_date >= fx.valid_from"
    )


def parse_sql(layout: Layout, convert: bool = False) -> str:
    """SELECT over `src`: typed and derived fields, `problem` = [reason, column] and its value.

    With `convert`, amounts in another currency are converted at the rate valid on the row's
    date; rows in a currency without a rate are rejected."""
    fields, checks = [], []
    rate = "CASE WHEN fx_currency IS NULL OR fx_currency = $currency THEN 1 ELSE fx_rate END"
    for name, (index, column) in layout.fields.items():
        text = f"parse_text(c{index}::VARCHAR)"
        parsed = PARSERS[column.parser].format(c=f"c{index}::VARCHAR")
        fields.append(
            f"{parsed} * {rate} AS {name}" if convert and column.money else f"{parsed} AS {name}"
        )
        if column.required:
            checks.append(f"WHEN {text} IS NULL THEN [{MISSING}, {index}]")
        if column.parser != "text":
            reason = PARSE_REASON[column.parser]
            # A converted amount is NULL without a rate: that is the currency's problem, below.
            value = parsed if convert and column.money else name
            checks.append(f"WHEN {value} IS NULL AND {text} IS NOT NULL THEN [{reason}, {index}]")
        if column.parser == "currency" and layout.fmt.kind != "exchange_rates":
            unconvertible = " AND fx_rate IS NULL" if convert else ""
            checks.append(
                f"WHEN {name} <> $currency{unconvertible} THEN [{OTHER_CURRENCY}, {index}]"
            )
    for spare in range(layout.header_width, layout.width):
        checks.append(
            f"WHEN parse_text(c{spare}::VARCHAR) IS NOT NULL THEN [{EXTRA_CELLS}, {spare}]"
        )
    kept = set(layout.kept)
    cells = ", ".join(f"c{i}::VARCHAR" if i in kept else "NULL" for i in range(layout.width))
    raw = ", ".join(f"c{i}" for i in layout.kept)
    derived = "".join(f", {expr} AS {name}" for name, expr in layout.fmt.derive.items())
    # Typed first, then problems (using the typed values), then the offending cell's text.
    # Totals after the data ('Total', 'Grand total') and footer notes that fill none of the
    # format's columns are not data rows.
    total = "regexp_matches(lower(trim(coalesce(c0::VARCHAR, ''))), '^(grand )?total\\b')"
    mapped = ", ".join(f"parse_text(c{i}::VARCHAR)" for i, _ in layout.fields.values())
    rows = f"({_exchange_stage(layout)})" if convert else "src"
    typed = (
        f"SELECT line, {raw}, {', '.join(fields)}{', fx_rate' if convert else ''} FROM {rows} "
        f"WHERE NOT {total} AND coalesce({mapped}) IS NOT NULL"
    )
    checked = f"SELECT *, CASE {' '.join(checks)} END AS problem FROM ({typed})"
    excluded = f"{raw}, fx_rate" if convert else raw
    return (
        f"SELECT * EXCLUDE ({excluded}), CASE WHEN problem IS NOT NULL "
        f"THEN [{cells}][problem[2] + 1] END AS problem_value{derived} FROM ({checked})"
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


def needs_conversion(con: duckdb.DuckDBPyConnection, layout: Layout, currency: str) -> bool:
    """True when the file has rows in another currency and exchange rates are loaded."""
    if not layout.columns_of("currency") or not layout.columns_of("date"):
        return False
    values, params = values_of(layout, "currency")
    sql = (
        f"SELECT count(*) FROM {values} WHERE parse_currency(v) <> $currency "
        "AND EXISTS (SELECT 1 FROM raw_exchange_rates)"
    )
    return first_row(con.execute(sql, {**params, "currency": currency}))[0] > 0
