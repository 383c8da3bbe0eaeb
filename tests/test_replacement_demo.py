"""The demo studio's time report imported as people really export it — one file per client per
week in any order, or overlapping "last period" exports — ends exactly where one full export does."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from demo.studio import TIME_FILE
from etl.load import load_files
from studio import DEMO_AS_OF, query

AS_OF = DEMO_AS_OF
WEEKS = 3  # the weeks before the as-of date exported client by client


def rows_of(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a CSV."""
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = csv.reader(handle)
    return header, rows


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A CSV export of `rows` under `header`."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    return path


def client_month(pointer: Path) -> list[tuple]:
    """Every row of the client_month view (sums of doubles to the millionth: their last bits
    follow the order rows are added in)."""
    rows = query(pointer, "SELECT * FROM client_month ORDER BY ALL")
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in rows]


def load(pointer: Path, paths: list[Path]) -> None:
    """One quiet import run."""
    load_files(paths, pointer, echo=lambda _: None)


@pytest.fixture(scope="module")
def demo(demo_exports: list[Path], demo_db: Path) -> tuple[Path, list[Path], list[tuple]]:
    """The demo's time report, its files other than the time report, and client_month after one
    full import of them all (the test run's shared demo files and warehouse, only read here)."""
    others = [path for path in demo_exports if path.name != TIME_FILE]
    (time_report,) = (path for path in demo_exports if path.name == TIME_FILE)
    return time_report, others, client_month(demo_db)


def test_per_client_weekly_exports_in_any_order_equal_one_full_export(demo, tmp_path):
    time_report, others, expected = demo
    header, rows = rows_of(time_report)
    day, client = header.index("Date"), header.index("Client")
    start = AS_OF - timedelta(days=7 * WEEKS)
    history = [row for row in rows if date.fromisoformat(row[day]) < start]
    weekly: dict[tuple[str, int], list[list[str]]] = {}
    for row in rows:
        when = date.fromisoformat(row[day])
        if when >= start:
            weekly.setdefault((row[client], (when - start).days // 7), []).append(row)
    assert len(weekly) > 10 * WEEKS  # many clients a week, each its own file
    files = [
        write(tmp_path / f"harvest_{number:03d}.csv", header, entries)
        for number, entries in enumerate(weekly.values())
    ]
    random.Random(14).shuffle(files)
    pointer = tmp_path / "weekly" / "studio.duckdb"
    load(pointer, [*others, write(tmp_path / "harvest_history.csv", header, history)])
    third = len(files) // 3
    for batch in (files[:third], files[third : 2 * third], files[2 * third :]):
        load(pointer, batch)
    assert client_month(pointer) == expected
    count = "SELECT count(*), sum(hours) FROM raw_time_entries"
    assert query(pointer, count)[0][0] == len(rows)


@pytest.mark.parametrize("newer_first", [False, True])
def test_two_overlapping_full_exports_equal_one_full_export(demo, tmp_path, newer_first):
    time_report, others, expected = demo
    header, rows = rows_of(time_report)
    day = header.index("Date")
    # "Up to three weeks ago" and "the last six weeks": three weeks exported twice.
    overlap_from, overlap_to = AS_OF - timedelta(days=42), AS_OF - timedelta(days=21)
    older = [row for row in rows if date.fromisoformat(row[day]) <= overlap_to]
    newer = [row for row in rows if date.fromisoformat(row[day]) >= overlap_from]
    exports = [
        write(tmp_path / "harvest_until_3_weeks_ago.csv", header, older),
        write(tmp_path / "harvest_last_6_weeks.csv", header, newer),
    ]
    pointer = tmp_path / "overlap" / "studio.duckdb"
    load(pointer, others)
    for export in reversed(exports) if newer_first else exports:
        load(pointer, [export])
    assert client_month(pointer) == expected
    assert query(pointer, "SELECT count(*) FROM raw_time_entries")[0][0] == len(rows)
