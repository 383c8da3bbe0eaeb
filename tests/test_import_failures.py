"""A run that goes wrong says so: early, clearly, with a non-zero exit and nothing changed."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from etl import load as load_module
from etl.load import ImportFailure, load_files
from etl.warehouse import current_version
from studio import ROOT, query

HARVEST = (
    "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    "Last Name,Roles,Billable Rate,Cost Rate,Currency\n"
)
ROW = "{day},Acme,Logo,P-1,Design,,{hours},Yes,No,Ada,Lovelace,Designer,,,EUR\n"


def etl(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m etl` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


@pytest.fixture
def pointer(tmp_path: Path) -> Path:
    """A warehouse holding one day of time."""
    pointer = tmp_path / "warehouse" / "studio.duckdb"
    first = tmp_path / "first.csv"
    first.write_text(HARVEST + ROW.format(day="2026-11-02", hours=5))
    load_files([first], pointer, echo=lambda _: None)
    return pointer


def test_a_file_whose_every_row_is_rejected_fails_the_run_with_its_reasons(pointer, tmp_path):
    version = current_version(pointer)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HARVEST + ROW.format(day="2026-11-03", hours="lots") + ROW.format(day="someday", hours=2)
        + ROW.format(day="2026-11-04", hours="n/a")
    )  # fmt: skip
    result = etl("load", "--db", str(pointer), str(bad))
    assert result.returncode == 1
    assert "bad.csv: every one of its 3 data rows was rejected, so nothing was imported." in (
        result.stderr
    )
    assert "Hours: expected a number such as 1234.50 or 1.234,50 (2 rows)" in result.stderr
    assert "Date: expected a date" in result.stderr
    assert current_version(pointer) == version


def test_a_number_too_large_to_be_right_is_a_rejected_row_not_a_failed_import(pointer, tmp_path):
    """Such values overflowed the warehouse's columns or hours × rate in the views: the import
    ended in a traceback, and the Import page in Streamlit's error."""
    big = tmp_path / "big.csv"
    rate = "2026-11-05,Acme,Logo,P-1,Design,,2.5,Yes,No,Ada,Lovelace,Designer,999999999999,,EUR\n"
    big.write_text(
        HARVEST + ROW.format(day="2026-11-03", hours=99999999) + rate
        + ROW.format(day="2026-11-04", hours="123456789012") + ROW.format(day="2026-11-06", hours=10000)
    )  # fmt: skip
    result = etl("load", "--db", str(pointer), str(big))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rejects = query(pointer, "SELECT line, column_name, value, reason FROM rejects ORDER BY line")
    too_large = "is too large to be right: at most 10,000 hours in one entry"
    assert [row[:3] for row in rejects] == [
        (2, "Hours", "99999999"), (3, "Billable Rate", "999999999999"), (4, "Hours", "123456789012")
    ]  # fmt: skip
    assert all(row[3].startswith(too_large) for row in rejects)
    assert query(pointer, "SELECT sum(hours)::DOUBLE FROM time_entries") == [(10005.0,)]
    # At the bounds: 10,000 h at 999,999 an hour is costed (9,999,990,000), one more is not read.
    edge = tmp_path / "edge.csv"
    rate = "2026-11-09,Acme,Logo,P-1,Design,,{h},Yes,No,Ada,Lovelace,Designer,,{r},EUR\n"
    edge.write_text(
        HARVEST + rate.format(h=10000, r=999999) + rate.format(h=1, r=1000000).replace("09", "10")
    )
    result = etl("load", "--db", str(pointer), str(edge))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    costed = "SELECT labour_cost::DOUBLE FROM time_entries WHERE entry_date = '2026-11-09'"
    assert query(pointer, costed) == [(9_999_990_000.0,)]


def test_an_amount_written_in_another_currency_is_rejected_not_counted_as_the_rows(
    pointer, tmp_path
):
    """'£1000.00' in a euro row was loaded as EUR 1,000."""
    rates = tmp_path / "rates.csv"
    rates.write_text(
        HARVEST
        + "2026-11-03,Acme,Logo,P-1,Design,,1,Yes,No,Ada,Lovelace,Designer,£180.00,,EUR\n"
        + "2026-11-04,Acme,Logo,P-1,Design,,2,Yes,No,Ada,Lovelace,Designer,€180.00,80 EUR,EUR\n"
        + "2026-11-05,Acme,Logo,P-1,Design,,3,Yes,No,Ada,Lovelace,Designer,180.00,USD 80,EUR\n"
    )
    result = etl("load", "--db", str(pointer), str(rates))
    assert result.returncode == 0, result.stderr
    rejects = query(pointer, "SELECT line, column_name, value, reason FROM rejects ORDER BY line")
    other = "is written in another currency than its row's"
    assert [row[:3] for row in rejects] == [
        (2, "Billable Rate", "£180.00"),
        (4, "Cost Rate", "USD 80"),
    ]
    assert all(row[3].startswith(other) for row in rejects)
    assert query(pointer, "SELECT sum(hours)::DOUBLE FROM time_entries") == [(7.0,)]  # 5 + 2


def test_a_quote_never_closed_says_it_took_the_rest_of_the_file(pointer, tmp_path):
    """Lines 4 to 6 were counted nowhere: the reject said only that a row could not be split."""
    stray = tmp_path / "stray.csv"
    stray.write_text(
        HARVEST + ROW.format(day="2026-11-03", hours=1)
        + ROW.format(day="2026-11-04", hours=2).replace(",,2,", ',"open,2,')
        + ROW.format(day="2026-11-05", hours=3) + ROW.format(day="2026-11-06", hours=4)
        + ROW.format(day="2026-11-07", hours=5)
    )  # fmt: skip
    result = etl("load", "--db", str(pointer), str(stray))
    assert result.returncode == 0, result.stderr
    assert query(pointer, "SELECT line, reason FROM rejects") == [
        (3, "a quote opened in this row is never closed, so every line from here to the end of "
            "the file was read as this one row and rejected: close or remove the quote")
    ]  # fmt: skip


def test_a_far_date_places_no_row_but_a_rate_valid_since_long_ago_is_kept(pointer, tmp_path):
    """A typo like 2206 stretched the dates a file covers (with --complete it replaced 989 rows);
    a rate card's 'valid since' may well be 1900."""
    far = tmp_path / "far.csv"
    far.write_text(
        HARVEST + ROW.format(day="2206-11-03", hours=1) + ROW.format(day="31/12/25", hours=2)
        + ROW.format(day="2026-11-04", hours=3)
    )  # fmt: skip
    result = etl("load", "--db", str(pointer), str(far))
    assert result.returncode == 0, result.stderr
    assert query(pointer, "SELECT line, value, reason FROM rejects ORDER BY line") == [
        (2, "2206-11-03", "is before 1990 or after 2100: a typo or a misreading, which would "
                          "stretch the dates the file covers, and so what it replaces"),
    ]  # fmt: skip
    # 31/12/25 says the file is day-first: 31 Dec 2025, not the year 31 (DuckDB's own reading).
    days = "SELECT entry_date::VARCHAR FROM raw_time_entries"
    assert ("2025-12-31",) in query(pointer, days)
    card = tmp_path / "rate_card.csv"
    card.write_text(
        "Person,Role,Cost Rate,Bill Rate,Weekly Capacity Hours,Valid From\n"
        "Ada Lovelace,Designer,50,120,40,1900-01-01\n"
    )
    assert etl("load", "--db", str(pointer), str(card)).returncode == 0
    assert query(pointer, "SELECT valid_from::VARCHAR FROM raw_rate_card") == [("1900-01-01",)]


def test_an_unknown_currency_is_refused_with_the_valid_codes(pointer, tmp_path):
    result = etl("load", "--db", str(pointer), "--currency", "euro", str(tmp_path / "first.csv"))
    assert result.returncode == 1
    assert "unknown currency 'EURO': give its ISO 4217 code, one of:" in result.stderr
    assert "EUR, FJD" in result.stderr
    assert query(pointer, "SELECT count(*) FROM import_runs") == [(1,)]


def test_an_unrecognised_or_empty_file_is_reported_before_any_file_is_read(pointer, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HARVEST + ROW.format(day="2026-11-05", hours=1))
    odd = tmp_path / "odd.csv"
    odd.write_text("Colour,Size\nred,L\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    said: list[str] = []
    with pytest.raises(ImportFailure) as failure:
        load_files([good, odd, empty], pointer, echo=said.append)
    message = str(failure.value)
    assert "odd.csv: not a recognised export" in message
    assert "empty.csv: the file is empty" in message
    assert said == []  # no file was read, not even the good one
    assert "empty.csv: the file is empty" in etl("load", "--db", str(pointer), str(empty)).stderr


def test_a_run_that_has_to_wait_says_for_what_and_gives_up_clearly(pointer, tmp_path):
    version = current_version(pointer)
    lock = pointer.with_name("studio.versions") / ".lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, json, sys, time; from pathlib import Path\n"
         f"h = open({str(lock)!r}, 'a'); fcntl.flock(h, fcntl.LOCK_EX)\n"
         f"Path({str(lock)!r} + '.json').write_text(json.dumps({{'what': 'the import of big.csv', "
         "'since': '2026-12-04T10:42:05', 'pid': 4242}))\n"
         "print('locked', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = etl("load", "--db", str(pointer), "--wait", "0.5", str(tmp_path / "first.csv"))
    finally:
        holder.kill()
        holder.wait()
    assert "Waiting for the import of big.csv (started 4 Dec 10:42:05, process 4242)" in (
        result.stdout
    )
    assert result.returncode == 1
    assert "the import of big.csv (started 4 Dec 10:42:05, process 4242) is still running" in (
        result.stderr
    )
    assert "nothing was changed" in result.stderr
    assert current_version(pointer) == version


def test_a_row_the_import_lost_fails_the_import(pointer, tmp_path, monkeypatch):
    """The records are counted apart from the import: an importer that drops a row is caught."""
    keep_skipped = load_module._keep_skipped

    def losing_a_row(con, source, run_id, file_id):
        con.execute("DELETE FROM parsed WHERE line = (SELECT max(line) FROM parsed)")
        return keep_skipped(con, source, run_id, file_id)

    monkeypatch.setattr(load_module, "_keep_skipped", losing_a_row)
    export = tmp_path / "week.csv"
    export.write_text(
        HARVEST + ROW.format(day="2026-11-09", hours=1) + ROW.format(day="2026-11-10", hours=2)
    )
    with pytest.raises(ImportFailure) as failure:
        load_files([export], pointer, echo=lambda _: None)
    assert str(failure.value).startswith(
        "week.csv: the file holds 2 rows after its header, but 1 were loaded, 0 rejected and "
        "0 skipped, so nothing was imported"
    )


def test_month_name_dates_and_the_quickbooks_footer(tmp_path):
    time_report = tmp_path / "time.csv"
    time_report.write_text(
        HARVEST + ROW.format(day="27 Mar 2026", hours=1) + ROW.format(day='"Mar 28, 2026"', hours=2)
        + ROW.format(day="29-Mar-26", hours=3)
    )  # fmt: skip
    quickbooks = tmp_path / "quickbooks.csv"
    quickbooks.write_text(
        "Invoice List\n\n"
        "Date,Transaction type,Num,Name,Memo/Description,Due date,Amount,Open balance\n"
        "03/04/2026,Invoice,1042,Acme,P-1 Logo,04/03/2026,1250.00,1250.00\n"
        "03/20/2026,Invoice,1044,Birch,Retainer,04/19/2026,1000.00,0.00\n"
        'TOTAL,,,,,,"2,250.00","1,250.00"\n'
        '"Friday, 4 July 2025 09:12 AM GMTZ",,,,\n'
    )
    pointer = tmp_path / "studio.duckdb"
    results = {
        r.name: r for r in load_files([time_report, quickbooks], pointer, echo=lambda _: None)
    }
    days = query(pointer, "SELECT entry_date FROM raw_time_entries ORDER BY line")
    assert days == [(date(2026, 3, 27),), (date(2026, 3, 28),), (date(2026, 3, 29),)]
    invoices = results["quickbooks.csv"]
    assert (
        invoices.rows_read,
        invoices.rows_loaded,
        invoices.rows_rejected,
        invoices.rows_skipped,
    ) == (5, 2, 0, 3)
    skipped = query(
        pointer, "SELECT line, reason, text FROM skipped_rows WHERE file_name = 'quickbooks.csv'"
    )
    assert [(line, reason.split(" (")[0], text) for line, reason, text in skipped] == [
        (1, "a title row before the header", "Invoice List"),
        (6, "a total row", "TOTAL"),
        (7, "a report footer", "Friday, 4 July 2025 09:12 AM GMTZ"),
    ]


def test_a_quote_inside_a_cell_is_counted_as_pythons_csv_module_reads_it(tmp_path):
    """A lone quote (12" print) puts the byte counter out of step; the csv module settles it."""
    export = tmp_path / "time.csv"
    export.write_text(
        HARVEST + ROW.format(day="2026-11-02", hours=1).replace(",,1,", ',the 12" print,1,')
        + ROW.format(day="2026-11-03", hours=2) + ROW.format(day="2026-11-04", hours=3)
    )  # fmt: skip
    pointer = tmp_path / "studio.duckdb"
    (result,) = load_files([export], pointer, echo=lambda _: None)
    assert (result.rows_read, result.rows_loaded) == (3, 3)
    assert query(pointer, "SELECT notes FROM raw_time_entries WHERE line = 2") == [
        ('the 12" print',)
    ]


def test_title_rows_of_empty_cells_and_totals_named_like_data(tmp_path):
    # Excel pads every line of a saved CSV with delimiters: a blank title line becomes ",,,,".
    export = tmp_path / "padded.csv"
    export.write_text(
        "My report,,,\n,,,,\n" + HARVEST
        + ROW.format(day="2026-11-02", hours=1).replace("Acme,Logo", "Total Wine & More,Logo")
        + "Total,,,,,,1,,,,,,,,\n"
    )  # fmt: skip
    pointer = tmp_path / "studio.duckdb"
    (result,) = load_files([export], pointer, echo=lambda _: None)
    assert (result.rows_read, result.rows_loaded, result.rows_skipped) == (4, 1, 3)
    assert query(pointer, "SELECT client FROM raw_time_entries") == [("Total Wine & More",)]
    skipped = query(pointer, "SELECT line, reason FROM skipped_rows ORDER BY line")
    assert [(line, reason.split(" (")[0]) for line, reason in skipped] == [
        (1, "a title row before the header"),
        (2, "an empty row"),
        (5, "a total row"),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # UTF-8 with an accent early, then one Windows-1252 byte 400 KB further on.
        (
            (HARVEST + "Café Müller\n").encode() + b"x" * 400_000 + b"\ncaf\xe9\n",
            "line 4: byte 0xE9 is not UTF-8, yet the text before it is UTF-8",
        ),
        # A UTF-16 file cut in the middle of a character.
        (
            ("\ufeff" + HARVEST.replace(",", "\t")).encode("utf-16-le") + b"\x00",
            "the file ends in the middle of a UTF-16 character",
        ),
        # A quote that never closes, with more than 128 KB after it.
        (
            (HARVEST + '2026-11-02,Acme,"Logo,P-1\n' + "x" * 200_000 + "\n").encode(),
            "line 2: the record from here on could not be split into cells: a cell is longer",
        ),
    ],
    ids=["mixed encodings", "utf-16 cut short", "unclosed quote"],
)
def test_text_that_cannot_be_read_exactly_gets_a_clear_message(tmp_path, body, message):
    path = tmp_path / "export.csv"
    path.write_bytes(body)
    with pytest.raises(ImportFailure, match=message):
        load_files([path], tmp_path / "studio.duckdb", echo=lambda _: None)
    assert not (tmp_path / "studio.duckdb").exists()


def test_a_windows_1252_byte_at_the_very_end_is_read_as_such(tmp_path):
    # The file's first bytes end inside what could be a cut UTF-8 character: the scan decides.
    path = tmp_path / "export.csv"
    last = b"2026-11-03,Acme,Logo,P-1,Design,,1,Yes,No,Ada,Lovelace,Retouch\xe9"
    path.write_bytes((HARVEST + ROW.format(day="2026-11-02", hours=1)).encode() + last)
    (result,) = load_files([path], tmp_path / "studio.duckdb", echo=lambda _: None)
    assert (result.encoding, result.rows_loaded) == ("cp1252", 2)
    roles = query(tmp_path / "studio.duckdb", "SELECT role FROM raw_time_entries ORDER BY line")
    assert roles == [("Designer",), ("Retouché",)]
