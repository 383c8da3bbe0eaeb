"""The import's temp relations and session variables (etl/temps.py): each is named once and
documented, the import names them only through it, and nothing of one file is read for the
next one."""

from __future__ import annotations

import ast
import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from etl import sources, temps
from etl.load import load_files
from studio import ROOT, query, write_workbook

IMPORT_PATH = ("etl/sources.py", "etl/parse.py", "etl/load.py")

HARVEST = (
    "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    "Last Name,Roles,Billable Rate,Cost Rate,Currency"
)
ROW = "{day},Acme,Logo,P-1,Design,{notes},{hours},Yes,No,Ada,Lovelace,Designer,,,EUR"
CLOCKIFY = "Project,Client,Description,User,Start Date,Duration (h),Billable,Billable Rate (EUR)"


VARIABLES = ("CSV_PATH", "CSV_SKIP", "CSV_DELIM", "CSV_COLUMNS", "CSV_PARALLEL", "FIRST_LINE",
             "HEADER_CURRENCY", "FILE_ID", "SOURCE_FORMAT")  # fmt: skip


def constants() -> dict[str, str]:
    """Every name etl/temps.py defines: constant -> name."""
    return {
        name: value
        for name, value in vars(temps).items()
        if name.isupper() and isinstance(value, str)
    }


def test_each_temp_is_named_once_and_says_what_it_holds_and_who_makes_and_reads_it():
    names = list(constants().values())
    assert len(names) == len(set(names)), "a name is given to two constants"
    tree = ast.parse((ROOT / "etl" / "temps.py").read_text(encoding="utf-8"))
    # A constant is documented by the string right after it, or after the group it ends.
    pending: list[str] = []
    documented: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            pending += [target.id for target in node.targets if isinstance(target, ast.Name)]
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and pending:
            documented |= dict.fromkeys(pending, node.value.value)
            pending = []
    assert set(documented) == set(constants())
    for constant, doc in documented.items():
        says = ("Set:", "Read:") if constant in VARIABLES else ("Created:", "Read:", "Gone:")
        assert all(word in doc for word in says), constant


def literal_sql(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings (f-strings in their pieces)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("module", IMPORT_PATH)
def test_the_import_names_its_temps_only_through_etl_temps(module):
    names = "|".join(map(re.escape, constants().values()))
    # A relation's name alone is one handed on (`read_into(..., "parsed", ...)`); a variable's
    # name alone may be a column of the same name.
    relations = "|".join(re.escape(v) for k, v in constants().items() if k not in VARIABLES)
    spelled = re.compile(
        rf"(\b(FROM|JOIN|TABLE|VIEW|INTO|UPDATE|DESCRIBE|VARIABLE|EXISTS)\s+({names})\b)"
        rf"|getvariable\('({names})'\)|^({relations})$"
    )
    found = [text for text in literal_sql(ROOT / module) if spelled.search(text)]
    assert found == []


def harvest(path: Path, rows: list[str], delim: str = ",") -> Path:
    path.write_text("\n".join([HARVEST.replace(",", delim), *rows]) + "\n", encoding="utf-8")
    return path


def january(count: int) -> list[str]:
    """`count` Harvest rows on January days, 1 to `count` hours; the ninth (line 10) with hours
    that are not a number."""
    return [
        ROW.format(day=f"2026-01-{1 + i % 28:02d}", notes=f"n{i}", hours="x" if i == 8 else i + 1)
        for i in range(count)
    ]


SHORT = [ROW.format(day="2026-03-02", notes="a", hours=2), ROW.format(day="2026-03-03", notes="b", hours=3)]  # fmt: skip
SHORT_ENTRIES = [(2, date(2026, 3, 2), Decimal(2)), (3, date(2026, 3, 3), Decimal(3))]


def long_csv(folder: Path) -> Path:
    """One line per record: `src` reads the CSV itself, lines follow from positions."""
    return harvest(folder / "1_long.csv", january(40))


def long_csv_with_line_breaks(folder: Path) -> Path:
    """Notes with line breaks: the records are numbered in `src_numbered`."""
    rows = january(40)
    rows[3] = rows[3].replace(",n3,", ',"n3\nmore",')
    return harvest(folder / "1_long.csv", rows)


def long_csv_profiled(folder: Path) -> Path:
    """Decimal commas and day-first dates: the values are profiled into `src_values`."""
    row = ROW.replace(",", ";")
    rows = [
        row.format(
            day=f"{1 + i % 28:02d}/01/2026", notes=f"n{i}", hours="x" if i == 8 else f"{i},5"
        )
        for i in range(40)
    ]
    return harvest(folder / "1_long.csv", rows, ";")


def long_clockify(folder: Path) -> Path:
    """A currency named in the header: the variable `header_currency`, one more cell a row."""
    rows = [
        f"Logo,Acme,n{i},Ada Lovelace,2026-01-{1 + i % 28:02d},{'x' if i == 8 else i + 1},Yes,100"
        for i in range(40)
    ]
    path = folder / "1_long.csv"
    path.write_text("\n".join([CLOCKIFY, *rows]) + "\n", encoding="utf-8")
    return path


def long_workbook(folder: Path) -> Path:
    """A sheet: its rows are `src_numbered` from a DataFrame."""
    rows = [tuple(HARVEST.split(",")), *(tuple(row.split(",")) for row in january(40))]
    return write_workbook(folder / "1_long.xlsx", "Time", rows)


def short_csv(folder: Path) -> Path:
    return harvest(folder / "2_short.csv", SHORT)


def short_month_first(folder: Path) -> Path:
    """Month-first dates (and profiled again): the first file proved day-first for itself."""
    rows = [ROW.format(day="03/25/2026", notes="a", hours=2), ROW.format(day="03/26/2026", notes="b", hours=3)]  # fmt: skip
    return harvest(folder / "2_short.csv", rows)


def short_workbook(folder: Path) -> Path:
    rows = [tuple(HARVEST.split(",")), *(tuple(row.split(",")) for row in SHORT)]
    return write_workbook(folder / "2_short.xlsx", "Time", rows)


MONTH_FIRST = [(2, date(2026, 3, 25), Decimal(2)), (3, date(2026, 3, 26), Decimal(3))]


@pytest.mark.parametrize(
    ("first", "second", "expected", "rejected_line"),
    [
        (long_csv, short_csv, SHORT_ENTRIES, 10),
        (long_csv_with_line_breaks, short_csv, SHORT_ENTRIES, 11),
        (long_csv_profiled, short_csv, SHORT_ENTRIES, 10),
        (long_csv_profiled, short_month_first, MONTH_FIRST, 10),
        (long_clockify, short_csv, SHORT_ENTRIES, 10),
        (long_workbook, short_csv, SHORT_ENTRIES, 10),
        (long_csv, short_workbook, SHORT_ENTRIES, 10),
    ],
)
def test_a_shorter_file_after_a_longer_one_reads_only_its_own_rows(
    tmp_path, first, second, expected, rejected_line
):
    pointer = tmp_path / "warehouse" / "studio.duckdb"
    files = [first(tmp_path), second(tmp_path)]
    longer, shorter = load_files(files, pointer, echo=lambda _: None)
    assert (longer.rows_read, longer.rows_loaded, longer.rows_rejected) == (40, 39, 1)
    assert (shorter.rows_read, shorter.rows_loaded, shorter.rows_rejected) == (2, 2, 0)
    assert shorter.rows_skipped == 0 and shorter.replaced == []
    entries = "SELECT t.line, t.entry_date, t.hours FROM raw_time_entries t JOIN import_files f USING (file_id) WHERE f.file_name = $name ORDER BY t.line"
    assert query(pointer, entries, name=files[1].name) == expected
    assert len(query(pointer, entries, name=files[0].name)) == 39
    assert query(pointer, "SELECT file_name, line, value FROM rejects") == [
        (files[0].name, rejected_line, "x")
    ]


def test_the_single_threaded_reader_of_one_file_is_not_handed_to_the_next(tmp_path, monkeypatch):
    # Quoted line breaks in rows DuckDB pads with NULLs need its single-threaded reader.
    rows = january(40)
    rows = [row.replace(f",n{i},", f',"n{i}\nmore",') if i % 3 else row for i, row in enumerate(rows)]  # fmt: skip
    files = [harvest(tmp_path / "1_long.csv", rows), short_csv(tmp_path)]
    scans = []
    run_scan = sources._run_scan

    def watched(con, reading, statement, params):
        session = con.execute(f"SELECT {temps.variable(temps.CSV_PARALLEL)}").fetchall()[0][0]
        after = run_scan(con, reading, statement, params)
        scans.append((Path(reading.options.path).name, reading, session, after))
        return after

    monkeypatch.setattr(sources, "_run_scan", watched)
    pointer = tmp_path / "warehouse" / "studio.duckdb"
    longer, shorter = load_files(files, pointer, echo=lambda _: None)
    assert (longer.rows_loaded, shorter.rows_loaded) == (39, 2)
    seen = [(name, reading.options.parallel, session, after.options.parallel) for name, reading, session, after in scans]  # fmt: skip
    assert seen == [
        # The first scan finds out, and so does the session; the copy of the records knows.
        ("1_long.csv", True, True, False),
        ("1_long.csv", False, False, False),
        # The next file starts with every core again.
        ("2_short.csv", True, True, True),
    ]
    # The reading the first scan was given is as it was: a new one says single-threaded.
    first = scans[0][1]
    assert first.options.parallel is True
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.options.parallel = False  # type: ignore[misc]
