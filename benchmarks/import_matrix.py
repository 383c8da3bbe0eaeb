"""Import speed over a matrix of export shapes, each against DuckDB's own read of the same file.

Run: .venv/bin/python benchmarks/import_matrix.py [--rows 1000000] [--rounds 3] [--only NAME …]
[--steps]. The first run writes every shape's CSV into data/bench/matrix/ (about 1 M rows each,
with DuckDB; ≈ 30 s); later runs reuse them. Each round times, per shape and back to back, DuckDB
alone (`CREATE TABLE t AS SELECT * FROM read_csv(…)` + CHECKPOINT into a new database file) and
the real import (`etl.load.load_files` into a new warehouse), then the table prints the medians
and their ratio. Issue #19 bounds: import ≤ 2× on every shape, ≤ 1.5× on the demo's own file.

The shapes (headers as the tools write them, values as short or long as real ones; the time
reports have 450 people over 1,000 days, and about four entries share a client, project and day,
as in the large demo studio):

- harvest_lean: Harvest detailed time report, all 20 columns, short values, 5,000 project codes
  in no project list, USD (the shape issue #19 measured at 2.61×);
- harvest_known: the same file after a projects file naming all 5,000 codes was imported into
  the warehouse (not timed), so every entry links by its code;
- harvest_wide: as lean with long notes (≈ 160 characters, nearly every one different) and long
  task and client and project names;
- harvest_decimal_comma: `;`-separated, decimal commas and dot thousands (1.234,50), EUR;
- harvest_day_first: dates written 31/12/2025;
- toggl: Toggl Track detailed report (2024+ layout, every cell quoted, HH:MM:SS durations);
- clockify: Clockify detailed report (21 columns, month-first dates, 12-hour times);
- xero_lines: Xero invoices export, one row per invoice line, 2 to 5 lines per invoice,
  day-first dates, 44 columns;
- demo: the large demo studio's own Harvest time report (benchmarks/import_speed.py writes it).

`--steps` runs one import of each chosen shape with every SQL statement timed, and prints the
slowest statements (where the import's time goes) beside DuckDB's own read of the file split
into reading (into memory) and storing (the rest of its time on disk), best of three each.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl import load
from settings import bench_folder

ROWS = 1_000_000
PROJECTS = 5_000
PEOPLE = 450  # in teams of five, as many as the large demo studio has
DAYS = 1_000

# Per row i of range(n): a person, a day (the report is sorted by date, as exports are), a project
# of the person's team (each team works on three projects at a time, others every 20 days, so
# about four entries share a client, project and day, as in the large demo studio), hours in
# quarters, billable, a start time and a number to pick texts by.
DRAWS = f"""
    SELECT *,
        ((person // 5) * 55 + (day - DATE '2024-01-01') // 20 * 3 + hash(i, 1) % 3)::INT
            % {PROJECTS} AS code
    FROM (
        SELECT i,
            (hash(i, 2) % {PEOPLE})::INT AS person,
            ((hash(i, 3) % 32) + 1)::INT * 0.25 AS hours,
            hash(i, 4) % 10 < 8 AS billable,
            DATE '2024-01-01' + (i * {DAYS} // $n)::INT AS day,
            (8 * 60 + (hash(i, 6) % 480))::INT AS start_minute,
            (hash(i, 5) % 1000000)::BIGINT AS pick
        FROM range($n) t(i)
    )
"""
FIRST = "['Ada','Ben','Cleo','Dan','Eve','Finn','Gus','Hana','Ivo','Jo','Kai','Lea']"
LAST = (
    "['Adams','Brooks','Chen','Diaz','Evans','Fischer','Garcia','Hansen','Ito','Jensen','Khan',"
    "'Lopez','Meyer','Nagy','Okafor','Patel','Quinn','Rossi','Silva','Tanaka','Urban','Varga',"
    "'Weber','Xu','Young','Zimmer','Berg','Costa','Dubois','Eriksen','Fontaine','Gray','Horvat',"
    "'Ivanova','Jovanovic','Kowalski','Lindqvist','Moreau']"
)
SHORT_TASKS = "['Design','Admin','Shoot','Edit','Retouch','Meeting']"
LONG_TASKS = (
    "['Pre-production: location scouting, permits and call sheets',"
    "'Post-production: colour grading and final retouching of selects',"
    "'Account management: client meetings, status reports and approvals',"
    "'Art direction: moodboards, casting review and styling brief',"
    "'Production: studio shoot day with crew, lighting and catering']"
)
SENTENCES = (
    "['Reviewed the second round of retouched packshots with the client and noted changes.',"
    "'Prepared the shot list and prop inventory for next week''s studio day.',"
    "'Call with the brand team about the lookbook layout, typography and cover options.',"
    "'Exported final selects in three crops for web, print and social channels.',"
    "'Colour corrected the hero images and sent proofs to the printer for approval.',"
    "'Updated the production schedule after the location moved to the second week.']"
)
PERSON = f"{FIRST}[person % 12 + 1] || ' ' || {LAST}[person // 12 + 1]"
EMAIL = f"lower({FIRST}[person % 12 + 1] || '.' || {LAST}[person // 12 + 1]) || '@studio.example'"
BILL_RATE = "(100 + (person % 5) * 20)"
COST_RATE = "(40 + (person % 5) * 10)"


def _money(value: str, decimal_comma: bool) -> str:
    """SQL writing `value` with two decimals: 1234.50, or 1.234,50 with a decimal comma."""
    if decimal_comma:
        return f"translate(format('{{:,.2f}}', ({value})::DOUBLE), ',.', '.,')"
    return f"printf('%.2f', ({value})::DOUBLE)"


def harvest(
    *, wide: bool = False, decimal_comma: bool = False, day_first: bool = False, currency: str
) -> str:
    """A Harvest detailed time report (its 20 columns) over DRAWS."""
    day = "strftime(day, '%d/%m/%Y')" if day_first else "strftime(day, '%Y-%m-%d')"
    notes = (
        f"{SENTENCES}[pick % 6 + 1] || ' ' || {SENTENCES}[(pick // 6) % 6 + 1]"
        " || ' (ticket ' || (pick % 49999) || ')'"
        if wide
        else "CASE pick % 4 WHEN 0 THEN 'Call' WHEN 1 THEN 'Edits' END"
    )
    tasks = LONG_TASKS if wide else SHORT_TASKS
    task = f"{tasks}[(pick // 36) % {5 if wide else 6} + 1]"
    client = "'Client ' || (code % 200)"
    if wide:
        client = "'Northwind Grocers and Partners ' || (code % 200)"
    project = "'Project ' || code" if not wide else "'Spring campaign packshots ' || code"
    return f"""
    SELECT
        {day} AS "Date",
        {client} AS "Client",
        {project} AS "Project",
        'P' || lpad(code::VARCHAR, 4, '0') AS "Project Code",
        {task} AS "Task",
        {notes} AS "Notes",
        {_money("hours", decimal_comma)} AS "Hours",
        CASE WHEN billable THEN 'Yes' ELSE 'No' END AS "Billable?",
        CASE WHEN pick % 3 = 0 THEN 'Yes' ELSE 'No' END AS "Invoiced?",
        'Yes' AS "Approved?",
        {FIRST}[person % 12 + 1] AS "First Name",
        {LAST}[person // 12 + 1] AS "Last Name",
        ['Designer','Producer','Photographer','Retoucher'][person % 4 + 1] AS "Roles",
        'Yes' AS "Employee?",
        {_money(BILL_RATE, decimal_comma)} AS "Billable Rate",
        {_money(f"{BILL_RATE} * hours", decimal_comma)} AS "Billable Amount",
        {_money(COST_RATE, decimal_comma)} AS "Cost Rate",
        {_money(f"{COST_RATE} * hours", decimal_comma)} AS "Cost Amount",
        '{currency}' AS "Currency",
        NULL AS "External Reference URL"
    FROM ({DRAWS})
    """


def _clock(minutes: str, twelve_hour: bool = False) -> str:
    """SQL writing a time of day given in minutes after midnight: 14:05:00 or 02:05:00 PM."""
    moment = f"TIME '00:00:00' + to_minutes(({minutes})::BIGINT)"
    return (
        f"strftime(DATE '2000-01-01' + {moment}, '{'%I:%M:%S %p' if twelve_hour else '%H:%M:%S'}')"
    )


def _duration() -> str:
    """SQL writing the entry's hours as HH:MM:SS."""
    return "printf('%02d:%02d:00', (hours * 60)::INT // 60, (hours * 60)::INT % 60)"


TOGGL = f"""
    SELECT
        {PERSON} AS "User",
        {EMAIL} AS "Email",
        'Client ' || (code % 200) AS "Client",
        'Project ' || code AS "Project",
        NULL AS "Task",
        CASE pick % 4 WHEN 0 THEN 'Call' WHEN 1 THEN 'Edits' WHEN 2 THEN 'Layouts' END
            AS "Description",
        CASE WHEN billable THEN 'Yes' ELSE 'No' END AS "Billable",
        strftime(day, '%Y-%m-%d') AS "Start date",
        {_clock("start_minute")} AS "Start time",
        strftime(day, '%Y-%m-%d') AS "End date",
        {_clock("start_minute + hours * 60")} AS "End time",
        {_duration()} AS "Duration",
        CASE WHEN pick % 5 = 0 THEN 'retouch' END AS "Tags"
    FROM ({DRAWS})
"""

CLOCKIFY = f"""
    SELECT
        'Project ' || code AS "Project",
        'Client ' || (code % 200) AS "Client",
        CASE pick % 4 WHEN 0 THEN 'Call' WHEN 1 THEN 'Edits' WHEN 2 THEN 'Layouts' END
            AS "Description",
        {SHORT_TASKS}[(pick // 36) % 6 + 1] AS "Activity",
        {PERSON} AS "User",
        NULL AS "Group",
        {EMAIL} AS "Email",
        NULL AS "Tags",
        'REGULAR' AS "Type",
        CASE WHEN billable THEN 'Yes' ELSE 'No' END AS "Billable",
        'No' AS "Invoiced",
        NULL AS "Invoice ID",
        strftime(day, '%m/%d/%Y') AS "Start Date",
        {_clock("start_minute", twelve_hour=True)} AS "Start Time",
        strftime(day, '%m/%d/%Y') AS "End Date",
        {_clock("start_minute + hours * 60", twelve_hour=True)} AS "End Time",
        {_duration()} AS "Duration (h)",
        printf('%.2f', hours::DOUBLE) AS "Duration (decimal)",
        printf('%.2f', {BILL_RATE}::DOUBLE) AS "Billable Rate (USD)",
        printf('%.2f', ({BILL_RATE} * hours)::DOUBLE) AS "Billable Amount (USD)",
        strftime(day, '%m/%d/%Y') AS "Date of creation"
    FROM ({DRAWS})
"""

# Invoice k has 2 + k % 4 lines (3.5 on average); totals repeat on every line, as Xero writes.
XERO = """
    WITH invoices AS (
        SELECT k, 2 + k % 4 AS lines, (hash(k, 7) % 200)::INT AS client,
            DATE '2023-01-01' + (k * 1100 // ($n // 3.5))::INT AS issued,
            hash(k, 8) % 50 = 0 AS credit
        FROM range(($n / 3.5)::BIGINT + 1) t(k)
    ),
    lines AS (
        SELECT v.*, l AS line, (1 + hash(k, l) % 40) * 125.0 AS amount
        FROM invoices v, range(lines) r(l)
    ),
    totals AS (
        SELECT *, sum(amount) OVER (PARTITION BY k) AS net FROM lines
    )
    SELECT
        'Client ' || client AS "ContactName",
        'accounts@client' || client || '.example' AS "EmailAddress",
        (client % 90 + 1) || ' Canal Walk' AS "POAddressLine1",
        NULL AS "POAddressLine2", NULL AS "POAddressLine3", NULL AS "POAddressLine4",
        'Antwerp' AS "POCity", NULL AS "PORegion", '2080' AS "POPostalCode",
        'Belgium' AS "POCountry",
        NULL AS "SAAddressLine1", NULL AS "SAAddressLine2", NULL AS "SAAddressLine3",
        NULL AS "SAAddressLine4", NULL AS "SACity", NULL AS "SARegion", NULL AS "SAPostalCode",
        NULL AS "SACountry",
        'INV-' || lpad(k::VARCHAR, 7, '0') AS "InvoiceNumber",
        'P' || lpad((hash(k, 9) % 5000)::VARCHAR, 4, '0') AS "Reference",
        strftime(issued, '%d/%m/%Y') AS "InvoiceDate",
        strftime(issued + 45, '%d/%m/%Y') AS "DueDate",
        NULL AS "PlannedDate",
        printf('%.2f', net * 1.2) AS "Total",
        printf('%.2f', net * 0.2) AS "TaxTotal",
        printf('%.2f', CASE WHEN k % 5 = 0 THEN 0 ELSE net * 1.2 END) AS "InvoiceAmountPaid",
        printf('%.2f', CASE WHEN k % 5 = 0 THEN net * 1.2 ELSE 0 END) AS "InvoiceAmountDue",
        NULL AS "InventoryItemCode",
        ['Studio day','Retouching','Art direction','Production','Licensing'][line % 5 + 1]
            || ': Spring campaign ' || (k % 97) AS "Description",
        '1.00' AS "Quantity",
        printf('%.2f', amount) AS "UnitAmount",
        NULL AS "Discount",
        printf('%.2f', amount) AS "LineAmount",
        '200' AS "AccountCode",
        '20% (VAT on Income)' AS "TaxType",
        printf('%.2f', amount * 0.2) AS "TaxAmount",
        'Service Line' AS "TrackingName1",
        ['Photography','Design','Video'][client % 3 + 1] AS "TrackingOption1",
        NULL AS "TrackingName2", NULL AS "TrackingOption2",
        'EUR' AS "Currency",
        CASE WHEN credit THEN 'Sales credit note' ELSE 'Sales invoice' END AS "Type",
        'Sent' AS "Sent",
        CASE WHEN k % 5 = 0 THEN 'Awaiting Payment' ELSE 'Paid' END AS "Status"
    FROM totals
    ORDER BY k, line
"""

# Every project code of the Harvest shapes, as a studio projects template.
PROJECT_LIST = f"""
    SELECT 'P' || lpad(code::VARCHAR, 4, '0') AS "Project Code",
        'Project ' || code AS "Project",
        'Client ' || (code % 200) AS "Client",
        'Photography' AS "Service Line",
        'time_and_materials' AS "Billing Model",
        '2024-01-01' AS "Start Date",
        '2026-12-31' AS "Due Date"
    FROM range({PROJECTS}) t(code)
"""


@dataclass(frozen=True)
class Shape:
    """One export shape: its CSV (written by `select` over `range($n)`) and what the warehouse
    holds before it is imported."""

    name: str
    file: str
    select: str | None  # None: a file written elsewhere (the demo's)
    delimiter: str = ","
    quote_all: bool = False
    projects: bool = False  # the project list is imported first (not timed)


SHAPES = (
    Shape("harvest_lean", "harvest_lean.csv", harvest(currency="United States Dollar - USD")),
    Shape("harvest_known", "harvest_lean.csv", None, projects=True),
    Shape("harvest_wide", "harvest_wide.csv", harvest(wide=True, currency="Euro - EUR")),
    Shape(
        "harvest_decimal_comma",
        "harvest_decimal_comma.csv",
        harvest(decimal_comma=True, currency="Euro - EUR"),
        delimiter=";",
    ),
    Shape(
        "harvest_day_first",
        "harvest_day_first.csv",
        harvest(day_first=True, currency="British Pound - GBP"),
    ),
    Shape("toggl", "toggl_detailed.csv", TOGGL, quote_all=True),
    Shape("clockify", "clockify_detailed.csv", CLOCKIFY, quote_all=True),
    Shape("xero_lines", "xero_invoice_lines.csv", XERO),
    Shape("demo", "../large/harvest_time_report.csv", None),
)
PROJECTS_FILE = "projects.csv"


def write_shapes(folder: Path, rows: int, shapes: tuple[Shape, ...]) -> None:
    """Write each shape's CSV (and the project list) into `folder` unless it is there."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    files = {s.file for s in shapes}
    wanted = [
        (s.file, s.select, s.delimiter, s.quote_all) for s in SHAPES if s.select and s.file in files
    ]
    wanted.append((PROJECTS_FILE, PROJECT_LIST, ",", False))
    for file, select, delimiter, quote_all in wanted:
        target = folder / file
        if target.exists():
            continue
        started = time.perf_counter()
        quoting = ", FORCE_QUOTE *" if quote_all else ""
        con.execute(
            f"COPY ({select}) TO '{target}' (HEADER, DELIMITER '{delimiter}'{quoting})",
            {"n": rows} if "$n" in select else {},
        )
        print(f"wrote {target.name} in {time.perf_counter() - started:.1f} s", flush=True)
    con.close()
    demo = folder / "../large/harvest_time_report.csv"
    if any(s.name == "demo" for s in shapes) and not demo.exists():
        from demo.studio import write_demo

        print("Writing the large demo studio …", flush=True)
        write_demo(demo.parent, scale="large", as_of=date(2026, 11, 27))


def duckdb_alone(csv: Path, workdir: Path) -> float:
    """Seconds for DuckDB to read the CSV into a table of a new database file, on disk."""
    started = time.perf_counter()
    con = duckdb.connect(str(workdir / "raw.duckdb"))
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv($p)", {"p": str(csv)})
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - started


def _alone_in_new_folder(csv: Path) -> float:
    """`duckdb_alone` into a folder of its own, removed after."""
    with tempfile.TemporaryDirectory() as scratch:
        return duckdb_alone(csv, Path(scratch))


def duckdb_in_memory(csv: Path) -> float:
    """Seconds for DuckDB to read the CSV into a table of an in-memory database (no storing)."""
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv($p)", {"p": str(csv)})
    con.close()
    return time.perf_counter() - started


def our_import(shape: Shape, csv: Path, workdir: Path) -> float:
    """Seconds for the full import of the CSV into a new warehouse (after the project list, for
    a shape that has one)."""
    pointer = workdir / "studio.duckdb"
    if shape.projects:
        load.load_files([csv.parent / PROJECTS_FILE], pointer, echo=lambda _: None)
    started = time.perf_counter()
    load.load_files([csv], pointer, echo=lambda _: None)
    return time.perf_counter() - started


class TimedConnection:
    """A connection whose `execute` notes each statement's CPU seconds (the process's, so the
    thread that reads the file's bytes alongside counts too) and seconds (for `--steps`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, steps: list) -> None:
        self._con, self._steps = con, steps

    def execute(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        started, cpu = time.perf_counter(), time.process_time()
        result = self._con.execute(sql, *args)
        elapsed = time.perf_counter() - started
        self._steps.append((time.process_time() - cpu, elapsed, " ".join(sql.split())))
        return result

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def show_steps(shape: Shape, csv: Path, threads: int | None, top: int = 14) -> None:
    """One import of `csv` with every statement timed (on `threads` threads): the ones that
    took the most CPU time."""
    steps: list[tuple[float, float, str]] = []
    real = load.new_version

    @contextmanager
    def timed(*args: object, **kwargs: object) -> Iterator[TimedConnection]:
        with real(*args, **kwargs) as con:  # type: ignore[arg-type]
            if threads:
                con.execute("SET threads = $threads", {"threads": threads})
            yield TimedConnection(con, steps)

    workdir = Path(tempfile.mkdtemp())
    try:
        pointer = workdir / "studio.duckdb"
        if shape.projects:
            load.load_files([csv.parent / PROJECTS_FILE], pointer, echo=lambda _: None)
        load.new_version = timed  # type: ignore[assignment]
        try:
            started = time.perf_counter()
            load.load_files([csv], pointer, echo=lambda _: None)
            total = time.perf_counter() - started
        finally:
            load.new_version = real  # type: ignore[assignment]
    finally:
        shutil.rmtree(workdir)
    cpu, timed_sum = sum(step[0] for step in steps), sum(step[1] for step in steps)
    alone = min(_alone_in_new_folder(csv) for _ in range(3))
    in_memory = min(duckdb_in_memory(csv) for _ in range(3))
    print(
        f"\n{shape.name}: {total:.2f} s, of which {timed_sum:.2f} s ({cpu:.2f} s CPU) in "
        f"{len(steps)} statements; DuckDB alone {alone:.2f} s, of which reading "
        f"{in_memory:.2f} s and storing {alone - in_memory:.2f} s; CPU s, s, statement:"
    )
    for used, seconds, sql in sorted(steps, reverse=True)[:top]:
        print(f"  {used:6.3f} {seconds:6.3f}  {sql[:140]}")


def main() -> None:
    """Write the shapes once, then time DuckDB alone and the import of each, back to back."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=ROWS, help="rows per generated shape")
    parser.add_argument("--rounds", type=int, default=3, help="0: only write the shapes")
    parser.add_argument("--only", nargs="*", help="shape names (default: all)")
    parser.add_argument("--steps", action="store_true", help="time each statement of one import")
    parser.add_argument("--threads", type=int, help="DuckDB threads for --steps (default: all)")
    args = parser.parse_args()
    shapes = tuple(s for s in SHAPES if not args.only or s.name in args.only)
    folder = bench_folder() / "matrix"
    write_shapes(folder, args.rows, shapes)
    if not args.rounds:
        return
    if args.steps:
        for shape in shapes:
            show_steps(shape, (folder / shape.file).resolve(), args.threads)
        return
    raw: dict[str, list[float]] = {s.name: [] for s in shapes}
    ours: dict[str, list[float]] = {s.name: [] for s in shapes}
    for round_ in range(args.rounds):
        for shape in shapes:
            csv = (folder / shape.file).resolve()
            workdir = Path(tempfile.mkdtemp())
            try:
                raw[shape.name].append(duckdb_alone(csv, workdir))
                ours[shape.name].append(our_import(shape, csv, workdir))
            finally:
                shutil.rmtree(workdir)
            print(
                f"round {round_ + 1} {shape.name}: DuckDB {raw[shape.name][-1]:.2f} s, "
                f"import {ours[shape.name][-1]:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    print(
        f"{date.today()}, {platform.machine()}, {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, medians of {args.rounds} rounds"
    )
    print(f"| {'Shape':<22} | {'Rows':>9} | DuckDB alone | Import | Ratio |")
    print(f"|{'-' * 24}|{'-' * 11}|-------------:|-------:|------:|")
    for shape in shapes:
        csv = (folder / shape.file).resolve()
        rows = _rows(csv)
        alone, imported = statistics.median(raw[shape.name]), statistics.median(ours[shape.name])
        print(
            f"| {shape.name:<22} | {rows:>9,} | {alone:>10.2f} s | {imported:>4.2f} s | "
            f"{imported / alone:>4.2f}× |"
        )


def _rows(csv: Path) -> int:
    """Records after the header (every shape's records are one line each)."""
    with csv.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b"")) - 1


if __name__ == "__main__":
    main()
