"""Read an export file (CSV or XLSX) as the temp view `src`: its line and one column per cell,
the cell's text trimmed (NULL when blank).

`src_cells` is the same without the line number. A CSV's `src` reads the file itself: each
record's line follows from its position in a table created from `src` in file order, when every
record is one line (`read_into`); otherwise the records are numbered first. The temp relations
and session variables named here are `etl.temps`'s, which says what each holds and when it goes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import pandas as pd

from etl import parse, temps, textfile, workbooks
from etl.formats import FORMATS, Format, closest, detect
from etl.profiles import profile_formats
from etl.textfile import EncodingProblem, FileScan, NotUtf8
from etl.warehouse import first_row

# A plain copy of the CSV's records keeps their order.
COPY_RECORDS = f"CREATE OR REPLACE TEMP TABLE {temps.CSV_RECORDS} AS FROM {temps.CSV_SCAN}"
HEAD_BYTES = 256 * 1024
HEAD_ROWS = 40
MAX_COLUMNS = 1000  # columns a header may have
SPARE_COLUMNS = 4  # catch rows with a few cells too many as rejects with a clear reason
DELIMITERS = (",", ";", "\t")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class SourceError(Exception):
    """A file that cannot be recognised or read; the message says which and what was expected."""


class Unrecognised(SourceError):
    """A readable file in a layout no format or saved profile knows: its columns can be mapped."""


class CsvSplitError(Exception):
    """Python's csv module could not split a record: the line it starts on and why."""

    def __init__(self, line: int, reason: str) -> None:
        if "field larger than field limit" in reason:
            reason = (
                f"a cell is longer than {csv.field_size_limit():,} characters, more than any "
                "export holds, or a quote is never closed"
            )
        else:
            reason = f"{reason}; a quote is probably never closed"
        super().__init__(
            f"line {line}: the record from here on could not be split into cells: {reason}"
        )


@dataclass(frozen=True)
class CsvOptions:
    """How DuckDB's `read_csv` reads one CSV: set as session variables (`variables`), which the
    view `src_csv` reads."""

    path: str  # the CSV as UTF-8
    skip: int  # records before the first data record (DuckDB skips records, not lines)
    delim: str
    width: int  # columns read as text: c0, c1, …
    parallel: bool = True  # False once DuckDB needed its single-threaded reader for the file

    def variables(self) -> dict[str, object]:
        """The session variables `src_csv` reads, with their values."""
        return {
            temps.CSV_PATH: self.path,
            temps.CSV_SKIP: self.skip,
            temps.CSV_DELIM: self.delim,
            temps.CSV_COLUMNS: {f"c{i}": "VARCHAR" for i in range(self.width)},
            temps.CSV_PARALLEL: self.parallel,
        }


@dataclass(frozen=True)
class CsvReading:
    """How `src` reads a CSV straight from the file, while its records' lines follow from their
    positions: record n (from 0) starts on line `Source.first_line + n`."""

    options: CsvOptions
    scanning: Future[FileScan]  # the file's SHA-256, lines and records, and whether it is UTF-8
    guard: ScanGuard


@dataclass
class ScanGuard:
    """Stops DuckDB's scan of a CSV as soon as the pass over its bytes meets a line too wide to
    be an export: DuckDB's strict reader spends minutes and gigabytes on a row of 100,000
    cells (one rejected column at a time), which no export has."""

    con: duckdb.DuckDBPyConnection
    running: threading.Event = field(default_factory=threading.Event)  # a scan runs
    too_wide: threading.Event = field(default_factory=threading.Event)

    def stop(self) -> None:
        """From the thread of the pass: interrupt the running scan, until it has stopped."""
        self.too_wide.set()
        while self.running.is_set():
            self.con.interrupt()
            time.sleep(0.05)


@dataclass
class Source:
    """A file read into `src`: its format, header and the lines DuckDB could not split."""

    path: Path
    fmt: Format
    headers: list[str]
    header_line: int
    layout: parse.Layout
    broken_rows: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    checksum: str = ""
    reading: CsvReading | None = None  # set while `src` reads the CSV itself (lines unknown)
    # Records (rows of a sheet) holding any text, header included, counted by a reader that is
    # not the one the import reads with (`textfile.RecordCounter`); 0 until the file was read.
    records: int = 0
    titles: list[tuple[int, str]] = field(default_factory=list)  # rows before the header
    encoding: str | None = None  # a CSV's text encoding (etl.textfile)
    text_path: Path | None = None  # the CSV as UTF-8 (the file itself, or a copy)
    delimiter: str = ","

    @property
    def first_line(self) -> int:
        """The line the first record starts on, when every record is one line."""
        return self.header_line + 1


def read_source(
    con: duckdb.DuckDBPyConnection, path: Path, scratch: Path, encoding: str | None = None
) -> Source:
    """Detect the format of `path` and make its data rows the temp view `src`; a CSV that is
    not UTF-8 is read from a UTF-8 copy in the folder `scratch`. `encoding` overrides the one
    its first bytes suggest (see `etl.textfile.NotUtf8`)."""
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(con, path)
    if suffix in CSV_SUFFIXES:
        return _read_csv(con, path, scratch, encoding)
    raise SourceError(f"{path.name}: unsupported file type {suffix!r}; expected .csv or .xlsx")


def read_into(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    table: str,
    select: Callable[[parse.Layout], tuple[str, dict]],
) -> Source:
    """Create the temp table `table` from `select(layout)` (a SELECT over `src` and its
    parameters, keeping `line`) with every row's line exact; return the source as read."""
    sql, params = select(source.layout)
    # `table` is one of `etl.temps`'s names; the file's values are parameters.
    create = f"CREATE OR REPLACE TEMP TABLE {table} AS {sql}"
    if not source.reading:
        con.execute(create, params)
        return source
    if _keeps_order(con, create, params):
        source = _scan_csv(con, source, create, params, table)
    else:
        source = _number_records(con, source)
    if not source.reading:  # the records were numbered (maybe in another layout): read those
        return read_into(con, source, table, select)
    con.execute(f"UPDATE {table} SET line = rowid + $first", {"first": source.first_line})
    return source


def _keeps_order(con: duckdb.DuckDBPyConnection, create: str, params: dict) -> bool:
    """True when DuckDB plans the CREATE TABLE statement `create` to store the rows in the order
    they are read (a batch insert); a join or a window (exchange rates, row numbers) prevents it."""
    plan = con.execute(f"EXPLAIN {create}", params).fetchall()[0][1]
    return "BATCH CREATE TABLE AS" in plan.upper()


def _number_records(con: duckdb.DuckDBPyConnection, source: Source) -> Source:
    """Copy the CSV's records in file order into a table where each knows its line."""
    source = _scan_csv(con, source, COPY_RECORDS, {}, temps.CSV_RECORDS)
    if source.reading:  # one record per line: the row id gives the line
        first = temps.FIRST_LINE
        con.execute(f"SET VARIABLE {first} = $first", {"first": source.first_line})
        _define_views(con, source.layout, temps.CSV_RECORDS, f"rowid + {temps.variable(first)}")
    return replace(source, reading=None)


def _scan_csv(
    con: duckdb.DuckDBPyConnection, source: Source, create: str, params: dict, table: str
) -> Source:
    """Run `create`, which reads the CSV in file order into `table`. When every record is one
    line, return the source still reading the file (positions are lines); otherwise number the
    records exactly in `src_numbered` and return the source reading that."""
    reading = source.reading
    assert reading is not None
    try:
        reading = _run_scan(con, reading, create, params)
    except (duckdb.InterruptException, duckdb.OutOfMemoryException):
        raise  # not the file's fault: the import stops
    except duckdb.Error:
        # DuckDB's fast reader gives up on some odd but valid files: read them the slow way.
        _scanned(source)  # DuckDB may have failed on bytes that are not UTF-8
        return _python_read(con, source, _file_text(source))
    if reading.guard.too_wide.is_set():
        _scanned(source)  # says which line
    records = first_row(con.execute(f"SELECT count(*) FROM {table}"))[0]
    broken = con.execute(
        f"SELECT line::INT, first(error_message) FROM {temps.REJECT_ERRORS} GROUP BY 1 ORDER BY 1"
    ).fetchall()
    scan = _scanned(source)
    source = replace(
        source, reading=reading, checksum=scan.digest, records=scan.records, broken_rows=broken
    )
    if not broken and scan.lines - source.header_line == records:
        return source
    text = _file_text(source)
    starts = _record_lines(text, reading.options.delim, source.header_line, broken)
    if len(starts) != records:
        # DuckDB and Python split the records differently (stray carriage returns, say):
        # Python's reading decides, so that every line number is right.
        return _python_read(con, source, text)
    _run_scan(con, reading, COPY_RECORDS, {})
    con.register(temps.RECORD_STARTS, pd.DataFrame({"line": starts}))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {temps.NUMBERED} AS SELECT s.line, r.* "
        f"FROM {temps.CSV_RECORDS} r POSITIONAL JOIN {temps.RECORD_STARTS} s"
    )
    con.unregister(temps.RECORD_STARTS)
    _define_views(con, source.layout, temps.NUMBERED, "line")
    return replace(source, reading=None)


def _scanned(source: Source) -> FileScan:
    """The pass over the CSV's bytes, once done; a file that turned out not to be UTF-8, or to
    hold characters no export holds, stops here."""
    assert source.reading is not None
    scan = source.reading.scanning.result()
    if scan.wide:
        raise SourceError(
            f"{source.path.name}, line {scan.wide[0]}: holds {scan.wide[1]:,} delimiters; an "
            f"export has at most {MAX_COLUMNS:,} columns, so the file was not read"
        )
    if scan.not_utf8 and scan.utf8_before:
        raise SourceError(textfile.describe_mixed(source.path.name, *scan.not_utf8))
    if scan.not_utf8:  # ASCII up to there: the whole file is read again as Windows-1252
        raise NotUtf8(source.path.name)
    if scan.bad:
        raise SourceError(textfile.describe_bad(source.path.name, *scan.bad))
    return scan


def _file_text(source: Source) -> str:
    """The whole text of a CSV source (UTF-8, checked by the scan)."""
    assert source.text_path is not None
    return source.text_path.read_bytes().decode("utf-8-sig")


def recount(source: Source) -> int:
    """The records of a CSV holding any text, counted by Python's csv module (the judge when
    `Source.records`, counted from the bytes, disagrees with the import)."""
    if source.text_path is None:
        return source.records
    return sum(1 for _, row in _records(_file_text(source), source.delimiter) if row)


def _python_read(con: duckdb.DuckDBPyConnection, source: Source, text: str) -> Source:
    """`src` from Python's own split of the CSV `text` into records, each numbered exactly."""
    reading = source.reading
    assert reading is not None
    rows = _python_rows(text, reading.options.delim, source.header_line)
    scan = _scanned(source)
    read = _from_rows(
        con, source.path, source.fmt, source.headers, source.header_line - 1, rows, scan.digest
    )
    return replace(
        read,
        records=scan.records,
        titles=source.titles,
        encoding=source.encoding,
        text_path=source.text_path,
        delimiter=source.delimiter,
    )


def _run_scan(
    con: duckdb.DuckDBPyConnection, reading: CsvReading, statement: str, params: dict
) -> CsvReading:
    """Run a statement that scans the CSV, keeping the rows DuckDB cannot split in
    `reject_errors`; quoted line breaks in ragged rows need the single-threaded scanner. Return
    the reading as the scan left it (single-threaded from then on, if it had to be)."""
    guard = reading.guard
    drop = f"DROP TABLE IF EXISTS {temps.REJECT_ERRORS}; DROP TABLE IF EXISTS {temps.REJECT_SCANS}"
    while True:
        con.execute(drop)
        guard.running.set()
        try:
            if not guard.too_wide.is_set():
                con.execute(statement, params)
            return reading
        except duckdb.Error as exc:
            if guard.too_wide.is_set():
                return reading  # the pass over the bytes says why (`_scanned`)
            if not reading.options.parallel or "parallel" not in str(exc):
                raise
            reading = replace(reading, options=replace(reading.options, parallel=False))
            con.execute(f"SET VARIABLE {temps.CSV_PARALLEL} = false")
        finally:
            guard.running.clear()


def identify(path: Path) -> Format:
    """The format of a file judged from its first rows; a file that is empty, unreadable or not
    a known export raises SourceError saying so."""
    if path.suffix.lower() in CSV_SUFFIXES:
        lines = _head_lines(_decode_head(path)[0])
        splits = [[_cells(line, d) for line in lines] for d in DELIMITERS]
        found = next((hit for rows in splits if (hit := _find_header(rows, path.name))), None)
        if found:
            return found[1]
        raise _unrecognised(path, splits[0])
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise SourceError(f"{path.name}: unsupported file type; expected .csv or .xlsx")
    texts = [rows for _, rows in _sheets(path, HEAD_ROWS)]
    found = next((hit for rows in texts if (hit := _find_header(rows, path.name))), None)
    if found:
        return found[1]
    if not any(any(row) for rows in texts for row in rows):
        raise SourceError(
            f"{path.name}: not a recognised export: the first {HEAD_ROWS} rows of its sheets are "
            "empty, so they hold no header"
        )
    raise _unrecognised(path, texts[0] if texts else [])


def _unrecognised(path: Path, rows: list[list[str]]) -> SourceError:
    """An error naming the closest known format and the columns the file lacks; a header wider
    than any export is refused instead (its columns are not worth mapping)."""
    headers = max(rows[:HEAD_ROWS], key=lambda r: sum(bool(c) for c in r), default=[])
    if len(headers) > MAX_COLUMNS:
        return SourceError(
            f"{path.name}: its widest row in the first {HEAD_ROWS} has {len(headers):,} columns; "
            f"an export has at most {MAX_COLUMNS:,}, so the file was not read"
        )
    fmt, missing = closest([c for c in headers if c])
    return Unrecognised(
        f"{path.name}: not a recognised export. Closest format: {fmt.label}, "
        f"but the header lacks: {', '.join(missing)}. Use one of the studio templates "
        "(docs/formats.md) or export the file in a supported layout."
    )


def _find_header(rows: list[list[str]], name: str) -> tuple[int, Format] | None:
    """Index of the first row that is the header of a known format, with that format; the
    built-in formats first, then the saved column-mapping profiles. A header wider than any
    export (file `name`) is refused: reading it would cost time and memory for nothing."""
    for formats in (FORMATS, profile_formats()):
        for index, row in enumerate(rows[:HEAD_ROWS]):
            fmt = detect([c for c in row if c and c.strip()], formats)
            if fmt and len(row) > MAX_COLUMNS:
                raise SourceError(
                    f"{name}, line {index + 1}: the header has {len(row):,} columns; an export "
                    f"has at most {MAX_COLUMNS:,}, so the file was not read"
                )
            if fmt:
                return index, fmt
    return None


def sample(path: Path, count: int = 5) -> tuple[list[str], list[list[str]]]:
    """The likely header and first data rows of a file, read as text (for mapping its columns)."""
    if path.suffix.lower() in CSV_SUFFIXES:
        lines = _head_lines(_decode_head(path)[0])
        splits = [[_cells(line.removesuffix("\r"), d) for line in lines] for d in DELIMITERS]
        rows = max(splits, key=lambda rows: max(map(len, rows), default=0))
    else:
        rows = next(iter(rows for _, rows in _sheets(path, HEAD_ROWS)), [])
    if not rows:
        raise SourceError(f"{path.name}: the file is empty")
    if max(map(len, rows)) > MAX_COLUMNS:
        raise SourceError(
            f"{path.name}: a row has more than {MAX_COLUMNS:,} columns; no export is that wide"
        )
    filled = [sum(bool(c.strip()) for c in row) for row in rows]
    header = filled.index(max(filled))
    data = [row for row in rows[header + 1 :] if any(c.strip() for c in row)]
    return rows[header], data[:count]


def _cr_lines(head: str) -> bool:
    """Whether a file's lines end in a carriage return alone (old Mac exports): more of them
    than line feeds, which may still break a line inside a quoted cell."""
    alone = head.count("\r") - head.count("\r\n")
    return alone > head.count("\n")


def _head_lines(head: str) -> list[str]:
    """The first lines of a file's text, whatever ends them."""
    if _cr_lines(head):
        head = head.replace("\r\n", "\n").replace("\r", "\n")
    return head.split("\n")[:HEAD_ROWS]


def _cells(line: str, delim: str) -> list[str]:
    """The cells of one line of a CSV (none when the line is only part of a quoted cell)."""
    try:
        return next(csv.reader([line], delimiter=delim), [])
    except csv.Error:
        return []


def _decode_head(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """The first bytes of a text file decoded, and its encoding (`encoding` when given)."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip(b" \t\r\n\0\xef\xbb\xbf\xff\xfe"):
        raise SourceError(f"{path.name}: the file is empty")
    encoding = encoding or textfile.detect(head)
    return textfile.decode_head(head, encoding), encoding


def _read_csv(
    con: duckdb.DuckDBPyConnection, path: Path, scratch: Path, encoding: str | None
) -> Source:
    """Load a CSV with DuckDB's reader, after finding its delimiter and header line; a file in
    another encoding than UTF-8 is read from a UTF-8 copy in `scratch`."""
    head, encoding = _decode_head(path, encoding)
    # Physical lines, as DuckDB counts them when it skips the rows before the header.
    lines = [line.removesuffix("\r") for line in _head_lines(head)]
    found = None
    for delim in DELIMITERS:
        rows = [_cells(line, delim) for line in lines]
        found = _find_header(rows, path.name)
        if found:
            break
    if not found:
        raise _unrecognised(path, [_cells(line, ",") for line in lines])
    header_index, fmt = found
    headers = rows[header_index]
    first_rows = rows[header_index + 1 :]
    layout = parse.locate(fmt, headers, len(headers) + SPARE_COLUMNS, path.name, first_rows)
    readable = path
    # Lines ended by a carriage return alone are read from a copy with line feeds, one for one,
    # so that every line keeps its number.
    if encoding != textfile.UTF8 or _cr_lines(head):
        handle, name = tempfile.mkstemp(suffix=".csv", dir=scratch)
        os.close(handle)
        readable = Path(name)
        try:
            textfile.transcode(path, readable, encoding, path.name, _cr_lines(head))
        except EncodingProblem as exc:
            raise SourceError(str(exc)) from None
    # Rows from all over the file make the guess at how its numbers and dates read a better one.
    sample = [
        cells
        for line in textfile.sample_lines(readable)
        if len(cells := _cells(line, delim)) == len(headers)
    ]
    layout = replace(layout, head=parse.hints(layout, [*first_rows, *sample]))
    before_header = "\n".join(lines[:header_index])
    # Every record before the header holding any text, even only delimiters (`,,,`).
    before = [(start, row) for start, row in _records(before_header, delim) if row]
    options = CsvOptions(
        path=str(readable),
        # DuckDB skips records, not lines: a quoted title may span lines.
        skip=_record_count("\n".join(lines[: header_index + 1]), delim),
        delim=delim,
        width=layout.width,
    )
    # Hashing and counting lines and records run alongside DuckDB's scans (numpy and hashlib
    # release the GIL).
    guard = ScanGuard(con)
    pool = ThreadPoolExecutor(max_workers=1)
    scanning = pool.submit(
        textfile.scan,
        readable,
        check_utf8=encoding == textfile.UTF8,
        delimiter=delim,
        max_cells=MAX_COLUMNS,
        on_wide=guard.stop,
    )
    pool.shutdown(wait=False)
    _define_csv_views(con, layout, options)
    reading = CsvReading(options, scanning, guard)
    titles = [(line, " ".join(filter(None, row))) for line, row in before]
    return Source(
        path, fmt, headers, header_index + 1, layout, reading=reading, titles=titles,
        encoding=encoding, text_path=readable, delimiter=delim,
    )  # fmt: skip


def _define_csv_views(
    con: duckdb.DuckDBPyConnection, layout: parse.Layout, options: CsvOptions
) -> None:
    """`src` over the CSV itself: the cells the import reads, trimmed; lines not yet known."""
    for name, value in options.variables().items():
        con.execute(f"SET VARIABLE {name} = $value", {"value": value})
    # Only the cells the import reads are copied; the reader's options are session variables.
    cells = ", ".join(f"cell_text(c{i}) AS c{i}" for i in layout.kept if i < layout.width)
    path, skip, delim, columns, parallel = map(
        temps.variable,
        (temps.CSV_PATH, temps.CSV_SKIP, temps.CSV_DELIM, temps.CSV_COLUMNS, temps.CSV_PARALLEL),
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {temps.CSV_SCAN} AS
        SELECT {cells}
        FROM read_csv({path}, header = false, skip = {skip},
            delim = {delim}, quote = '"', escape = '"',
            columns = {columns}, null_padding = true, auto_detect = false,
            store_rejects = true, encoding = 'utf-8',
            parallel = {parallel})
        """
    )
    _define_views(con, layout, temps.CSV_SCAN, "NULL::INTEGER")


def _define_views(
    con: duckdb.DuckDBPyConnection, layout: parse.Layout, table: str, line: str
) -> None:
    """`src` (line and cells) and `src_cells` (cells only) over the records in `table`; a
    currency named in a header becomes one more cell of every row."""
    cells = "* EXCLUDE (line)" if line == "line" else "*"
    if layout.header_currency:
        currency = temps.HEADER_CURRENCY
        con.execute(f"SET VARIABLE {currency} = $code", {"code": layout.header_currency})
        cells += f", {temps.variable(currency)} AS c{layout.width}"
    # `table` and `line` are the code's own SQL (names from `etl.temps`).
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {temps.SOURCE} AS SELECT {line} AS line, {cells} FROM {table}"
    )
    con.execute(f"CREATE OR REPLACE TEMP VIEW {temps.SOURCE_CELLS} AS SELECT {cells} FROM {table}")


def _records(text: str, delim: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record of `text`, split by Python's csv module, with the line it starts on
    (blank lines and quoted line breaks counted)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    previous = 0
    try:
        for row in reader:
            yield previous + 1, row
            previous = reader.line_num
    except csv.Error as exc:
        raise CsvSplitError(previous + 1, str(exc)) from None


def _python_rows(text: str, delim: str, header_line: int) -> list[list]:
    """The records after the header that hold any text: [start line, cells…]."""
    # A row of empty cells is kept, as DuckDB keeps it: it is counted as an empty row.
    return [[start, *row] for start, row in _records(text, delim) if start > header_line and row]


def _from_rows(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    fmt: Format,
    headers: list[str],
    header_index: int,
    rows: list[list],
    digest: str,
) -> Source:
    """Load records already split into cells ([line, cell, …]) as `src_numbered`."""
    # A few spare columns catch rows with cells beyond the header (rejected); more are not read.
    width = min(max([len(headers), *(len(r) - 1 for r in rows)]), len(headers) + SPARE_COLUMNS)
    frame = pd.DataFrame(
        [r[: width + 1] + [""] * (width + 1 - len(r)) for r in rows],
        columns=["line", *(f"c{i}" for i in range(width))],
        dtype=object,
    ).replace("", None)
    con.register(temps.ROWS_FRAME, frame)
    text_columns = ", ".join(f"cell_text(c{i}::VARCHAR) AS c{i}" for i in range(width))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {temps.NUMBERED} AS "
        f"SELECT line::INTEGER AS line, {text_columns} FROM {temps.ROWS_FRAME}"
    )
    con.unregister(temps.ROWS_FRAME)
    first_rows = [row[1:] for row in rows[:HEAD_ROWS]]
    layout = parse.locate(fmt, headers, width, path.name, first_rows)
    sample = [row[1:] for row in rows[:: max(1, len(rows) // 1000)]]
    layout = replace(layout, head=parse.hints(layout, [*first_rows, *sample]))
    _define_views(con, layout, temps.NUMBERED, "line")
    return Source(path, fmt, headers, header_index + 1, layout, [], digest)


def _record_count(text: str, delim: str) -> int:
    """How many CSV records `text` holds (a blank line is one, as DuckDB counts them)."""
    return sum(1 for _ in _records(text, delim))


def _record_lines(text: str, delim: str, header_line: int, broken: list) -> list[int]:
    """Start line of each record DuckDB loaded (blank lines and quoted line breaks counted)."""
    skip = {line for line, _ in broken}
    # DuckDB drops blank lines but keeps a row of empty cells (`,,,`).
    return [
        start
        for start, row in _records(text, delim)
        if start > header_line and row and start not in skip
    ]


def _digest(data: bytes) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def _sheets(path: Path, rows: int | None = None) -> list[tuple[str, list[list[str]]]]:
    """The sheets of a workbook as rows of cell texts ('' when blank), read within bounds."""
    try:
        sheets = workbooks.read_sheets(path, rows)
    except workbooks.WorkbookError as exc:
        raise SourceError(str(exc)) from exc
    return [(name, [[text or "" for text in row] for row in cells]) for name, cells in sheets]


def _read_workbook(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    """Load the first sheet of a workbook whose header is a known format."""
    first_rows: list[list[str]] = []
    for _, rows in _sheets(path):
        found = _find_header(rows, path.name)
        if found:
            header_index, fmt = found
            # Counted from the sheet's cells, apart from the rows handed on below.
            records = sum(1 for row in rows if any(row))
            titles = [(i + 1, " ".join(filter(None, row))) for i, row in enumerate(rows)]
            data = [[index + 1, *row] for index, row in enumerate(rows) if index > header_index]
            data = [r for r in data if any(r[1:])]
            digest = _digest(path.read_bytes())
            source = _from_rows(con, path, fmt, rows[header_index], header_index, data, digest)
            titles = [(line, title) for line, title in titles[:header_index] if title]
            return replace(source, records=records, titles=titles)
        first_rows = first_rows or rows
    raise _unrecognised(path, first_rows)
