"""Load export files into the warehouse as one all-or-nothing run, then rebuild the views."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from etl import build, parse
from etl.formats import KINDS, Format, Kind
from etl.sources import Source, SourceError, peek_format, read_into, read_source
from etl.warehouse import connect_read_only, first_row, new_version

SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")
DEFAULT_CURRENCY = "EUR"
LOAD_ORDER = ("exchange_rates", "clients", "aliases", "rate_card", "projects")


class ImportFailure(Exception):
    """An import that cannot go ahead; the warehouse was left as it was."""


@dataclass
class FileResult:
    """What happened to one file."""

    name: str
    label: str
    kind: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    first_date: date | None = None
    last_date: date | None = None


def expand(paths: list[Path]) -> list[Path]:
    """Files named directly plus the export files inside named folders, in a stable order:
    exchange rates first (the other files' amounts are converted with them), then what time
    entries link to (clients, rate card, projects), so entries are linked once."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        elif path.exists():
            files.append(path)
        else:
            raise ImportFailure(f"{path}: no such file or folder")

    def stage(path: Path) -> int:
        fmt = peek_format(path)
        kind = fmt.kind if fmt else None
        return LOAD_ORDER.index(kind) if kind in LOAD_ORDER else len(LOAD_ORDER)

    return sorted(files, key=stage)


def load_files(
    paths: list[Path],
    pointer: Path,
    date_order: str | None = None,
    echo: Callable[[str], None] = print,
    progress: bool = False,
    settings: dict[str, str] | None = None,
    commit: bool = True,
    inspect: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> list[FileResult]:
    """Import `paths` into the warehouse at `pointer`; on any error nothing changes.

    `settings` (reporting_currency, payment_term_days) are stored before the files are read.
    `inspect` sees the loaded copy before it is committed; without `commit` (a dry run) the
    copy is thrown away afterwards."""
    files = expand(paths)
    if not files:
        raise ImportFailure("no .csv or .xlsx files to import")
    started = datetime.now()
    with new_version(pointer, commit) as con:
        build.create_schema(con)
        for key, value in (settings or {}).items():
            store_setting(con, key, value)
        run_id = first_row(con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM import_runs"))[0]
        # No transaction needed: the copy being written is thrown away unless everything succeeds.
        if progress:
            con.execute("SET enable_progress_bar = true")
        results = [_load_file(con, path, run_id, date_order, echo) for path in files]
        build.build_views(con)
        checks = reconcile(con)
        echo(
            "Reconciled: "
            + "; ".join(f"{c.measure} {c.loaded:,.2f} = {c.reported:,.2f}" for c in checks)
        )
        con.execute(
            "INSERT INTO import_runs VALUES ($run, $started, now(), 'ok', $files, $read, "
            "$loaded, $rejected, $reconciliation)",
            {
                "reconciliation": json.dumps({c.measure: [c.loaded, c.reported] for c in checks}),
                "run": run_id,
                "started": started,
                "files": len(results),
                "read": sum(r.rows_read for r in results),
                "loaded": sum(r.rows_loaded for r in results),
                "rejected": sum(r.rows_rejected for r in results),
            },
        )
        if inspect:
            inspect(con)
    return results


def rebuild(pointer: Path, echo: Callable[[str], None] = print, if_stale: bool = False) -> None:
    """Rebuild every view of the warehouse from its raw tables (after an upgrade of sql/);
    with `if_stale`, only when the views were built from other SQL files."""
    if not pointer.exists():
        raise ImportFailure(f"{pointer}: there is no warehouse to rebuild")
    if if_stale:
        con = connect_read_only(pointer.resolve())
        try:
            current = build.built_version(con)
        finally:
            con.close()
        if current == build.sql_version():
            echo("The warehouse's views are up to date.")
            return
    with new_version(pointer) as con:
        build.create_schema(con)
        build.build_views(con)
        checks = reconcile(con)
    echo("Rebuilt; reconciled: " + "; ".join(f"{c.measure} {c.loaded:,.2f}" for c in checks))


@dataclass(frozen=True)
class Check:
    """One reconciliation figure: what the files hold and what the views report."""

    measure: str
    loaded: float
    reported: float


def reconcile(con: duckdb.DuckDBPyConnection) -> list[Check]:
    """Compare loaded totals with the metric views over all dates; a mismatch fails the import."""
    con.execute("SET VARIABLE as_of = DATE '9999-12-31'")
    checks = [
        Check(*row) for row in con.execute(build.read_sql("checks", "reconciliation")).fetchall()
    ]
    con.execute("RESET VARIABLE as_of")
    wrong = [c for c in checks if abs(c.loaded - c.reported) > 0.005]
    if wrong:
        raise ImportFailure(
            "the metric views do not reconcile with the files, so nothing was imported: "
            + "; ".join(
                f"{c.measure}: loaded {c.loaded:,.2f}, views {c.reported:,.2f}" for c in wrong
            )
        )
    return checks


def _load_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    run_id: int,
    date_order: str | None,
    echo: Callable[[str], None],
) -> FileResult:
    """Read, parse and load one file, and say what happened to it."""
    try:
        source = read_source(con, path)
        result = load_source(con, source, run_id, date_order)
    except (SourceError, parse.ParseFailure) as exc:
        raise ImportFailure(str(exc)) from exc
    echo(
        f"{path.name}: {result.label} — read {result.rows_read:,}, "
        f"loaded {result.rows_loaded:,}, rejected {result.rows_rejected:,}"
    )
    return result


def store_setting(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    """Set a warehouse setting; the reporting currency cannot change once amounts are loaded."""
    current = first_row(con.execute("SELECT value FROM settings WHERE key = $k", {"k": key}))
    if key == "reporting_currency" and current and current[0] != value:
        loaded = first_row(con.execute("SELECT count(*) FROM raw_invoices"))[0]
        if loaded:
            raise ImportFailure(
                f"the warehouse reports in {current[0]}; its amounts cannot be relabelled {value}. "
                "Import into a new warehouse (--db) to report in another currency"
            )
    con.execute("INSERT OR REPLACE INTO settings VALUES ($k, $v)", {"k": key, "v": value})


def stored_currency(con: duckdb.DuckDBPyConnection) -> str | None:
    """The warehouse's reporting currency, once a file has fixed it."""
    row = first_row(con.execute("SELECT value FROM settings WHERE key = 'reporting_currency'"))
    return row[0] if row else None


def reporting_currency(con: duckdb.DuckDBPyConnection, layout: parse.Layout) -> str:
    """The warehouse's reporting currency, fixed by the first file that states one (the
    currency most of its parsed rows are in)."""
    stored = stored_currency(con)
    if stored:
        return stored
    codes = layout.fields_of("currency")
    if layout.fmt.kind == "exchange_rates" or not codes:  # rates name the currencies converted
        return DEFAULT_CURRENCY
    # The field names are the format's own.
    sql = (
        f"SELECT code FROM (SELECT unnest([{', '.join(codes)}]) AS code FROM parsed) "
        "WHERE code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, code LIMIT 1"
    )
    seen = first_row(con.execute(sql))
    if not seen:
        return DEFAULT_CURRENCY
    con.execute("INSERT INTO settings VALUES ('reporting_currency', $code)", {"code": seen[0]})
    return seen[0]


def file_options(
    con: duckdb.DuckDBPyConnection, layout: parse.Layout, chosen: str | None, file_name: str
) -> dict:
    """How the file must be parsed, as its parsed rows say: decimal comma, date order (`chosen`
    unless the dates prove one), reporting currency and whether amounts need converting. Only a
    file with a decimal comma or day/month-first dates has all its values profiled."""
    unsettled = first_row(con.execute("SELECT bool_or(unsettled) FROM parsed"))[0]
    if unsettled:
        parse.profile_values(con, layout)
    currency = reporting_currency(con, layout)
    return {
        "decimal_comma": bool(unsettled) and parse.decimal_comma(con, layout),
        "date_order": parse.date_order(con, layout, chosen, file_name) if unsettled else chosen,
        "currency": currency,
        "convert": parse.needs_conversion(con, layout, currency),
    }


def _parse(con: duckdb.DuckDBPyConnection, source: Source, options: dict) -> Source:
    """Parse `src` into the temp table `parsed` with `options` (see `file_options`)."""
    return read_into(con, source, "parsed", lambda layout: parse.parse_sql(layout, options))


def load_source(
    con: duckdb.DuckDBPyConnection, source: Source, run_id: int, date_order: str | None = None
) -> FileResult:
    """Parse `src` of one file, keep its rejects and replace the rows it supersedes."""
    fmt, kind = source.fmt, KINDS[source.fmt.kind]
    name = source.path.name
    # Parse as most files read (decimal point, year-first dates, the warehouse's currency); the
    # parsed rows then say how this file reads, and a file that reads otherwise is parsed again.
    likely = {
        "decimal_comma": False,
        "date_order": date_order,
        "currency": stored_currency(con) or DEFAULT_CURRENCY,
        "convert": False,
    }
    source = _parse(con, source, likely)
    options = file_options(con, source.layout, date_order, name)
    if options != likely:
        source = _parse(con, source, options)
    con.execute("DELETE FROM parsed WHERE problem[1] = $code", {"code": parse.NOT_DATA})
    if kind.key and not fmt.group_by:
        parse.mark_duplicates(con, list(kind.key))
    file_id = source.checksum[:16]
    _insert_replacing(con, kind, fmt, file_id)
    _keep_rejects(con, source, run_id, file_id)
    counts = "SELECT count(*) FILTER (problem IS NULL), count(problem) FROM parsed"
    loaded, rejected = first_row(con.execute(counts))
    rejected += len(source.broken_rows)
    result = FileResult(name, fmt.label, fmt.kind, loaded + rejected, loaded, rejected)
    if kind.window:
        span = f"SELECT min({kind.window}), max({kind.window}) FROM {kind.table} WHERE file_id = $f"
        result.first_date, result.last_date = first_row(con.execute(span, {"f": file_id}))
    con.execute(
        "INSERT INTO import_files VALUES ($run, $file_id, $name, $sum, $format, $kind, $read, "
        "$loaded, $rejected, $first, $last)",
        {
            "run": run_id,
            "file_id": file_id,
            "name": name,
            "sum": source.checksum,
            "format": fmt.name,
            "kind": fmt.kind,
            "read": result.rows_read,
            "loaded": loaded,
            "rejected": rejected,
            "first": result.first_date,
            "last": result.last_date,
        },
    )
    return result


def _insert_replacing(
    con: duckdb.DuckDBPyConnection, kind: Kind, fmt: Format, file_id: str
) -> None:
    """Load the good rows of `parsed`, then delete the older rows they supersede.

    Superseded: rows of an earlier load of this same file; rows with the same key (invoice
    number, project code, …); for time and expenses, rows of the same format within the dates
    the new file covers, so overlapping exports are not double counted.
    """
    table = kind.table
    earlier_load = f"DELETE FROM {table} WHERE file_id = $file_id"
    con.execute(earlier_load, {"file_id": file_id})
    available = {r[0] for r in con.execute("DESCRIBE parsed").fetchall()}
    lineage = ("file_id", "line", "source_format")
    columns = "SELECT column_name FROM duckdb_columns() WHERE table_name = $t ORDER BY column_index"
    targets = [r[0] for r in con.execute(columns, {"t": table}).fetchall() if r[0] not in lineage]

    group_by = fmt.group_by

    def pick(column: str) -> str:
        if column not in available:
            return f"NULL AS {column}"
        if not group_by or column in group_by:
            return column
        # Line items: amounts add up, invoice-level fields are taken from the first line.
        return (
            f"sum({column}) AS {column}"
            if column in fmt.sums
            else f"arg_min({column}, line) AS {column}"
        )

    line = "min(line)" if group_by else "line"
    group = f"GROUP BY {', '.join(group_by)}" if group_by else ""
    incoming = (
        f"SELECT getvariable('file_id') AS file_id, {line}::INT AS line, "
        f"getvariable('source_format') AS source_format, {', '.join(pick(c) for c in targets)} "
        f"FROM parsed WHERE problem IS NULL {group}"
    )
    con.execute("SET VARIABLE file_id = $file_id", {"file_id": file_id})
    con.execute("SET VARIABLE source_format = $format", {"format": fmt.name})
    if kind.links:
        # Links resolve against this run's projects and rates; older rows are relinked first.
        build.build_views(con, build.LINK_INPUTS)
        incoming = build.linking(con, kind.links, incoming)
    # Rows carry their line, so the table's order is free: the insert may run on every core.
    con.execute("SET preserve_insertion_order = false")
    try:
        # The table name and the SELECT are the code's own SQL; the file's values are variables.
        con.execute(f"INSERT INTO {table} BY NAME {incoming}")
    finally:
        con.execute("RESET preserve_insertion_order")  # reading a file relies on its order
    if kind.window:
        window = kind.window
        supersede = (
            f"DELETE FROM {table} WHERE file_id <> $file_id AND source_format = $format "
            f"AND {window} BETWEEN (SELECT min({window}) FROM {table} WHERE file_id = $file_id) "
            f"AND (SELECT max({window}) FROM {table} WHERE file_id = $file_id)"
        )
        con.execute(supersede, {"file_id": file_id, "format": fmt.name})
    if kind.key:
        match = " AND ".join(f"old.{k} IS NOT DISTINCT FROM new.{k}" for k in kind.key)
        supersede = (
            f"DELETE FROM {table} old WHERE old.file_id <> $file_id AND EXISTS "
            f"(SELECT 1 FROM {table} new WHERE new.file_id = $file_id AND {match})"
        )
        con.execute(supersede, {"file_id": file_id})


def _keep_rejects(
    con: duckdb.DuckDBPyConnection, source: Source, run_id: int, file_id: str
) -> None:
    """Store every rejected row of this file with its line, column, value and reason."""
    params = {"run": run_id, "file_id": file_id, "name": source.path.name}
    con.execute("DELETE FROM rejects WHERE file_id = $file_id", {"file_id": file_id})
    con.execute(
        """
        INSERT INTO rejects
        SELECT $run, $file_id, $name, line,
               nullif($headers[problem[2] + 1], ''), problem_value, $reasons[problem[1]]
        FROM parsed WHERE problem IS NOT NULL ORDER BY line
        """,
        {
            **params,
            "headers": source.layout.column_headers(source.headers),
            "reasons": list(parse.REASONS),
        },
    )
    for line, reason in source.broken_rows:
        con.execute(
            "INSERT INTO rejects VALUES ($run, $file_id, $name, $line, NULL, NULL, $reason)",
            {
                **params,
                "line": line,
                "reason": f"the row could not be split into columns: {reason}",
            },
        )
