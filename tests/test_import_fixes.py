"""Import from the app: a dry run changes nothing, an unknown layout is mapped once and then
recognised (by the command line too), and confirmed aliases link names on every later import."""

from __future__ import annotations

from pathlib import Path

import pytest

import actions.profiles
from actions import fixes, imports, team
from actions.imports import preview, recognised
from actions.team import Person
from etl import profiles
from etl.__main__ import main
from etl.load import ImportFailure, load_files
from etl.sources import SourceError, sample
from etl.warehouse import current_version, list_versions, roll_back
from metrics.db import current, read
from studio import FIXTURES, copy_warehouse, query

APP_FILES = FIXTURES / "app"
ADMIN = Person("ada@studio.test", team.ADMIN, "Ada Admin")
MAPPING = {
    "entry_date": "Day",
    "client": "Customer name",
    "project": "Job",
    "person": "Staff",
    "hours": "Time spent",
    "notes": "Comment",
}


@pytest.fixture
def pointer(studio_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse holding the hand-made studio that the test may change (the app's, too)."""
    pointer = copy_warehouse(studio_db, tmp_path / "warehouse")
    monkeypatch.setenv("STUDIO_DB", str(pointer))
    return pointer


@pytest.fixture(autouse=True)
def profile_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Profiles saved by a test stay in its own folder."""
    folder = tmp_path / "profiles"
    monkeypatch.setenv("STUDIO_PROFILES", str(folder))
    return folder


def hours_by_project(pointer: Path) -> dict[str | None, float]:
    """Hours per project code over all dates."""
    rows = query(pointer, "SELECT project_code, sum(hours) FROM time_entries GROUP BY ALL")
    return {code: float(hours) for code, hours in rows}


def test_a_dry_run_shows_what_would_load_and_changes_nothing(pointer):
    before = current_version(pointer), list_versions(pointer), hours_by_project(pointer)
    seen = preview([APP_FILES / "harvest_time_march.csv"])
    (only,) = seen.files
    # 4 rows: 3, 2 and 4 hours load; "lots" is not a number.
    assert (only.result.rows_read, only.result.rows_loaded, only.result.rows_rejected) == (4, 3, 1)
    assert only.result.label == "Harvest detailed time report"
    assert only.rows["hours"].tolist() == [3, 2, 4]
    assert only.rejects[["line", "column_name", "value"]].values.tolist() == [[5, "Hours", "lots"]]
    unmatched = seen.unmatched.set_index("name")
    # "Birch and Co" normalizes to "birch and", not to Birch & Co's "birch": offered as a match.
    assert unmatched.loc["Birch and Co", "suggestion"] == "Birch & Co"
    assert unmatched.loc["Brand refresh - phase 2", "suggestion"] == "P-1"
    assert (current_version(pointer), list_versions(pointer), hours_by_project(pointer)) == before


def test_a_dry_run_fails_like_the_import_would(pointer, tmp_path):
    ambiguous = tmp_path / "ambiguous.csv"
    text = (APP_FILES / "xero_invoices_march.csv").read_text().replace("31/03", "03/03")
    ambiguous.write_text(text.replace("30/04", "04/04"))
    with pytest.raises(ImportFailure, match="date-order"):
        preview([ambiguous])
    assert len(list_versions(pointer)) == 1


def test_an_unknown_layout_is_mapped_once_and_recognised_afterwards(pointer, profile_folder):
    custom = APP_FILES / "timesheet_custom.csv"
    assert recognised([custom]) == ([], [custom], [])
    with pytest.raises(ImportFailure, match="not a recognised export"):
        load_files([custom], pointer, echo=lambda _: None)
    headers, rows = sample(custom)
    assert headers == ["Day", "Customer name", "Job", "Staff", "Time spent", "Comment"]
    assert rows[1][4] == "2:00"
    profile = profiles.Profile("Studio timesheet", "time", MAPPING)
    assert profiles.problems(profile, headers) == []
    actions.profiles.save(profile, ADMIN)
    assert (profile_folder / "studio_timesheet.json").exists()
    assert recognised([custom]) == ([custom], [], [])
    # The command line recognises it too: 1.5 h + 2 h (2:00).
    assert main(["load", str(custom), "--db", str(pointer)]) == 0
    hours = hours_by_project(pointer)
    assert hours["P-1"] == 4 + 2.5 + 1.5
    assert hours["P-3"] == 4 + 2


def test_a_profile_must_map_the_required_fields_to_columns_of_the_file():
    profile = profiles.Profile("", "time", {"entry_date": "Day", "client": "Nope"})
    assert profiles.problems(profile, ["Day", "Time spent"]) == [
        "give the profile a name",
        "map a column to Hours",
        "the file has no column 'Nope'",
    ]
    with pytest.raises(profiles.ProfileError):
        profiles.from_json('{"name": "x", "kind": "gossip", "columns": {}}')


def test_a_profile_file_round_trips():
    profile = profiles.Profile("Studio timesheet", "time", MAPPING)
    assert profiles.from_json(profile.to_json()) == profile


def test_confirmed_aliases_link_this_import_and_every_later_one(pointer):
    load_files([APP_FILES / "harvest_time_march.csv"], pointer, echo=lambda _: None)
    assert hours_by_project(pointer)[None] == 2 + 4
    fixes.confirm_project_alias("Brand refresh - phase 2", "Acme Corporation", "P-1", ADMIN)
    fixes.confirm_client_alias("Birch and Co", "Birch & Co", ADMIN)
    # Birch's 4 h now link to P-3 by client and project name.
    assert hours_by_project(pointer) == {"P-1": 6.5 + 3 + 2, "P-2": 10, "P-3": 4 + 4}
    load_files([APP_FILES / "harvest_time_april.csv"], pointer, echo=lambda _: None)
    assert hours_by_project(pointer) == {"P-1": 11.5 + 5, "P-2": 10, "P-3": 8 + 1}
    clients = query(pointer, "SELECT DISTINCT client FROM time_entries ORDER BY 1")
    assert clients == [("Acme Corporation",), ("Birch & Co",)]


def test_a_created_project_and_client_are_known_afterwards(pointer):
    load_files([APP_FILES / "harvest_time_march.csv"], pointer, echo=lambda _: None)
    fixes.create_project("P-9", "Brand refresh - phase 2", "Acme Corporation", ADMIN)
    fixes.create_client("Birch and Co", ADMIN)
    assert hours_by_project(pointer)["P-9"] == 2
    # A new client has no projects yet: its work is offered the same-named project of another.
    unmatched = read(current(str(pointer)), "unmatched_names")
    assert unmatched[["name_kind", "client", "name", "suggestion"]].values.tolist() == [
        ["project", "Birch and Co", "Monthly retouching", "P-3"]
    ]


def test_rollback_restores_the_previous_numbers_exactly(pointer):
    before = query(pointer, "SELECT * FROM client_month ORDER BY ALL")
    load_files(
        [APP_FILES / "harvest_time_march.csv", APP_FILES / "xero_invoices_march.csv"],
        pointer,
        echo=lambda _: None,
    )
    assert query(pointer, "SELECT * FROM client_month ORDER BY ALL") != before
    roll_back(pointer)
    assert query(pointer, "SELECT * FROM client_month ORDER BY ALL") == before


def test_an_unreadable_file_cannot_be_sampled(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(SourceError, match="could not be opened"):
        sample(broken)


def test_the_form_starts_from_the_columns_named_like_a_known_export():
    # "Customer" is Kimai's client column and "Duration" Toggl's; "Day" is nobody's.
    assert profiles.guess("time", ["Day", "Customer", "Duration", "User", "Spent on"]) == {
        "client": "Customer",
        "hours": "Duration",
        "person": "User",
    }


def test_each_import_fix_and_undo_records_who_and_a_manager_may_do_none(pointer, tmp_path):
    manager = Person("maya@studio.test", team.MANAGER, "Maya Patel")
    march = APP_FILES / "harvest_time_march.csv"
    with pytest.raises(PermissionError, match="Maya Patel may not change the data"):
        imports.commit([march], None, False, manager)
    with pytest.raises(PermissionError):
        fixes.create_client("Birch and Co", manager)
    with pytest.raises(PermissionError):
        actions.profiles.save(profiles.Profile("Studio timesheet", "time", MAPPING), manager)
    with pytest.raises(PermissionError):
        imports.undo(None, None, manager)
    imports.commit([march], None, False, ADMIN)
    fixes.create_client("Birch and Co", ADMIN)
    runs = query(pointer, "SELECT run_id, started_by FROM import_runs ORDER BY run_id")
    assert [by for _, by in runs][-2:] == ["Ada Admin", "Ada Admin"]
    assert str(imports.undo(None, None, ADMIN)).startswith(f"Undid run {runs[-1][0]}")
    (undo,) = imports.undone().to_dict(orient="records")
    assert (undo["by"], undo["run"]) == ("Ada Admin", runs[-1][0])
    assert undo["files"].startswith("app-clients-")
