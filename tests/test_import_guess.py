"""A file is first parsed as its first rows (and rows sampled from all over it) read; what its
parsed rows hold then settles how the whole file reads, exactly as profiling all its values would
(etl/parse.py, `settle`), and the file is parsed again when it reads otherwise."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from etl import temps
from etl.load import ImportFailure, load_files
from studio import query

HEADER = (
    "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    "Last Name,Roles,Billable Rate,Cost Rate,Currency\n"
)
ROW = "{date},Acme,Brand,P-1,Design,,{hours},Yes,No,Ada,Lovelace,Designer,{rate},,EUR\n"


@pytest.fixture
def pointer(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "studio.duckdb"


def write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """A Harvest time report of (date, hours, rate) rows."""
    text = "".join(ROW.format(date=d, hours=h, rate=r) for d, h, r in rows)
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def load(paths: list[Path], pointer: Path) -> tuple[list, list[str]]:
    """Import; the results and the temp tables the import's connection held at the end."""
    tables: list[str] = []

    def look(con) -> None:
        names = "SELECT table_name FROM duckdb_tables() WHERE temporary"
        tables.extend(name for (name,) in con.execute(names).fetchall())

    return load_files(paths, pointer, echo=lambda _: None, inspect=look), tables


def test_day_first_rows_settle_the_file_without_profiling_it(pointer, tmp_path):
    rows = [(f"{day:02d}/03/2026", "7.5", "90.00") for day in range(13, 29)] * 20
    (result,), tables = load([write(tmp_path / "t.csv", rows)], pointer)
    assert (result.rows_loaded, result.rows_rejected) == (320, 0)
    assert temps.VALUES not in tables  # the rows settled it: no profile
    first = query(pointer, "SELECT entry_date::VARCHAR FROM raw_time_entries ORDER BY line LIMIT 1")
    assert first == [("2026-03-13",)]


def test_a_month_first_date_after_day_first_ones_is_refused(pointer, tmp_path):
    rows = [(f"{day:02d}/03/2026", "7.5", "90.00") for day in range(13, 29)] * 20
    rows.append(("03/14/2026", "1", "90.00"))  # the 14th month: month first
    with pytest.raises(ImportFailure, match="mix day-first and month-first"):
        load([write(tmp_path / "t.csv", rows)], pointer)


def test_decimal_comma_rows_settle_the_file_without_profiling_it(pointer, tmp_path):
    rows = [("2026-03-02", '"7,5"', '"1.234,50"')] * 300
    (result,), tables = load([write(tmp_path / "t.csv", rows)], pointer)
    assert (result.rows_loaded, result.rows_rejected) == (300, 0)
    assert temps.VALUES not in tables
    values = query(pointer, "SELECT DISTINCT hours, bill_rate FROM raw_time_entries")
    assert values == [(Decimal("7.5"), Decimal("1234.5"))]


def test_a_decimal_point_after_decimal_commas_makes_the_file_read_with_points(pointer, tmp_path):
    # As profiling all values decides: a decimal point anywhere means the commas are not decimal
    # separators, so those rows are rejected and the point row is loaded.
    rows = [("2026-03-02", '"7,5"', "90")] * 300 + [("2026-03-03", "2.25", "90")]
    (result,), _ = load([write(tmp_path / "t.csv", rows)], pointer)
    assert (result.rows_loaded, result.rows_rejected) == (1, 300)
    assert query(pointer, "SELECT hours FROM raw_time_entries") == [(Decimal("2.25"),)]


def test_a_file_its_first_rows_misjudge_is_profiled_and_parsed_again(pointer, tmp_path):
    # The first rows and the rows sampled (4 KB at each of 32 places of a 1.8 MB file) see only
    # dates that fit both orders and whole hours; one row between them settles day first and a
    # decimal comma.
    rows = [("05/02/2026", "2", "90")] * 500 + [("13/02/2026", '"1,5"', "90")]
    rows += [("05/02/2026", "2", "90")] * 30_000
    (result,), tables = load([write(tmp_path / "t.csv", rows)], pointer)
    assert (result.rows_loaded, result.rows_rejected) == (30_501, 0)
    assert temps.VALUES in tables  # profiled
    settled = "SELECT entry_date::VARCHAR, hours FROM raw_time_entries WHERE line = 502"
    assert query(pointer, settled) == [("2026-02-13", Decimal("1.5"))]
