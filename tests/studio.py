"""The hand-made studio used by the tests, and a helper to query a warehouse."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import xlsxwriter

from etl import build
from etl.warehouse import connect_read_only

ROOT = Path(__file__).resolve().parents[1]  # the repository
FIXTURES = ROOT / "tests" / "fixtures"

# The demo studio the tests share (conftest's demo_exports and demo_db): its seed and its today,
# the one as-of date every demo test uses.
DEMO_SEED = 7
DEMO_AS_OF = date(2026, 11, 27)

# The studio template projects sheet, written as a real workbook with Excel dates.
PROJECTS = [
    ("Project Code", "Project", "Client", "Service Line", "Billing Model", "Budget Hours",
     "Budget Amount", "Currency", "Start Date", "Due Date", "Delivered Date", "Status",
     "Account Manager"),
    ("P-1", "Brand refresh", "Acme Corporation", "Design", "time_and_materials", 20, None, "EUR",
     date(2026, 1, 5), date(2026, 3, 31), None, "active", "Maya Patel"),
    ("P-2", "Spring packaging", "Acme Corporation", "Packaging", "fixed_fee", 40, 6200, "EUR",
     date(2026, 1, 20), date(2026, 2, 20), date(2026, 2, 20), "delivered", "Maya Patel"),
    ("P-3", "Monthly retouching", "Birch & Co", "Retouching", "retainer", None, 1000, "EUR",
     date(2026, 1, 15), date(2026, 6, 30), None, "active", "Tom Becker"),
]  # fmt: skip


def write_workbook(path: Path, sheet: str, rows: list[tuple]) -> Path:
    """Write rows to a one-sheet workbook, dates as real Excel dates."""
    book = xlsxwriter.Workbook(str(path))
    sheet_ = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                sheet_.write_datetime(
                    r, c, datetime(value.year, value.month, value.day), date_format
                )
            elif value is not None:
                sheet_.write(r, c, value)
    book.close()
    return path


def query(pointer: Path, sql: str, as_of: date | None = None, **params: object) -> list[tuple]:
    """Rows of `sql` on the warehouse at `pointer`, views computed as of `as_of`."""
    con = connect_read_only(pointer.resolve())
    try:
        if as_of:
            con.execute("SET VARIABLE as_of = $d::DATE", {"d": as_of})
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def warehouse_from(rows: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse built from raw rows given by hand (given/expect tests)."""
    con = duckdb.connect()
    build.create_schema(con)
    for table, records in rows.items():
        for line, record in enumerate(records, start=2):
            values = {"file_id": "given", "line": line, "source_format": "given", **record}
            columns = ", ".join(values)
            con.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(values))})",
                list(values.values()),
            )
    build.build_views(con)
    return con


def rows_of(con: duckdb.DuckDBPyConnection, sql: str, as_of: date) -> list[tuple]:
    """Rows of `sql` with the views computed as of `as_of`."""
    con.execute("SET VARIABLE as_of = $d::DATE", {"d": as_of})
    return con.execute(sql).fetchall()


def copy_warehouse(pointer: Path, folder: Path) -> Path:
    """A copy of the warehouse at `pointer` (its versions too) in `folder`, for tests that write."""
    shutil.copytree(pointer.parent, folder, symlinks=True)
    return folder / pointer.name


def shown(markdown: str) -> str:
    """What a reader sees of Markdown in which the app escaped every punctuation mark of a name
    or message (ui.literal): the text without its backslashes."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
