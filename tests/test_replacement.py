"""What a newer export replaces: only the earlier rows it demonstrably covers, and it says so."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.load import Replaced, describe, load_files
from studio import ROOT, query

HARVEST = (
    "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    "Last Name,Roles,Billable Rate,Cost Rate,Currency\n"
)
PEOPLE = {"Ada": "Ada,Lovelace,Designer", "Ben": "Ben,Okafor,Producer"}
PROJECTS = {"Acme": ("Acme", "Logo", "P-1"), "Bolt": ("Bolt", "Launch", "P-2")}


def harvest(folder: Path, name: str, *entries: tuple[str, str, str, float]) -> Path:
    """A Harvest detailed time report of (date, client, first name, hours) entries."""
    rows = []
    for day, client, first_name, hours in entries:
        client_, project, code = PROJECTS[client]
        rows.append(
            f"{day},{client_},{project},{code},Design,,{hours},Yes,No,{PEOPLE[first_name]},,,EUR\n"
        )
    path = folder / name
    path.write_text(HARVEST + "".join(rows), encoding="utf-8")
    return path


def load(pointer: Path, *paths: Path, **options: object) -> list:
    """Import quietly, one run."""
    return load_files(list(paths), pointer, echo=lambda _: None, **options)


def hours(pointer: Path) -> dict[tuple[str, str, str], float]:
    """Hours by client, person and day."""
    rows = query(
        pointer,
        "SELECT client, person, entry_date::VARCHAR, sum(hours)::DOUBLE FROM raw_time_entries "
        "GROUP BY ALL ORDER BY ALL",
    )
    return {(client, person.split()[0], day): total for client, person, day, total in rows}


@pytest.fixture
def pointer(tmp_path: Path) -> Path:
    """A fresh warehouse location."""
    return tmp_path / "warehouse" / "studio.duckdb"


def test_per_client_exports_of_the_same_week_lose_nothing(pointer, tmp_path):
    acme = harvest(tmp_path, "harvest_acme_week45.csv",
                   ("2026-11-02", "Acme", "Ada", 5.0), ("2026-11-03", "Acme", "Ada", 3.0))  # fmt: skip
    bolt = harvest(tmp_path, "harvest_bolt_week45.csv", ("2026-11-02", "Bolt", "Ben", 4.0))
    load(pointer, acme)
    (result,) = load(pointer, bolt)
    assert result.replaced == []
    assert hours(pointer) == {
        ("Acme", "Ada", "2026-11-02"): 5.0,
        ("Acme", "Ada", "2026-11-03"): 3.0,
        ("Bolt", "Ben", "2026-11-02"): 4.0,
    }


def test_a_per_person_export_replaces_only_that_persons_entries(pointer, tmp_path):
    team = harvest(tmp_path, "team.csv",
                   ("2026-11-02", "Acme", "Ada", 5.0), ("2026-11-02", "Acme", "Ben", 2.0),
                   ("2026-11-04", "Acme", "Ben", 1.0))  # fmt: skip
    # Ben's own export of the same days, in which he corrected 2 Nov from 2.0 to 2.5 hours.
    ben = harvest(tmp_path, "ben.csv",
                  ("2026-11-02", "Acme", "Ben", 2.5), ("2026-11-04", "Acme", "Ben", 1.0))  # fmt: skip
    load(pointer, team)
    (result,) = load(pointer, ben)
    assert hours(pointer) == {
        ("Acme", "Ada", "2026-11-02"): 5.0,
        ("Acme", "Ben", "2026-11-02"): 2.5,
        ("Acme", "Ben", "2026-11-04"): 1.0,
    }
    assert result.replaced == [Replaced("team.csv", 2, 3.0, "h")]


def test_overlapping_last_month_and_this_month_exports_are_not_double_counted(pointer, tmp_path):
    october = harvest(tmp_path, "last_month.csv",
                      ("2026-10-01", "Acme", "Ada", 1.0), ("2026-10-30", "Acme", "Ada", 2.0),
                      ("2026-10-30", "Bolt", "Ben", 4.0))  # fmt: skip
    # "Last 30 days", taken a week later: the last days of October again, and November.
    rolling = harvest(tmp_path, "last_30_days.csv",
                      ("2026-10-30", "Acme", "Ada", 2.0), ("2026-10-30", "Bolt", "Ben", 4.0),
                      ("2026-11-05", "Acme", "Ada", 6.0))  # fmt: skip
    load(pointer, october)
    (result,) = load(pointer, rolling)
    assert hours(pointer) == {
        ("Acme", "Ada", "2026-10-01"): 1.0,
        ("Acme", "Ada", "2026-10-30"): 2.0,
        ("Bolt", "Ben", "2026-10-30"): 4.0,
        ("Acme", "Ada", "2026-11-05"): 6.0,
    }
    assert result.replaced == [Replaced("last_month.csv", 2, 6.0, "h")]


def test_an_entry_edited_in_the_newer_export_takes_the_new_value(pointer, tmp_path):
    load(pointer, harvest(tmp_path, "monday.csv", ("2026-11-02", "Acme", "Ada", 5.0)))
    load(pointer, harvest(tmp_path, "tuesday.csv", ("2026-11-02", "Acme", "Ada", 4.25)))
    assert hours(pointer) == {("Acme", "Ada", "2026-11-02"): 4.25}


def test_an_entry_deleted_at_the_source_goes_only_where_the_export_covers_it(pointer, tmp_path):
    load(pointer, harvest(tmp_path, "before.csv",
                          ("2026-11-02", "Acme", "Ada", 5.0), ("2026-11-03", "Acme", "Ada", 3.0),
                          ("2026-11-03", "Bolt", "Ben", 4.0)))  # fmt: skip
    # Ada's 3 Nov entry and Ben's only entry were deleted in the tool; then it was exported again.
    after = harvest(tmp_path, "after.csv", ("2026-11-02", "Acme", "Ada", 5.0),
                    ("2026-11-04", "Acme", "Ada", 1.0))  # fmt: skip
    load(pointer, after)
    # Acme/Logo/Ada is in the new export: its entries in 2-4 Nov are the new export's. Bolt's
    # entry is outside what the export shows (a per-client export would look the same): kept.
    assert hours(pointer) == {
        ("Acme", "Ada", "2026-11-02"): 5.0,
        ("Acme", "Ada", "2026-11-04"): 1.0,
        ("Bolt", "Ben", "2026-11-03"): 4.0,
    }
    # Declared complete for its dates, it replaces every entry of its format in 2-4 Nov.
    (result,) = load(pointer, after, complete=True)
    assert hours(pointer) == {
        ("Acme", "Ada", "2026-11-02"): 5.0,
        ("Acme", "Ada", "2026-11-04"): 1.0,
    }
    assert sorted(result.replaced, key=lambda r: r.file_name) == [
        Replaced("after.csv", 2, 6.0, "h"),
        Replaced("before.csv", 1, 4.0, "h", beyond=1),  # Bolt/Ben: not in the file
    ]
    assert query(pointer, "SELECT complete FROM import_files WHERE run_id = 3") == [(True,)]


def test_another_formats_entries_are_never_replaced(pointer, tmp_path):
    load(pointer, harvest(tmp_path, "harvest.csv", ("2026-11-02", "Acme", "Ada", 5.0)))
    toggl = tmp_path / "toggl.csv"
    toggl.write_text(
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
        "End time,Duration\n"
        "Ada Lovelace,ada@example.com,Acme,Logo,Design,,Yes,2026-11-02,09:00:00,2026-11-02,"
        "11:00:00,02:00:00\n"
    )
    load(pointer, toggl, complete=True)
    assert hours(pointer) == {("Acme", "Ada", "2026-11-02"): 7.0}


def test_expense_exports_per_project_lose_nothing(pointer, tmp_path):
    header = "Date,Project Code,Category,Amount,Billable,Pass Through\n"
    first = tmp_path / "expenses_p1.csv"
    first.write_text(
        header + "2026-11-02,P-1,Travel,120.00,Yes,No\n2026-11-05,P-1,Props,80,No,No\n"
    )
    second = tmp_path / "expenses_p2.csv"
    second.write_text(header + "2026-11-03,P-2,Travel,45.50,Yes,No\n")
    load(pointer, first)
    (result,) = load(pointer, second)
    assert result.replaced == []
    # The P-1 file again with the props corrected: only P-1's rows are replaced.
    first.write_text(
        header + "2026-11-02,P-1,Travel,120.00,Yes,No\n2026-11-05,P-1,Props,85,No,No\n"
    )
    (result,) = load(pointer, first)
    rows = query(pointer, "SELECT project_code, amount FROM raw_expenses ORDER BY expense_date")
    assert rows == [("P-1", Decimal("120")), ("P-2", Decimal("45.5")), ("P-1", Decimal("85"))]
    assert result.replaced == [Replaced("expenses_p1.csv", 2, 200.0, "EUR")]


def test_an_invoice_exported_again_replaces_the_earlier_row_by_its_number(pointer, tmp_path):
    header = "Invoice Number,Client,Project Code,Issue Date,Due Date,Amount,Tax,Paid Amount\n"
    october = tmp_path / "invoices_october.csv"
    october.write_text(header + "A-1,Acme,P-1,2026-10-01,2026-10-31,1000,200,0\n"
                       "A-2,Bolt,P-2,2026-10-15,2026-11-14,500,100,0\n")  # fmt: skip
    load(pointer, october)
    # A-1 paid since; the November export also carries A-1 (edited) and a new invoice.
    november = tmp_path / "invoices_november.csv"
    november.write_text(header + "A-1,Acme,P-1,2026-10-01,2026-10-31,1000,200,1200\n"
                        "A-3,Acme,P-1,2026-11-02,2026-12-02,300,60,0\n")  # fmt: skip
    (result,) = load(pointer, november)
    rows = query(pointer, "SELECT invoice_number, paid_amount FROM raw_invoices ORDER BY 1")
    assert rows == [("A-1", Decimal("1200")), ("A-2", Decimal("0")), ("A-3", Decimal("0"))]
    assert result.replaced == [Replaced("invoices_october.csv", 1, 1000.0, "EUR")]


def test_every_import_records_and_prints_what_it_replaced(pointer, tmp_path):
    full = harvest(tmp_path, "harvest_all.csv",
                   ("2026-11-02", "Acme", "Ada", 5.0), ("2026-11-02", "Bolt", "Ben", 3.0),
                   ("2026-11-03", "Bolt", "Ben", 1.5))  # fmt: skip
    load(pointer, full)
    bolt = harvest(tmp_path, "harvest_bolt.csv",
                   ("2026-11-02", "Bolt", "Ben", 3.0), ("2026-11-03", "Bolt", "Ben", 2.0))  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "etl", "load", "--db", str(pointer), str(bolt)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "replaced 2 rows (4.50 h) of harvest_all.csv" in result.stdout
    assert "2 earlier rows replaced." in result.stdout
    recorded = query(
        pointer,
        "SELECT run_id, file_name, replaced_file_name, rows_replaced, hours::DOUBLE "
        "FROM import_replacements",
    )
    assert recorded == [(2, "harvest_bolt.csv", "harvest_all.csv", 2, 4.5)]
    assert query(pointer, "SELECT rows_replaced FROM import_runs ORDER BY run_id") == [(0,), (2,)]
    # Importing the same file again replaces its own earlier rows, and says so.
    (again,) = load(pointer, bolt)
    assert again.replaced == [Replaced("harvest_bolt.csv", 2, 5.0, "h")]


DAYS = [f"2026-11-{day:02d}" for day in range(2, 9)]
ENTRY = st.tuples(
    st.sampled_from(DAYS), st.sampled_from(list(PROJECTS)), st.sampled_from(list(PEOPLE)),
    st.sampled_from([0.5, 1.0, 2.0]),
)  # fmt: skip


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    earlier=st.lists(ENTRY, min_size=1, max_size=8), newer=st.lists(ENTRY, min_size=1, max_size=5)
)
def test_an_import_never_removes_rows_of_clients_or_dates_the_file_does_not_hold(
    earlier, newer, tmp_path_factory
):
    folder = tmp_path_factory.mktemp("scope")
    pointer = folder / "studio.duckdb"
    load(pointer, harvest(folder, "earlier.csv", *earlier))
    before = query(pointer, "SELECT entry_date::VARCHAR, client, person FROM raw_time_entries")
    load(pointer, harvest(folder, "newer.csv", *newer))
    after = query(
        pointer,
        "SELECT entry_date::VARCHAR, client, person FROM raw_time_entries "
        "WHERE file_id = (SELECT file_id FROM import_files WHERE file_name = 'earlier.csv')",
    )
    gone = Counter(before) - Counter(after)
    held = {(PROJECTS[c][0], " ".join(PEOPLE[p].split(",")[:2])) for _, c, p, _ in newer}
    first, last = min(d for d, *_ in newer), max(d for d, *_ in newer)
    for day, client, person in gone:
        assert (client, person) in held
        assert first <= day <= last


def test_an_import_says_what_it_kept_on_its_dates(pointer, tmp_path):
    load(pointer, harvest(tmp_path, "all.csv",
                          ("2026-11-02", "Acme", "Ada", 5.0), ("2026-11-02", "Bolt", "Ben", 3.0)))  # fmt: skip
    # The week again, with Ada's project renamed in the tool: a new combination, so nothing of
    # all.csv is replaced, and the summary says what stayed and how to replace it.
    renamed = tmp_path / "renamed.csv"
    renamed.write_text(
        HARVEST
        + "2026-11-02,Acme,Logo refresh,P-1,Design,,5.0,Yes,No,Ada,Lovelace,Designer,,,EUR\n"
    )
    (result,) = load(pointer, renamed)
    assert result.replaced == []
    assert result.kept == [Replaced("all.csv", 2, 8.0, "h")]
    assert "kept 2 rows (8.00 h) of all.csv on its dates: other clients, projects or people" in (
        describe(result)
    )


def test_a_column_an_earlier_file_left_empty_does_not_narrow_what_is_replaced(pointer, tmp_path):
    """Expenses stored before they had a person (or from a template without one) are replaced by
    a newer export that names people, not kept twice."""
    template = tmp_path / "expenses.csv"
    template.write_text(
        "Date,Project Code,Category,Amount,Billable,Pass Through\n"
        "2026-11-02,P-1,Travel,120.00,Yes,No\n2026-11-03,P-1,Props,80,No,No\n"
    )
    load(pointer, template)
    named = tmp_path / "expenses_named.csv"
    named.write_text(
        "Date,Project Code,Category,Amount,Billable,Pass Through,Person\n"
        "2026-11-02,P-1,Travel,120.00,Yes,No,Ada Lovelace\n2026-11-03,P-1,Props,85,No,No,Ben Okafor\n"
    )
    (result,) = load(pointer, named)
    assert query(pointer, "SELECT sum(amount)::DOUBLE, count(*) FROM raw_expenses") == [(205.0, 2)]
    assert result.replaced == [Replaced("expenses.csv", 2, 200.0, "EUR")]
    # And the template without people, imported again, replaces the named rows of its projects.
    (again,) = load(pointer, template)
    assert query(pointer, "SELECT sum(amount)::DOUBLE, count(*) FROM raw_expenses") == [(200.0, 2)]
    assert again.replaced == [Replaced("expenses_named.csv", 2, 205.0, "EUR")]


def test_rows_with_blank_clients_projects_or_people_replace_no_one_elses(pointer, tmp_path):
    """A file that has the client, project and person columns but leaves them blank covers
    only blank ones: it used to stand for every client, project or person on its dates."""
    team = harvest(tmp_path, "team.csv",
                   ("2026-11-02", "Acme", "Ada", 5.0), ("2026-11-02", "Acme", "Ben", 2.0),
                   ("2026-11-30", "Bolt", "Ben", 4.0))  # fmt: skip
    load(pointer, team)
    named = "SELECT person, sum(hours)::DOUBLE FROM raw_time_entries WHERE person IS NOT NULL GROUP BY ALL ORDER BY ALL"
    assert query(pointer, named) == [("Ada Lovelace", 5.0), ("Ben Okafor", 6.0)]
    nobody = tmp_path / "nobody.csv"
    nobody.write_text(
        HARVEST
        + "2026-11-01,,,,Design,,1,Yes,No,,,,,,EUR\n2026-11-30,,,,Design,,2,Yes,No,,,,,,EUR\n"
    )
    (result,) = load(pointer, nobody)
    assert result.rows_loaded == 2 and result.replaced == []
    no_person = tmp_path / "no_person.csv"
    no_person.write_text(
        HARVEST + "2026-11-02,Acme,Logo,P-1,Design,,1,Yes,No,,,,,,EUR\n"
        "2026-11-03,Acme,Logo,P-1,Design,,1,Yes,No,,,,,,EUR\n"
    )
    (result,) = load(pointer, no_person)
    assert result.replaced == []
    assert query(pointer, named) == [("Ada Lovelace", 5.0), ("Ben Okafor", 6.0)]  # untouched
    expenses = tmp_path / "expenses.csv"
    header = "Date,Project Code,Category,Amount,Billable,Pass Through\n"
    expenses.write_text(
        header + "2026-11-02,P-1,Travel,120,Yes,No\n2026-11-05,P-2,Props,80,No,No\n"
    )
    load(pointer, expenses)
    uncoded = tmp_path / "uncoded.csv"
    uncoded.write_text(header + "2026-11-01,,Travel,10,Yes,No\n2026-11-30,,Travel,20,Yes,No\n")
    (result,) = load(pointer, uncoded)
    assert result.replaced == []
    assert query(pointer, "SELECT sum(amount)::DOUBLE, count(*) FROM raw_expenses") == [(230.0, 4)]
