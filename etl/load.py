"""Load export files into the warehouse as one all-or-nothing run, then rebuild the views."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from etl import build, parse, sources, temps, textfile
from etl.currencies import unknown_currency
from etl.formats import KINDS, Kind
from etl.sources import Source, SourceError, identify, read_into, read_source
from etl.warehouse import (
    WarehouseBusy,
    bound,
    connect_read_only,
    first_row,
    new_version,
    scratch_folder,
)
from settings import MEMORY_LIMIT_VARIABLE, memory_limit

SUFFIXES = sources.CSV_SUFFIXES + sources.WORKBOOK_SUFFIXES
DEFAULT_CURRENCY = "EUR"
LOAD_ORDER = ("exchange_rates", "clients", "aliases", "rate_card", "projects")


class ImportFailure(Exception):
    """An import that cannot go ahead; the warehouse was left as it was."""


def out_of_memory() -> str:
    """Why an import or rebuild stopped when DuckDB could not keep within its memory limit."""
    return (
        f"DuckDB needed more memory than its limit of {memory_limit()} allows "
        f"(${MEMORY_LIMIT_VARIABLE}); set a larger one, e.g. {MEMORY_LIMIT_VARIABLE}=2GB, "
        "and try again"
    )


@dataclass(frozen=True)
class Replaced:
    """Rows of one earlier file that a newer file replaced, with their hours or amount."""

    file_name: str
    rows: int
    total: float | None  # hours (time entries) or amount (expenses, invoices), else None
    unit: str  # "h" or the reporting currency
    beyond: int = 0  # rows of clients, projects or people the file does not hold (--complete)


@dataclass
class FileResult:
    """What happened to one file: its records (every one but the header, counted by a reader
    of their own) are loaded, rejected or skipped as report furniture."""

    name: str
    label: str
    kind: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rows_skipped: int = 0
    first_date: date | None = None
    last_date: date | None = None
    encoding: str | None = None
    replaced: list[Replaced] = field(default_factory=list)
    # Rows of its format on its dates that stay: other clients, projects or people.
    kept: list[Replaced] = field(default_factory=list)

    @property
    def rows_replaced(self) -> int:
        """Rows of earlier files (or an earlier import of this one) this file replaced."""
        return sum(r.rows for r in self.replaced)


def describe_replaced(replaced: Replaced) -> str:
    """'134 rows (327.75 h) of harvest_all.csv'."""
    rows = f"{replaced.rows:,} row{'s' if replaced.rows != 1 else ''}"
    if replaced.total is None:
        return f"{rows} of {replaced.file_name}"
    amount = f"{replaced.total:,.2f}"
    total = f"{amount} h" if replaced.unit == "h" else f"{replaced.unit} {amount}"
    beyond = (
        f", {replaced.beyond:,} of them of clients, projects or people the file does not hold"
        if replaced.beyond
        else ""
    )
    return f"{rows} ({total}) of {replaced.file_name}{beyond}"


KEPT = "other clients, projects or people (a complete export would replace them)"


def describe(result: FileResult) -> str:
    """What happened to one file, as the command line prints it."""
    encoding = f", {textfile.LABELS[result.encoding]}" if result.encoding else ""
    line = (
        f"{result.name}: {result.label}{encoding} — {result.rows_read:,} rows: "
        f"loaded {result.rows_loaded:,}, rejected {result.rows_rejected:,}, "
        f"skipped {result.rows_skipped:,}"
    )
    replaced = "; ".join(describe_replaced(r) for r in result.replaced)
    kept = "; ".join(describe_replaced(r) for r in result.kept)
    if replaced:
        line += f"\n  replaced {replaced}"
    if kept:
        line += f"\n  kept {kept} on its dates: {KEPT}"
    return line


def expand(paths: list[Path]) -> list[Path]:
    """Files named directly plus the export files inside named folders, in a stable order:
    exchange rates first (the other files' amounts are converted with them), then what time
    entries link to (clients, rate card, projects), so entries are linked once. Every file is
    recognised first: one that is empty or not a known export fails before any is read."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES)
        elif path.exists():
            files.append(path)
        else:
            raise ImportFailure(f"{path}: no such file or folder")
    kinds, problems = {}, []
    for path in files:
        try:
            kinds[path] = identify(path).kind
        except SourceError as exc:
            problems.append(str(exc))
    if problems:
        raise ImportFailure("\n".join(problems))

    def stage(path: Path) -> int:
        kind = kinds[path]
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
    complete: bool = False,
    wait: float = 300,
    by: str | None = None,
) -> list[FileResult]:
    """Import `paths` into the warehouse at `pointer`; on any error nothing changes.

    `settings` (reporting_currency, payment_term_days) are stored before the files are read.
    `inspect` sees the loaded copy before it is committed; without `commit` (a dry run) the
    copy is thrown away afterwards. With `complete`, each file is the complete export of its
    format for its dates: it replaces every earlier row of that format in its date range, not
    only those of the clients, projects and people it holds. An import waits up to `wait`
    seconds for one already running (saying so through `echo`). The run records `by`, who
    started it (the signed-in person, else this computer's user)."""
    currency = (settings or {}).get("reporting_currency")
    if currency and unknown_currency(currency):
        raise ImportFailure(unknown_currency(currency))
    files = expand(paths)
    if not files:
        raise ImportFailure("no .csv or .xlsx files to import")
    started = datetime.now()
    names = ", ".join(path.name for path in files)
    try:
        with (
            new_version(pointer, commit, what=names, wait=wait, echo=echo) as con,
            scratch_folder(pointer, commit) as scratch,
        ):
            build.create_schema(con)
            for key, value in (settings or {}).items():
                store_setting(con, key, value)
            next_run = "SELECT coalesce(max(run_id), 0) + 1 FROM import_runs"
            run_id = first_row(con.execute(next_run))[0]
            # No transaction needed: the copy is thrown away unless everything succeeds.
            if progress:
                con.execute("SET enable_progress_bar = true")
            load = FileLoad(con, run_id, date_order, complete, scratch)
            results = [_load_file(load, path, echo) for path in files]
            build.build_views(con)
            checks = reconcile(con)
            echo(
                "Reconciled: "
                + "; ".join(f"{c.measure} {c.loaded:,.2f} = {c.reported:,.2f}" for c in checks)
            )
            _record_run(con, run_id, started, results, checks, by or getpass.getuser())
            if inspect:
                inspect(con)
    except WarehouseBusy as exc:
        raise ImportFailure(str(exc)) from exc
    except duckdb.OutOfMemoryException as exc:
        raise ImportFailure(out_of_memory()) from exc
    return results


@dataclass(frozen=True)
class FileLoad:
    """What every file of one import run is loaded with."""

    con: duckdb.DuckDBPyConnection
    run_id: int
    date_order: str | None
    complete: bool
    scratch: Path  # a folder for UTF-8 copies of files in other encodings


def _record_run(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    started: datetime,
    results: list[FileResult],
    checks: list[Check],
    by: str,
) -> None:
    """Add the run to the import history: who, its files' counts and the reconciliation."""
    con.execute(
        "INSERT INTO import_runs BY NAME SELECT $run AS run_id, $started AS started_at, "
        "now() AS finished_at, 'ok' AS outcome, $files AS files, $read AS rows_read, "
        "$loaded AS rows_loaded, $rejected AS rows_rejected, $skipped AS rows_skipped, "
        "$replaced AS rows_replaced, $reconciliation AS reconciliation, $by AS started_by",
        {
            "reconciliation": json.dumps({c.measure: [c.loaded, c.reported] for c in checks}),
            "run": run_id,
            "started": started,
            "files": len(results),
            "read": sum(r.rows_read for r in results),
            "loaded": sum(r.rows_loaded for r in results),
            "rejected": sum(r.rows_rejected for r in results),
            "skipped": sum(r.rows_skipped for r in results),
            "replaced": sum(r.rows_replaced for r in results),
            "by": by,
        },
    )


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
    try:
        with new_version(pointer) as con:
            build.create_schema(con)
            build.build_views(con)
            checks = reconcile(con)
    except duckdb.OutOfMemoryException as exc:
        raise ImportFailure(out_of_memory()) from exc
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


def _load_file(load: FileLoad, path: Path, echo: Callable[[str], None]) -> FileResult:
    """Read, parse and load one file, and say what happened to it."""
    try:
        try:
            source = read_source(load.con, path, load.scratch)
            result = load_source(load, source)
        except textfile.NotUtf8:  # found past the first bytes: read it again, all of it
            source = read_source(load.con, path, load.scratch, textfile.CP1252)
            result = load_source(load, source)
    except (SourceError, parse.ParseFailure) as exc:
        raise ImportFailure(str(exc)) from exc
    except sources.CsvSplitError as exc:
        raise ImportFailure(f"{path.name}, {exc}") from exc
    echo(describe(result))
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
    # The field names are the format's own; one field is read as it is (unnest costs).
    column = codes[0] if len(codes) == 1 else f"unnest([{', '.join(codes)}])"
    sql = (
        f"SELECT code FROM (SELECT {column} AS code FROM {temps.PARSED}) "
        "WHERE code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, code LIMIT 1"
    )
    seen = first_row(con.execute(sql))
    if not seen:
        return DEFAULT_CURRENCY
    con.execute("INSERT INTO settings VALUES ('reporting_currency', $code)", {"code": seen[0]})
    return seen[0]


def _likely_currency(con: duckdb.DuckDBPyConnection, layout: parse.Layout) -> str:
    """The reporting currency a new warehouse will likely take from this file: the currency of
    its first rows (`reporting_currency` settles it from all of them)."""
    if layout.fmt.kind == "exchange_rates" or not layout.usual_currency:
        return DEFAULT_CURRENCY
    code = first_row(con.execute("SELECT parse_currency($t)", {"t": layout.usual_currency}))[0]
    return code or DEFAULT_CURRENCY


def file_options(
    con: duckdb.DuckDBPyConnection, layout: parse.Layout, chosen: str | None, file_name: str
) -> dict:
    """How the file must be parsed, as its parsed rows say: decimal comma, date order (`chosen`
    unless the dates prove one), whether its shares are percentages, reporting currency and
    whether amounts need converting. Only a file with a decimal comma or day/month-first dates
    its first rows did not foretell, or with shares, has all its values profiled
    (`parse.settle`, `parse.percent_shares`)."""
    comma, order = parse.settle(con, layout, chosen, file_name)
    currency = reporting_currency(con, layout)
    return {
        "decimal_comma": comma,
        "date_order": order,
        "percent_shares": parse.percent_shares(con, layout, comma),
        "currency": currency,
        "convert": parse.needs_conversion(con, layout, currency),
    }


def _parse(con: duckdb.DuckDBPyConnection, source: Source, options: dict) -> Source:
    """Parse `src` into the temp table `parsed` with `options` (see `file_options`)."""
    return read_into(con, source, temps.PARSED, lambda layout: parse.parse_sql(layout, options))


def load_source(load: FileLoad, source: Source) -> FileResult:
    """Parse `src` of one file, keep its rejects and replace the rows it supersedes; every
    record of the file must be accounted for as loaded, rejected or skipped."""
    con, fmt, kind = load.con, source.fmt, KINDS[source.fmt.kind]
    name = source.path.name
    # Parse as the file's first rows read (decimal comma or point, the date order their dates
    # prove, the warehouse's currency or else theirs); the parsed rows then say how the whole
    # file reads, and a file that reads otherwise is parsed again.
    head = source.layout.head
    likely = {
        "decimal_comma": head.decimal_comma,
        "date_order": head.date_order(load.date_order),
        "percent_shares": False,  # a file of percentages is parsed again: plans are small
        "currency": stored_currency(con) or _likely_currency(con, source.layout),
        "convert": False,
    }
    source = _parse(con, source, likely)
    options = file_options(con, source.layout, load.date_order, name)
    if options != likely:
        source = _parse(con, source, options)
    file_id = source.checksum[:16]
    skipped = _keep_skipped(con, source, load.run_id, file_id)
    if kind.names:  # resolved against this run's clients and aliases, which load first
        build.build_views(con, build.NAME_INPUTS)
    if kind.key and not fmt.group_by:
        parse.mark_duplicates(con, _key(kind, temps.PARSED))
    _keep_rejects(con, source, load.run_id, file_id)
    counts = f"SELECT count(*) FILTER (problem IS NULL), count(problem) FROM {temps.PARSED}"
    loaded, rejected = first_row(con.execute(counts))
    rejected += len(source.broken_rows)
    result = FileResult(
        name, fmt.label, fmt.kind, source.records - 1, loaded, rejected, skipped,
        encoding=source.encoding,
    )  # fmt: skip
    _account_for_every_record(con, source, result, file_id)
    _insert_replacing(con, kind, source.layout, file_id, load, result)
    con.execute(
        "INSERT INTO import_files BY NAME SELECT $run AS run_id, $file_id AS file_id, "
        "$name AS file_name, $sum AS checksum, $format AS source_format, $kind AS kind, "
        "$read AS rows_read, $loaded AS rows_loaded, $rejected AS rows_rejected, "
        "$skipped AS rows_skipped, $first AS first_date, $last AS last_date, "
        "$encoding AS encoding, $complete AS complete, $label AS source_label",
        {
            "run": load.run_id,
            "file_id": file_id,
            "name": name,
            "sum": source.checksum,
            "format": fmt.name,
            "kind": fmt.kind,
            "read": result.rows_read,
            "loaded": loaded,
            "rejected": rejected,
            "skipped": skipped,
            "first": result.first_date,
            "last": result.last_date,
            "encoding": source.encoding,
            "complete": load.complete,
            "label": fmt.label,
        },
    )
    return result


def _account_for_every_record(
    con: duckdb.DuckDBPyConnection, source: Source, result: FileResult, file_id: str
) -> None:
    """Fail the import when the file's records are not all loaded, rejected or skipped, or
    when every data row was rejected."""
    accounted = result.rows_loaded + result.rows_rejected + result.rows_skipped
    if result.rows_read != accounted:  # the csv module settles how many records there are
        result.rows_read = sources.recount(source) - 1
    if result.rows_read != accounted:
        raise ImportFailure(
            f"{result.name}: the file holds {result.rows_read:,} rows after its header, but "
            f"{result.rows_loaded:,} were loaded, {result.rows_rejected:,} rejected and "
            f"{result.rows_skipped:,} skipped, so nothing was imported rather than lose a row "
            "unnoticed. Please report this file."
        )
    if result.rows_rejected and not result.rows_loaded:
        reasons = con.execute(
            "SELECT coalesce(column_name || ': ', '') || reason, count(*) FROM rejects "
            "WHERE file_id = $f GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3",
            {"f": file_id},
        ).fetchall()
        raise ImportFailure(
            f"{result.name}: every one of its {result.rows_rejected:,} data rows was rejected, "
            "so nothing was imported. Most common: "
            + "; ".join(f"{reason} ({count:,} rows)" for reason, count in reasons)
        )


def _keep_skipped(con: duckdb.DuckDBPyConnection, source: Source, run_id: int, file_id: str) -> int:
    """List the file's report furniture (titles before the header, totals, footers, empty
    rows) in `skipped_rows`, take it out of `parsed` and return how many records it was."""
    params = {"run": run_id, "file_id": file_id, "name": source.path.name}
    con.execute("DELETE FROM skipped_rows WHERE file_id = $file_id", {"file_id": file_id})
    # Rows before the header: titles, or rows of empty cells (`,,,`).
    titles = [
        {**params, "line": line, "text": t, "reason": parse.TITLE if t.strip() else parse.EMPTY}
        for line, t in source.titles
    ]
    if titles:
        con.executemany(
            "INSERT INTO skipped_rows VALUES ($run, $file_id, $name, $line, $reason, $text)", titles
        )
    con.execute(
        "INSERT INTO skipped_rows SELECT $run, $file_id, $name, line, $kinds[problem[2] + 1], "
        f"problem_value FROM {temps.PARSED} WHERE problem[1] = $code ORDER BY line",
        {**params, "kinds": list(parse.FURNITURE), "code": parse.NOT_DATA},
    )
    delete = f"DELETE FROM {temps.PARSED} WHERE problem[1] = $code"
    con.execute(delete, {"code": parse.NOT_DATA})
    count = "SELECT count(*) FROM skipped_rows WHERE file_id = $file_id"
    return first_row(con.execute(count, {"file_id": file_id}))[0]


def _insert_replacing(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    layout: parse.Layout,
    file_id: str,
    load: FileLoad,
    result: FileResult,
) -> None:
    """Load the good rows of `parsed`, then delete the older rows they supersede (see
    `_superseded`); note in `result` the dates the file covers, what went from which file,
    and what stayed on its dates because it lies beyond the clients, projects and people the
    file holds."""
    table, name, fmt = kind.table, result.name, layout.fmt
    result.replaced = _replace(
        con, kind, "old.file_id = $file_id", {"file_id": file_id}, load, file_id, name
    )
    available = {r[0] for r in con.execute(f"DESCRIBE {temps.PARSED}").fetchall()}
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
        f"SELECT {temps.variable(temps.FILE_ID)} AS file_id, {line}::INT AS line, "
        f"{temps.variable(temps.SOURCE_FORMAT)} AS source_format, "
        f"{', '.join(pick(c) for c in targets)} FROM {temps.PARSED} WHERE problem IS NULL {group}"
    )
    con.execute(f"SET VARIABLE {temps.FILE_ID} = $file_id", {"file_id": file_id})
    con.execute(f"SET VARIABLE {temps.SOURCE_FORMAT} = $format", {"format": fmt.name})
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
    params = {"file_id": file_id, "format": fmt.name}
    if kind.window:
        span = f"SELECT min({kind.window}), max({kind.window}) FROM {table} WHERE file_id = $f"
        result.first_date, result.last_date = first_row(con.execute(span, {"f": file_id}))
        params["first"], params["last"] = result.first_date, result.last_date
    # The scope only tells apart rows of other files of the format on the file's dates: without
    # any (a first import), it is not worked out.
    held = {column for column in kind.scope if layout.holds(column)}
    in_scope = _file_scope(con, kind, params, held) if _dated_others(con, kind, params) else "true"
    superseded = _superseded(kind, load.complete, in_scope)
    if not superseded:
        return
    beyond = in_scope if load.complete and kind.scope else None
    result.replaced += _replace(con, kind, superseded, params, load, file_id, name, beyond)
    if kind.scope and not load.complete:
        kept = (
            f"old.file_id <> $file_id AND old.source_format = $format "
            f"AND old.{kind.window} BETWEEN $first AND $last AND NOT {in_scope}"
        )
        result.kept = [summary for _, summary in _earlier_rows(con, kind, kept, params)]


def _dated_others(con: duckdb.DuckDBPyConnection, kind: Kind, params: dict) -> bool:
    """True when `kind` has a scope and rows of other files of the format `$format` lie within
    the file's dates: the only rows whose replacement its scope decides (`_superseded`)."""
    if not kind.scope:
        return False
    sql = (
        f"SELECT EXISTS (SELECT 1 FROM {kind.table} WHERE file_id <> $file_id "
        f"AND source_format = $format AND {kind.window} BETWEEN $first AND $last)"
    )
    return first_row(con.execute(sql, bound(sql, params)))[0]


def _file_scope(con: duckdb.DuckDBPyConnection, kind: Kind, params: dict, held: set[str]) -> str:
    """Keep the combinations of scope values (client, project, person) the file `$file_id`
    holds in `file_scope`, and return the condition true for a row `old` within them.

    A scope column the file does not have (no person in an expenses template), or that is empty
    in every row stored before the column existed, says nothing about what a file covers: it
    is compared only between files that both fill it (`earlier_fills`). A column the file has
    (`held`) is compared even when it is blank throughout: blank then covers only blank, so
    rows with no client, project or person never stand for every one."""
    table, columns = kind.table, kind.scope
    scope, earlier = temps.FILE_SCOPE, temps.EARLIER_FILLS
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {scope} AS SELECT DISTINCT {', '.join(columns)} "
        f"FROM {table} WHERE file_id = $file_id",
        {"file_id": params["file_id"]},
    )
    fills = first_row(
        con.execute(
            f"SELECT {', '.join(f'bool_or({c} IS NOT NULL)' for c in columns)} FROM {scope}"
        )
    )
    filled = [c for c, fill in zip(columns, fills, strict=True) if fill or c in held]
    if not filled:
        return "true"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {earlier} AS SELECT file_id, "
        f"{', '.join(f'bool_or({c} IS NOT NULL) AS {c}' for c in filled)} FROM {table} "
        f"WHERE source_format = $format AND {kind.window} BETWEEN $first AND $last GROUP BY 1",
        {key: params[key] for key in ("format", "first", "last")},
    )
    match = " AND ".join(f"(old.{c} IS NOT DISTINCT FROM s.{c} OR NOT e.{c})" for c in filled)
    return (
        f"EXISTS (SELECT 1 FROM {earlier} e, {scope} s WHERE e.file_id = old.file_id AND {match})"
    )


def _superseded(kind: Kind, complete: bool, in_scope: str) -> str | None:
    """The rows (`old`) of other files that the rows of file `$file_id` supersede: the same key
    (invoice number, project code, a client's year: see `_key`); for time entries and expenses,
    rows of the same format (`$format`) dated within the file's dates (`$first` to `$last`)
    whose client, project and person occur together in the file (`file_scope`), so an export
    filtered by client, project or person replaces nothing outside its filter. A complete export
    replaces every row of its format in its dates, including rows deleted at the source."""
    covered = []
    if kind.key:
        pairs = zip(_key(kind, "old"), _key(kind, "new"), strict=True)
        match = " AND ".join(f"{old} IS NOT DISTINCT FROM {new}" for old, new in pairs)
        covered.append(
            f"EXISTS (SELECT 1 FROM {kind.table} new WHERE new.file_id = $file_id AND {match})"
        )
    if kind.window and (complete or not kind.key):
        dated = f"old.source_format = $format AND old.{kind.window} BETWEEN $first AND $last"
        if not complete:
            dated += f" AND {in_scope}"
        covered.append(dated)
    if not covered:
        return None
    return "old.file_id <> $file_id AND (" + " OR ".join(f"({c})" for c in covered) + ")"


# A client's name as the client it resolves to, as sql/marts/targets.sql and pipeline.sql resolve
# it: the name itself when no client is known by it.
CLIENT_OF = (
    "coalesce((SELECT n.client FROM client_names n WHERE n.name_key = normalize_name({name})), "
    "{name})"
)


def _key(kind: Kind, row: str) -> list[str]:
    """SQL for each key column of `row` (a table or its alias), a client's name as its client."""
    return [
        CLIENT_OF.format(name=f"{row}.{column}") if column in kind.names else f"{row}.{column}"
        for column in kind.key
    ]


def _earlier_rows(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    condition: str,
    params: dict,
    in_scope: str | None = None,
) -> list[tuple[str, Replaced]]:
    """Per earlier file, its id and how many rows of `kind.table` (as `old`) meet `condition`,
    with their hours or amount and, given `in_scope`, how many lie beyond the file's scope."""
    total = f"sum(old.{kind.measure})" if kind.measure else "NULL"
    beyond = f"count(*) FILTER (WHERE NOT {in_scope})" if in_scope else "0"
    params = bound(condition, params)
    # The table, the measure and the condition are the code's own SQL; values are parameters.
    found = con.execute(
        f"SELECT old.file_id, count(*), {total}, {beyond} FROM {kind.table} old "
        f"WHERE {condition} GROUP BY 1 ORDER BY 1",
        params,
    ).fetchall()
    unit = "h" if kind.measure == "hours" else (stored_currency(con) or DEFAULT_CURRENCY)
    rows = []
    for old_file, count, amount, outside in found:
        earlier = first_row(
            con.execute(
                "SELECT file_name FROM import_files WHERE file_id = $f ORDER BY run_id DESC",
                {"f": old_file},
            )
        )
        amount = float(amount) if amount is not None else None
        rows.append(
            (old_file, Replaced(earlier[0] if earlier else old_file, count, amount, unit, outside))
        )
    return rows


def _replace(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    condition: str,
    params: dict,
    load: FileLoad,
    file_id: str,
    name: str,
    in_scope: str | None = None,
) -> list[Replaced]:
    """Delete the rows of `kind.table` (as `old`) that meet `condition`, and record in
    `import_replacements` how many went from each earlier file (see `_earlier_rows`)."""
    gone = _earlier_rows(con, kind, condition, params, in_scope)
    if gone:
        con.execute(f"DELETE FROM {kind.table} old WHERE {condition}", bound(condition, params))
    for old_file, replaced in gone:
        con.execute(
            "INSERT INTO import_replacements VALUES ($run, $file_id, $name, $old_file, $old_name, "
            "$rows, $hours, $amount, $outside)",
            {
                "run": load.run_id,
                "file_id": file_id,
                "name": name,
                "old_file": old_file,
                "old_name": replaced.file_name,
                "rows": replaced.rows,
                "outside": replaced.beyond,
                "hours": replaced.total if kind.measure == "hours" else None,
                "amount": replaced.total if kind.measure == "amount" else None,
            },
        )
    return [replaced for _, replaced in gone]


def _keep_rejects(
    con: duckdb.DuckDBPyConnection, source: Source, run_id: int, file_id: str
) -> None:
    """Store every rejected row of this file with its line, column, value and reason."""
    params = {"run": run_id, "file_id": file_id, "name": source.path.name}
    con.execute("DELETE FROM rejects WHERE file_id = $file_id", {"file_id": file_id})
    con.execute(
        f"""
        INSERT INTO rejects
        SELECT $run, $file_id, $name, line,
               nullif($headers[problem[2] + 1], ''), problem_value, $reasons[problem[1]]
        FROM {temps.PARSED} WHERE problem IS NOT NULL ORDER BY line
        """,
        {
            **params,
            "headers": source.layout.column_headers(source.headers),
            "reasons": list(parse.reasons(source.fmt)),
        },
    )
    for line, reason in source.broken_rows:
        con.execute(
            "INSERT INTO rejects VALUES ($run, $file_id, $name, $line, NULL, NULL, $reason)",
            {**params, "line": line, "reason": _unsplit(reason)},
        )


def _unsplit(reason: str) -> str:
    """Why a record could not be split into columns, in a user's words."""
    if "unterminated quote" in reason:
        # The reader takes everything after an unclosed quote as one value, to the file's end.
        return (
            "a quote opened in this row is never closed, so every line from here to the end of "
            "the file was read as this one row and rejected: close or remove the quote"
        )
    return f"the row could not be split into columns: {reason}"
