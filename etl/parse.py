"""Turn the text table `src` of one file into typed rows, each with its first problem if any.

The temp relations named here (`src`, `src_cells`, `src_values`, `parsed`, …) are `etl.temps`'s.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import duckdb

from etl import temps
from etl.formats import KINDS, Column, Format, normalize_header
from etl.warehouse import bound, first_row

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
    "expected a share from 0 to 1 such as 35%, 0.35 or 35 (a number above 1 is a percentage)",
    "expected a year from 2000 to 2100 such as 2026",
    "is too large to be right: at most 10,000 hours in one entry, 1,000,000 budget hours, 168 "
    "hours of capacity a week, 999,999 per hour, 1,000,000,000 for an exchange rate and "
    "1,000,000,000,000 in any other amount",
    "is written in another currency than its row's (or, without a currency column, the "
    "warehouse's reporting currency)",
    "is before 1990 or after 2100: a typo or a misreading, which would stretch the dates the "
    "file covers, and so what it replaces",
    "could be a fraction or a percentage: this file writes its shares as percentages (it has "
    "plain numbers above 1, such as 35 for 35%), so write this one with a % sign (90% or 0.9%)",
)
PARSE_REASON = {
    "number": 2, "date": 3, "bool": 4, "currency": 5, "duration": 9, "fraction": 10, "year": 11,
}  # fmt: skip
MISSING, EXTRA_CELLS, OTHER_CURRENCY, DUPLICATE, TOO_LARGE, WRITTEN_IN_OTHER = 1, 6, 7, 8, 12, 13
FAR_DATE, AMBIGUOUS_SHARE = 14, 15
# The dates a file's rows are placed by (an entry's, an expense's, an invoice's issue date) may
# lie only between these: they decide what earlier rows the file replaces.
FIRST_DAY, LAST_DAY = "DATE '1990-01-01'", "DATE '2100-12-31'"
# The most a number may be, by field (else a rate per hour, else any amount): beyond it a value
# is a typo or garbage, and would overflow the warehouse's columns or the metric views' hours ×
# rate (DECIMAL(18, 8)). The reason TOO_LARGE says them all.
# (10,000 h × 999,999 an hour stays below the 10,000,000,000 a DECIMAL(18, 8) holds; an exchange
# rate is stored as one.)
MOST = {"hours": 10_000, "budget_hours": 1_000_000, "weekly_capacity_hours": 168,
        "rate": 1_000_000_000}  # fmt: skip
MOST_RATE, MOST_AMOUNT = 999_999, 1_000_000_000_000
NOT_DATA = 0  # report furniture: neither loaded nor rejected, but listed as skipped
# Kinds of furniture, by the index problem[2] holds for a NOT_DATA row.
FURNITURE = (
    "a total row",
    "a report footer (the date and time the report was run)",
    "an empty row (no value in any column the import reads)",
)
TITLE = "a title row before the header"


def most(field: str) -> int:
    """The largest magnitude the number `field` may hold."""
    return MOST.get(field, MOST_RATE if field.endswith("_rate") else MOST_AMOUNT)


def reasons(fmt: Format) -> tuple[str, ...]:
    """Every reject reason of `fmt` by code: the common ones, then its rules' (code
    len(REASONS) + 1 + the rule's position)."""
    return REASONS + tuple(rule.reason for rule in fmt.rules)


EMPTY = FURNITURE[2]
PARSERS = {
    "text": "{c}",
    "number": "parse_number({c}, $decimal_comma)",
    "date": "parse_date({c}, $date_order)",
    "bool": "parse_bool({c})",
    "currency": "parse_currency_usually({c}, $usual_currency)",
    "duration": "parse_duration({c}, $decimal_comma)",
    "fraction": "parse_fraction({c}, $decimal_comma, $percent_shares)",
    "year": "parse_year({c})",
}

NULL_TYPES = {
    "text": "VARCHAR",
    "number": "DECIMAL(18, 4)",
    "date": "DATE",
    "bool": "BOOLEAN",
    "currency": "VARCHAR",
    "duration": "DECIMAL(12, 4)",
    "fraction": "DOUBLE",
    "year": "INTEGER",
}
# Parsers whose numbers are written with the file's decimal separator.
DECIMAL_PARSERS = ("number", "duration", "fraction")
# What a cell says about how its file reads, as `decimal_comma` and `date_order` (and the macros
# `decimal_comma_hint` and `day_month_hint`) test it in SQL; here for a few of a file's rows.
COMMA_NUMBER = re.compile(r"[0-9],[0-9]{1,2}\Z|[0-9],[0-9]{4,}\Z|\.[0-9]{3},")
POINT_NUMBER = re.compile(r"[0-9]\.[0-9]{1,2}\Z|[0-9]\.[0-9]{4,}\Z|,[0-9]{3}\.")
SLASHED_DATE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.][0-9]")


class ParseFailure(Exception):
    """A file-level problem (ambiguous dates, missing column): the file cannot be loaded."""


@dataclass(frozen=True)
class Hints:
    """What some of a file's values say about how it reads: whether any number is written with
    a decimal comma (7,5 or 1.234,50) or a decimal point (7.50, 1,234.50), and whether any
    day/month date has a number above 12 first or second."""

    comma: bool = False
    point: bool = False
    day_first: bool = False
    month_first: bool = False

    @property
    def decimal_comma(self) -> bool:
        """A decimal comma is proven by one number and contradicted by none."""
        return self.comma and not self.point

    def date_order(self, chosen: str | None) -> str | None:
        """The order the dates prove, else `chosen` (a guess: mixed orders are not refused)."""
        if self.day_first and not self.month_first:
            return "dmy"
        if self.month_first and not self.day_first:
            return "mdy"
        return chosen


@dataclass(frozen=True)
class Layout:
    """Where each field of a format sits in one file: field -> (column index, Column)."""

    fmt: Format
    fields: dict[str, tuple[int, Column]]
    header_width: int  # columns named in the header
    width: int  # columns read, spare ones included
    # A currency named in a header (`Billable Rate (EUR)`) is read as one more cell of every row,
    # column `width`, and is the currency of the whole file.
    header_currency: str | None = None
    # The currency text most of the file's first rows hold ('Euro - EUR'): it is parsed once, the
    # other texts row by row.
    usual_currency: str | None = None
    # What the file's first rows (and rows sampled from all over it) say about its numbers and
    # dates: the first parse goes by it (`load.load_source`), so that a file of decimal commas or
    # day-first dates is not parsed twice.
    head: Hints = Hints()

    @property
    def kept(self) -> list[int]:
        """Indexes of the file columns the import reads: mapped fields and the spare columns."""
        fields = {index for index, _ in self.fields.values()}
        # The first column too: totals and footers are recognised by it.
        return sorted(fields | {0} | set(range(self.header_width, self.width)))

    def column_headers(self, headers: list[str]) -> list[str]:
        """The header of every column read: blank for spare columns, then the header currency."""
        named = headers + [""] * (self.width - len(headers))
        if self.header_currency:
            named.append(self.fields["currency"][1].headers[0])
        return named

    def holds(self, column: str) -> bool:
        """True when the file has a column for the format's `column`, or for a field it is
        derived from (a person from first and last names)."""
        if column in self.fields:
            return True
        derived = self.fmt.derive.get(column, "")
        return any(re.search(rf"\b{name}\b", derived) for name in self.fields)

    def fields_of(self, parser: str) -> list[str]:
        """Names of the fields read with `parser`."""
        return [name for name, (_, column) in self.fields.items() if column.parser == parser]

    def columns_of(self, parser: str) -> list[str]:
        """Generated names (c0, c1, …) of the file columns read with `parser`."""
        return [f"c{i}" for i, column in self.fields.values() if column.parser == parser]


def locate(
    fmt: Format,
    headers: list[str],
    width: int,
    file_name: str,
    first_rows: Sequence[Sequence[str]] = (),
) -> Layout:
    """Map the format's fields onto the file's columns (first matching header wins); the file's
    `first_rows` (cells after the header) give the usual currency text and a first guess at how
    its numbers and dates are written (`Layout.head`, see `hints`)."""
    positions: dict[str, int] = {}
    repeated: dict[int, int] = {}  # a header's first column -> the column that repeats it
    for index, header in enumerate(headers):
        first = positions.setdefault(normalize_header(header), index)
        if first != index and normalize_header(header):
            repeated.setdefault(first, index)
    fields: dict[str, tuple[int, Column]] = {}
    suffixed: dict[str, str] = {}  # field -> the text in its header's parentheses
    for name, column in fmt.columns.items():
        found = [hit for h in column.headers if (hit := _header_position(positions, h))]
        if found:
            index, suffix = found[0]
            fields[name] = (index, column)
            if suffix is not None:
                suffixed[name] = suffix
        elif column.required:
            raise ParseFailure(
                f"{file_name}: recognised as {fmt.label} but the required column "
                f"'{column.headers[0]}' is missing"
            )
    for index, _ in fields.values():
        if index in repeated:  # two columns could hold the field: which one is meant is not known
            raise ParseFailure(
                f"{file_name}: the header names '{headers[index].strip()}' twice (columns "
                f"{index + 1} and {repeated[index] + 1}), so which one to read is not known; "
                "delete or rename one of them"
            )
    codes = {currency_code(suffix) for suffix in suffixed.values()}
    header_currency = codes.pop() if len(codes) == 1 and "currency" not in fields else None
    if header_currency:
        label = f"currency in the header ({header_currency})"
        fields["currency"] = (width, Column((label,), "currency"))
    elif "currency" not in fields:
        # Amounts in a currency the headers do not name (Clockify's own labels) are not read.
        fields = {name: spot for name, spot in fields.items() if name not in suffixed}
    usual_currency = header_currency
    if "currency" in fields and not usual_currency:
        usual_currency = _usual_text(first_rows, fields["currency"][0])
    layout = Layout(fmt, fields, len(headers), width, header_currency, usual_currency)
    return replace(layout, head=hints(layout, first_rows))


def hints(layout: Layout, rows: Sequence[Sequence[str]]) -> Hints:
    """What the cells of a file's `rows` say about how it reads (see `Hints`)."""

    def cells(*parsers: str) -> list[str]:
        at = [i for i, column in layout.fields.values() if column.parser in parsers]
        return [text for row in rows for i in at if i < len(row) and (text := row[i].strip())]

    numbers, dates = cells(*DECIMAL_PARSERS), cells("date")
    slashed = [found.groups() for text in dates if (found := SLASHED_DATE.match(text))]
    return Hints(
        comma=any("," in text and COMMA_NUMBER.search(text) for text in numbers),
        point=any(POINT_NUMBER.search(text) for text in numbers),
        day_first=any(int(first) > 12 for first, _ in slashed),
        month_first=any(int(second) > 12 for _, second in slashed),
    )


def _usual_text(rows: Sequence[Sequence[str]], index: int) -> str | None:
    """The text most of `rows` hold in column `index`, trimmed (None when all are blank)."""
    texts = Counter(text for row in rows if index < len(row) and (text := row[index].strip()))
    return texts.most_common(1)[0][0] if texts else None


def _header_position(positions: dict[str, int], wanted: str) -> tuple[int, str | None] | None:
    """Position of the header `wanted`; one written `Name (*)` matches `Name (any text)` and
    also returns that text."""
    key = normalize_header(wanted)
    if not key.endswith("(*)"):
        return (positions[key], None) if key in positions else None
    prefix = key.removesuffix("(*)").rstrip()
    for header, index in positions.items():
        match = re.fullmatch(re.escape(prefix) + r"\s*\((.*)\)", header)
        if match:
            return index, match.group(1)
    return None


def currency_code(text: str) -> str | None:
    """ISO code of a currency written as a code, a label ('Euro - EUR') or a symbol."""
    match = re.search(r"(?:^|[^A-Z])([A-Z]{3})\s*$", text.upper())
    if match:
        return match.group(1)
    return {"€": "EUR", "£": "GBP", "$": "USD"}.get(text.strip())


def profile_values(con: duckdb.DuckDBPyConnection, layout: Layout) -> None:
    """Keep the distinct texts (with uses) of the file's number, date and currency columns in
    `src_values`, all in one scan of `src`."""
    kinds = (*DECIMAL_PARSERS, "date", "currency")
    columns = [c for kind in kinds for c in layout.columns_of(kind)]
    histograms = ", ".join(f"histogram({c}) AS {c}" for c in columns)
    profile, values = temps.PROFILE, temps.VALUES
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {profile} AS SELECT {histograms} FROM {temps.SOURCE_CELLS}"
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {values} (col VARCHAR, v VARCHAR, uses BIGINT)")
    for c in columns:
        con.execute(
            f"INSERT INTO {values} SELECT $col, unnest(map_keys({c})), unnest(map_values({c})) "
            f"FROM {profile}",
            {"col": c},
        )


def values_of(layout: Layout, *parsers: str) -> tuple[str, dict[str, list[str]]]:
    """SQL over `src_values` restricted to the columns read with `parsers`, and its parameters."""
    columns = [c for parser in parsers for c in layout.columns_of(parser)]
    sql = f"(SELECT v, uses FROM {temps.VALUES} WHERE list_contains($cols, col))"
    return sql, {"cols": columns}


def decimal_comma(con: duckdb.DuckDBPyConnection, layout: Layout) -> bool:
    """True when the file's numbers use a decimal comma (7,5 or 1.234,50)."""
    values, params = values_of(layout, *DECIMAL_PARSERS)
    sql = (
        "SELECT count(*) FILTER (decimal_comma_hint(v)), "
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
    return proven_order(bool(day_first), bool(month_first), bool(slashed), chosen, file_name)


def proven_order(
    day_first: bool, month_first: bool, slashed: bool, chosen: str | None, file_name: str
) -> str | None:
    """The date order of a file whose dates have a number above 12 first (`day_first`) or second
    (`month_first`), or only fit both orders (`slashed`): see `date_order`."""
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


def seen_sql(layout: Layout) -> dict[str, str]:
    """SQL per row of `src` for what only all of a file's values can settle (`settle`): whether
    the row holds a number with a decimal comma (`comma_seen`) or a date written day or month
    first (`slashed_seen`). When the file's first rows suggest decimal commas (`Layout.head`),
    also whether it holds a number with a decimal point (`point_seen`); when they suggest a day
    or month first, whether a date has a number above 12 first or second (`day_first_seen`,
    `month_first_seen`): then the parsed rows settle the file without profiling its values."""
    numbers = [c for parser in DECIMAL_PARSERS for c in layout.columns_of(parser)]
    dates = layout.columns_of("date")

    def any_of(test: str, columns: list[str]) -> str:
        return " OR ".join(test.format(c=c) for c in columns) or "false"

    seen = {
        "comma_seen": any_of("decimal_comma_hint({c})", numbers),
        "slashed_seen": any_of("day_month_hint({c})", dates),
    }
    if layout.head.decimal_comma:
        seen["point_seen"] = any_of("decimal_point_hint({c})", numbers)
    if layout.head.day_first or layout.head.month_first:
        seen["day_first_seen"] = any_of(
            "coalesce(over_12(day_month_numbers({c}).first), false)", dates
        )
        seen["month_first_seen"] = any_of(
            "coalesce(over_12(day_month_numbers({c}).second), false)", dates
        )
    return seen


def settle(
    con: duckdb.DuckDBPyConnection, layout: Layout, chosen: str | None, file_name: str
) -> tuple[bool, str | None]:
    """Whether the parsed file uses a decimal comma, and its date order (`chosen` unless its
    dates prove one), from what its rows were seen to hold (`seen_sql`); all its values are
    profiled only when those do not settle it. The same answer as `decimal_comma` and
    `date_order` give: a value counts once in the profile and on every row here."""
    names = list(seen_sql(layout))
    row = first_row(
        con.execute(f"SELECT {', '.join(f'bool_or({n})' for n in names)} FROM {temps.PARSED}")
    )
    seen = {name: bool(value) for name, value in zip(names, row, strict=True)}
    profiled = False

    def profile() -> None:
        nonlocal profiled
        if not profiled:
            profile_values(con, layout)
            profiled = True

    if not seen["comma_seen"]:
        comma = False
    elif "point_seen" in seen:
        comma = not seen["point_seen"]
    else:
        profile()
        comma = decimal_comma(con, layout)
    if not seen["slashed_seen"]:
        order = chosen
    elif "day_first_seen" in seen:
        first, second = seen["day_first_seen"], seen["month_first_seen"]
        order = proven_order(first, second, True, chosen, file_name)
    else:
        profile()
        order = date_order(con, layout, chosen, file_name)
    return comma, order


def percent_shares(con: duckdb.DuckDBPyConnection, layout: Layout, comma: bool) -> bool:
    """True when the file writes its shares as percentages: one written without a % sign is
    above 1 (`35`), which only a percentage can be. Decided from all its values, read with its
    decimal separator `comma`; only plans and deals hold shares, and they are small files."""
    if not layout.columns_of("fraction"):
        return False
    profile_values(con, layout)
    values, params = values_of(layout, "fraction")
    sql = f"SELECT coalesce(bool_or(percent_share(v, $comma)), false) FROM {values}"
    return first_row(con.execute(sql, {**params, "comma": comma}))[0]


def _row_day(layout: Layout) -> str | None:
    """SQL for the day a row's amounts are converted at: its first date, else 1 January of its
    year (targets); None when the format has neither."""
    for index, column in layout.fields.values():
        if column.parser == "date":
            return f"parse_date(c{index}, $date_order)"
        if column.parser == "year":
            return f"make_date(parse_year(c{index}), 1, 1)"
    return None


def _exchange_stage(layout: Layout) -> str:
    """`src` with each row's currency and the exchange rate valid on the row's first date."""
    currency = next(i for i, c in layout.fields.values() if c.parser == "currency")
    return (
        "SELECT s.*, fx.rate AS fx_rate FROM (SELECT *, "
        f"parse_currency(c{currency}) AS fx_currency, "
        f"{_row_day(layout)} AS fx_date FROM {temps.SOURCE}) s "
        "ASOF LEFT JOIN raw_exchange_rates fx "
        "ON fx.currency = s.fx_currency AND s.fx_date >= fx.valid_from"
    )


def parse_sql(layout: Layout, options: dict) -> tuple[str, dict]:
    """SELECT over `src`: typed and derived fields, `problem` = [reason, column] and its value;
    and its parameters. `options` say how the file reads (`load.file_options`).

    With `convert`, amounts in another currency are converted at the rate valid on the row's
    date; rows in a currency without a rate are rejected."""
    convert = options["convert"]
    fields, checks = [], []
    rate = "CASE WHEN fx_currency IS NULL OR fx_currency = $currency THEN 1 ELSE fx_rate END"
    row_currency = "coalesce(currency, $currency)" if "currency" in layout.fields else "$currency"
    for name, (index, column) in layout.fields.items():
        text = f"c{index}"  # cells come trimmed, NULL when blank (sources.py)
        parsed = PARSERS[column.parser].format(c=text)
        fields.append(
            f"{parsed} * {rate} AS {name}" if convert and column.money else f"{parsed} AS {name}"
        )
        if column.required:
            checks.append(f"WHEN {text} IS NULL THEN [{MISSING}, {index}]")
        if column.parser == "fraction":  # NULL as parsed, but for a reason of its own
            checks.append(
                f"WHEN $percent_shares AND ambiguous_share({text}, $decimal_comma) "
                f"THEN [{AMBIGUOUS_SHARE}, {index}]"
            )
        if column.parser != "text":
            reason = PARSE_REASON[column.parser]
            # A converted amount is NULL without a rate: that is the currency's problem, below.
            value = parsed if convert and column.money else name
            checks.append(f"WHEN {value} IS NULL AND {text} IS NOT NULL THEN [{reason}, {index}]")
        if column.parser in ("number", "duration"):
            checks.append(f"WHEN abs({name}) > {most(name)} THEN [{TOO_LARGE}, {index}]")
        if name == KINDS[layout.fmt.kind].window:
            checks.append(
                f"WHEN {name} NOT BETWEEN {FIRST_DAY} AND {LAST_DAY} THEN [{FAR_DATE}, {index}]"
            )
        if column.money:
            checks.append(
                f"WHEN written_in_other_currency({text}, {row_currency}) "
                f"THEN [{WRITTEN_IN_OTHER}, {index}]"
            )
        if column.parser == "currency" and layout.fmt.kind != "exchange_rates":
            unconvertible = " AND fx_rate IS NULL" if convert else ""
            checks.append(
                f"WHEN {name} <> $currency{unconvertible} THEN [{OTHER_CURRENCY}, {index}]"
            )
    for code, rule in enumerate(layout.fmt.rules, start=len(REASONS) + 1):
        if rule.field in layout.fields:  # the rule's condition is the format's own SQL
            checks.append(f"WHEN {rule.broken} THEN [{code}, {layout.fields[rule.field][0]}]")
    for name, column in layout.fmt.columns.items():
        if name not in layout.fields:  # an optional column the file lacks: derived fields see NULL
            fields.append(f"NULL::{NULL_TYPES[column.parser]} AS {name}")
    for spare in range(layout.header_width, layout.width):
        checks.append(f"WHEN c{spare} IS NOT NULL THEN [{EXTRA_CELLS}, {spare}]")
    kept = set(layout.kept)
    cells = ", ".join(f"c{i}" if i in kept else "NULL" for i in range(max(kept) + 1))
    raw = ", ".join(f"c{i}" for i in layout.kept)
    derived = "".join(f", {expr} AS {name}" for name, expr in layout.fmt.derive.items())
    # Totals ('Total', 'Grand total'), the stamp a report ends with ('Friday, 4 July 2025
    # 09:12 AM GMTZ' alone in the first cell) and rows that fill none of the format's columns
    # are not data rows. They are marked, not filtered, so that every record keeps its position
    # (`sources.read_into` numbers rows by position).
    # A total leaves a required field empty (or unreadable): a client named "Total Wine & More"
    # on a row that has all of them is data.
    incomplete = " OR ".join(
        f"{name} IS NULL" for name, (i, column) in layout.fields.items() if column.required and i
    )
    # The cheap tests come first: a CASE tests what follows an AND only on the rows that pass.
    total = f"({incomplete or 'true'}) AND "
    total += "regexp_matches(lower(coalesce(c0, '')), '^(grand )?total\\b')"
    others = [f"c{i} IS NULL" for i, _ in layout.fields.values() if i != 0]
    stamp = " AND ".join([*others, "report_stamp(c0)"])
    empty = " AND ".join(f"c{i} IS NULL" for i, _ in layout.fields.values())
    checks.insert(0, f"WHEN {total} THEN [{NOT_DATA}, 0]")
    checks.insert(1, f"WHEN {stamp} THEN [{NOT_DATA}, 1]")
    checks.insert(2, f"WHEN {empty} THEN [{NOT_DATA}, 2]")
    rows = f"({_exchange_stage(layout)})" if convert else temps.SOURCE
    # Typed first, then problems (using the typed values), then the offending cell's text.
    seen = "".join(f", {sql} AS {name}" for name, sql in seen_sql(layout).items())
    typed = (
        f"SELECT line, {raw}, {', '.join(fields)}{seen}{', fx_rate' if convert else ''} FROM {rows}"
    )
    checked = f"SELECT *, CASE {' '.join(checks)} END AS problem FROM ({typed})"
    excluded = f"{raw}, fx_rate" if convert else raw
    # A problem's value is the offending cell; furniture keeps its first cell to be listed by.
    sql = (
        f"SELECT * EXCLUDE ({excluded}), CASE WHEN problem[1] = {NOT_DATA} THEN c0 "
        f"WHEN problem IS NOT NULL THEN [{cells}][problem[2] + 1] END AS problem_value{derived} "
        f"FROM ({checked})"
    )
    params = {**options, "usual_currency": layout.usual_currency}
    return sql, bound(sql, params)


def mark_duplicates(con: duckdb.DuckDBPyConnection, key: list[str]) -> None:
    """Reject all but the last row of each key (SQL over the columns of `parsed`) in `parsed`."""
    partition, parsed = ", ".join(key), temps.PARSED
    sql = (
        f"UPDATE {parsed} SET problem = [$code, NULL] FROM (SELECT line AS dup_line FROM ("
        f"SELECT line, max(line) OVER (PARTITION BY {partition}) AS last_line FROM {parsed} "
        f"WHERE problem IS NULL) WHERE line < last_line) WHERE {parsed}.line = dup_line"
    )
    con.execute(sql, {"code": DUPLICATE})


def needs_conversion(con: duckdb.DuckDBPyConnection, layout: Layout, currency: str) -> bool:
    """True when the parsed file has rows in another currency and exchange rates are loaded."""
    codes = layout.fields_of("currency")
    if not codes or _row_day(layout) is None:
        return False
    # The field names are the format's own; the currency is bound.
    other = " OR ".join(f"{code} <> $currency" for code in codes)
    sql = (
        f"SELECT count(*) FROM {temps.PARSED} WHERE ({other}) "
        "AND EXISTS (SELECT 1 FROM raw_exchange_rates)"
    )
    return first_row(con.execute(sql, {"currency": currency}))[0] > 0
