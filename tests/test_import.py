"""The import pipeline on hand-made exports: counts, rejects, idempotency, overlap, atomicity."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from etl import build
from etl.load import ImportFailure, load_files
from etl.warehouse import current_version
from studio import PROJECTS, ROOT, copy_warehouse, query

TABLES = ("raw_clients", "raw_rate_card", "raw_projects", "raw_deliverables", "raw_time_entries",
          "raw_expenses", "raw_invoices", "rejects")  # fmt: skip


def counts(pointer: Path) -> dict[str, int]:
    """Row count of every raw table and the rejects."""
    return {t: query(pointer, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def load_quietly(paths: list[Path], pointer: Path, **options: object) -> list:
    """Import without printing."""
    return load_files(paths, pointer, echo=lambda _: None, **options)


@pytest.fixture
def pointer(tmp_path: Path) -> Path:
    """A fresh, empty warehouse location."""
    return tmp_path / "warehouse" / "studio.duckdb"


def test_every_row_is_loaded_or_rejected(studio_dir, pointer):
    results = {r.name: r for r in load_quietly([studio_dir], pointer)}
    time_report = results["harvest_time.csv"]
    assert (time_report.rows_read, time_report.rows_loaded, time_report.rows_rejected) == (8, 5, 3)
    invoices = results["xero_invoices.csv"]
    # Five lines, four invoices: INV-002 has two lines.
    assert (invoices.rows_read, invoices.rows_loaded, invoices.rows_rejected) == (5, 5, 0)
    assert counts(pointer)["raw_invoices"] == 4
    assert results["projects.xlsx"].rows_loaded == 3
    for path in studio_dir.iterdir():
        if path.suffix == ".csv":  # rows after the header, as Python's csv module counts them
            with path.open(newline="", encoding="utf-8") as handle:
                written = sum(1 for row in csv.reader(handle) if row) - 1
        else:
            written = len(PROJECTS) - 1
        result = results[path.name]
        assert result.rows_read == written, path.name
        assert written == result.rows_loaded + result.rows_rejected + result.rows_skipped


def test_rejects_say_which_line_column_value_and_why(studio_dir, pointer):
    load_quietly([studio_dir], pointer)
    rejects = query(
        pointer, "SELECT file_name, line, column_name, value, reason FROM rejects ORDER BY line"
    )
    assert [r[:4] for r in rejects] == [
        ("harvest_time.csv", 7, "Hours", "abc"),
        ("harvest_time.csv", 8, "Billable?", "Maybe"),
        ("harvest_time.csv", 9, "Currency", "USD"),
    ]
    assert "expected a number" in rejects[0][4]
    assert "Yes or No" in rejects[1][4]
    assert "reporting currency" in rejects[2][4]


def test_importing_the_same_files_again_adds_nothing(studio_dir, pointer):
    load_quietly([studio_dir], pointer)
    before = counts(pointer)
    load_quietly([studio_dir], pointer)
    assert counts(pointer) == before
    runs = query(pointer, "SELECT run_id, outcome, files FROM import_runs ORDER BY run_id")
    assert runs == [(1, "ok", 7), (2, "ok", 7)]


def test_an_overlapping_time_export_replaces_its_date_range(studio_dir, pointer, tmp_path):
    load_quietly([studio_dir], pointer)
    later = tmp_path / "harvest_march.csv"
    header = (studio_dir / "harvest_time.csv").read_text().splitlines()[0]
    later.write_text(
        header + "\n"
        "2026-03-02,Acme Corporation,Brand refresh,P-1,Design,,3,Yes,No,Ada,Lovelace,Designer,,,EUR\n"
        "2026-03-04,Acme Corporation,Brand refresh,P-1,Design,,1,Yes,No,Ada,Lovelace,Designer,,,EUR\n"
    )
    load_quietly([later], pointer)
    rows = query(pointer, "SELECT entry_date::VARCHAR, hours::DOUBLE FROM raw_time_entries "
                          "WHERE entry_date >= '2026-03-01' ORDER BY 1")  # fmt: skip
    assert rows == [("2026-03-02", 3.0), ("2026-03-04", 1.0)]
    assert counts(pointer)["raw_time_entries"] == 6


def test_an_unrecognised_file_fails_the_run_and_changes_nothing(studio_dir, pointer, tmp_path):
    load_quietly([studio_dir], pointer)
    version, before = current_version(pointer), counts(pointer)
    odd = tmp_path / "timesheet.csv"
    odd.write_text(
        "Date,Client,Project,Project Code,Task,First Name,Last Name\n2026-01-01,A,B,C,D,E,F\n"
    )
    with pytest.raises(ImportFailure) as failure:
        load_quietly([studio_dir / "clients.csv", odd], pointer)
    message = str(failure.value)
    assert "timesheet.csv" in message
    assert "Harvest detailed time report" in message
    assert "Notes, Hours" in message
    assert current_version(pointer) == version
    assert counts(pointer) == before


def test_a_file_whose_dates_fit_both_orders_is_refused_unless_told(pointer, tmp_path):
    ambiguous = tmp_path / "invoices.csv"
    ambiguous.write_text(
        "Invoice Number,Client,Project Code,Issue Date,Due Date,Amount,Tax,Paid Amount\n"
        "A-1,Acme,P-1,03/04/2026,05/04/2026,100,20,0\n"
    )
    with pytest.raises(ImportFailure, match="--date-order"):
        load_quietly([ambiguous], pointer)
    assert current_version(pointer) is None
    load_quietly([ambiguous], pointer, date_order="dmy")
    assert query(pointer, "SELECT issue_date::VARCHAR FROM raw_invoices") == [("2026-04-03",)]


def test_the_last_row_can_settle_how_the_whole_file_reads(pointer, tmp_path):
    header = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    header += "Last Name,Roles,Billable Rate,Cost Rate,Currency\n"
    row = "{date},Acme,Brand,P-1,Design,,{hours},Yes,No,Ada,Lovelace,Designer,,,{currency}\n"
    european = tmp_path / "time_eu.csv"
    # Every date but the last fits both orders, and only the last hours have a decimal comma.
    european.write_text(
        header
        + row.format(date="05/02/2026", hours="2", currency="EUR")
        + row.format(date="06/02/2026", hours="3", currency="EUR")
        + row.format(date="13/02/2026", hours='"1,5"', currency="EUR")
    )
    (result,) = load_quietly([european], pointer)
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    rows = query(pointer, "SELECT entry_date::VARCHAR, hours FROM raw_time_entries ORDER BY line")
    assert rows == [
        ("2026-02-05", Decimal("2")),
        ("2026-02-06", Decimal("3")),
        ("2026-02-13", Decimal("1.5")),
    ]


def test_a_new_warehouse_reports_in_the_currency_of_its_first_file(pointer, tmp_path):
    header = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    header += "Last Name,Roles,Billable Rate,Cost Rate,Currency\n"
    dollars = tmp_path / "time_us.csv"
    dollars.write_text(
        header
        + "2026-02-05,Acme,Brand,P-1,Design,,2,Yes,No,Ada,Lovelace,Designer,150,,USD\n"
        + "2026-02-06,Acme,Brand,P-1,Design,,3,Yes,No,Ada,Lovelace,Designer,150,,US Dollar - USD\n"
    )
    (result,) = load_quietly([dollars], pointer)
    assert (result.rows_loaded, result.rows_rejected) == (2, 0)
    assert query(pointer, "SELECT value FROM settings WHERE key = 'reporting_currency'") == [
        ("USD",)
    ]


@pytest.mark.parametrize(
    ("before_header", "notes_of_line_6", "expected", "empty_line"),
    [
        # A quoted title spanning two lines: the first data row is line 4.
        ('"Time report,\nJanuary"\n', "L6", [(4, "L4"), (6, "L6"), (8, "L8")], 7),
        # A note with a line break, and a row of empty cells (skipped, not data).
        ("Time report\n\n", '"L6\nmore"', [(4, "L4"), (6, "L6\nmore"), (9, "L8")], 8),
    ],
)
def test_every_line_is_counted_around_titles_line_breaks_and_empty_rows(
    pointer, tmp_path, before_header, notes_of_line_6, expected, empty_line
):
    header = "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    header += "Last Name,Roles,Billable Rate,Cost Rate,Currency\n"
    row = "2026-01-10,Acme,Brand,P-1,Design,{notes},{hours},Yes,No,Ada,Lovelace,Designer,,,EUR\n"
    export = tmp_path / "time.csv"
    export.write_text(
        before_header
        + header
        + row.format(notes="L4", hours="1")
        + row.format(notes="L5", hours="x5")
        + row.format(notes=notes_of_line_6, hours="1")
        + ",,,,,,,,,,,,,,\n"
        + row.format(notes="L8", hours="1")
    )
    (result,) = load_quietly([export], pointer)
    # Six records after the header: the title and the empty row are skipped, and listed.
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_skipped) == (
        6,
        3,
        1,
        2,
    )
    assert query(pointer, "SELECT line, notes FROM raw_time_entries ORDER BY line") == expected
    assert query(pointer, "SELECT line, value FROM rejects") == [(5, "x5")]
    skipped = query(pointer, "SELECT line, reason FROM skipped_rows ORDER BY line")
    assert [(line, reason.split(" (")[0]) for line, reason in skipped] == [
        (1, "a title row before the header"),
        (empty_line, "an empty row"),
    ]


def test_a_killed_import_leaves_the_warehouse_as_it_was(studio_dir, pointer, tmp_path):
    load_quietly([studio_dir], pointer)
    version, before = current_version(pointer), counts(pointer)
    big = tmp_path / "big_time.csv"
    header = (studio_dir / "harvest_time.csv").read_text().splitlines()[0]
    row = "2025-{m:02d}-{d:02d},Acme Corporation,Brand refresh,P-1,Design,note {i},1.5,Yes,No,Ada,Lovelace,Designer,,,EUR\n"
    with big.open("w") as handle:
        handle.write(header + "\n")
        for i in range(600_000):
            handle.write(row.format(m=i % 12 + 1, d=i % 28 + 1, i=i))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", "--db", str(pointer), str(big)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    work_files = pointer.with_name("studio.versions")
    deadline = time.monotonic() + 60
    while not list(work_files.glob("*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # well into the load
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert current_version(pointer) == version
    assert counts(pointer) == before
    load_quietly([studio_dir], pointer)  # the next import cleans up and works
    assert not list(work_files.glob("*.tmp"))


@pytest.mark.parametrize(
    "currency",
    [
        "EUR",  # read straight from the file: lines follow from the records' order
        "USD",  # converted with an exchange-rate join, so the records are numbered first
    ],
)
def test_line_numbers_are_exact_deep_into_a_large_file(studio_dir, pointer, tmp_path, currency):
    big = tmp_path / "big_time.csv"
    header = (studio_dir / "harvest_time.csv").read_text().splitlines()[0]
    row = "2026-02-{d:02d},Acme Corporation,Brand refresh,P-1,Design,,{h},Yes,No,Ada,Lovelace,"
    row += "Designer,100,,{c}\n"
    with big.open("w") as handle:
        handle.write(header + "\n")
        for i in range(300_000):
            hours = "oops" if i in (149_999, 299_998) else f"{i % 997 + 1}.25"
            handle.write(row.format(d=i % 28 + 1, h=hours, c=currency))
    rates = tmp_path / "exchange_rates.csv"
    rates.write_text("Currency,Rate,Valid From\nUSD,0.90,2026-01-01\n")
    (_, result) = load_quietly([rates, big], pointer, settings={"reporting_currency": "EUR"})
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (300_000, 299_998, 2)
    # Data row i sits on line i + 2 (line 1 is the header).
    assert query(pointer, "SELECT line, value FROM rejects ORDER BY line") == [
        (150_001, "oops"),
        (300_000, "oops"),
    ]
    lines = (2, 150_000, 150_002, 222_222, 299_999, 300_001)
    loaded = query(
        pointer,
        "SELECT line, hours, bill_rate FROM raw_time_entries WHERE list_contains($l, line) "
        "ORDER BY line",
        l=list(lines),
    )
    rate = Decimal("90") if currency == "USD" else Decimal("100")
    assert loaded == [(n, Decimal(f"{(n - 2) % 997 + 1}.25"), rate) for n in lines]


def test_each_run_stores_its_reconciliation(studio_dir, pointer):
    load_quietly([studio_dir], pointer)
    (figures,) = query(pointer, "SELECT reconciliation FROM import_runs")[0]
    assert json.loads(figures) == {
        "hours": [20.5, 20.5],  # 4 + 2.5 + 10 + 3 + 1 loaded hours
        "billed_revenue": [4530.0, 4530.0],  # 3,100 + 530 + 1,000 − 100
        "deliverables_delivered": [3.0, 3.0],
    }


def test_a_reconciliation_mismatch_fails_the_import(studio_dir, pointer, monkeypatch):
    load_quietly([studio_dir / "clients.csv"], pointer)
    version = current_version(pointer)
    real = build.read_sql

    def off_by_one(folder: str, name: str) -> str:
        sql = real(folder, name)
        return sql.replace("r.hours::DOUBLE", "r.hours::DOUBLE + 1") if folder == "checks" else sql

    monkeypatch.setattr(build, "read_sql", off_by_one)
    with pytest.raises(
        ImportFailure, match=r"do not reconcile.*hours: loaded 20\.50, views 21\.50"
    ):
        load_quietly([studio_dir], pointer)
    assert current_version(pointer) == version


def test_time_entries_follow_a_corrected_rate_card_as_if_loaded_at_once(studio_dir, tmp_path):
    # Ada's rates first typed in the wrong columns, then corrected: a cost rate that becomes
    # empty and a bill rate that appears must both reach the entries already stored.
    wrong = tmp_path / "wrong" / "rate_card.csv"
    right = tmp_path / "right" / "rate_card.csv"
    for path, rates in ((wrong, "120,"), (right, ",120")):
        path.parent.mkdir()
        path.write_text(
            f"Person,Role,Cost Rate,Bill Rate,Weekly Capacity Hours,Valid From\n"
            f"Ada Lovelace,Designer,{rates},40,2026-01-01\n"
        )
    others = [p for p in sorted(studio_dir.iterdir()) if p.name != "rate_card.csv"]
    stepwise, at_once = tmp_path / "stepwise.duckdb", tmp_path / "at_once.duckdb"
    load_quietly([*others, wrong], stepwise)
    load_quietly([right], stepwise)
    load_quietly([*others, right], at_once)
    entries = (
        "SELECT entry_date, person, hours, cost_rate, bill_rate, labour_cost, billable_value "
        "FROM time_entries WHERE person = 'Ada Lovelace' ORDER BY ALL"
    )
    assert query(stepwise, entries) == query(at_once, entries)
    assert {row[3:5] for row in query(stepwise, entries)} == {(None, Decimal("120"))}


def test_a_full_relink_leaves_the_warehouse_the_size_of_a_fresh_import(demo_db, tmp_path):
    # A new rate makes every stored time entry be linked again (166,000 in the demo studio).
    # DuckDB never shrinks a file, so the old rows' space must be reused rather than kept beside
    # the new rows: it was not, and a relink made the large demo studio's warehouse 79% larger.
    pointer = copy_warehouse(demo_db, tmp_path / "warehouse")
    fresh = current_version(pointer).stat().st_size
    links = "SELECT value FROM settings WHERE key = 'time_links'"
    before = query(pointer, links)
    rate = tmp_path / "rate_card.csv"
    rate.write_text(
        "Person,Role,Cost Rate,Bill Rate,Weekly Capacity Hours,Valid From\n"
        "Zed Relink,Designer,50.00,120.00,40,2020-01-01\n"
    )
    load_quietly([rate], pointer)
    assert query(pointer, links) != before  # every entry was linked again
    relinked = current_version(pointer).stat().st_size
    assert relinked <= 1.10 * fresh, f"{fresh:,} bytes fresh, {relinked:,} after the relink"
