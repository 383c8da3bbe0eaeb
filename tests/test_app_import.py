"""The Import and Data health pages headless (AppTest): upload → preview → commit, a file that
needs a column mapping, an alias confirmed and applied on re-import, and undoing an import; and
the upload folders' clean-up."""

from __future__ import annotations

import getpass
import os
import tempfile
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import run_app
from test_hostile_files import far_away_cell

from actions.imports import upload_folder
from studio import FIXTURES, copy_warehouse, query, shown

IMPORT = "app_pages/import_files.py"
HEALTH = "app_pages/data_health.py"


@pytest.fixture
def app(studio_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The Import page on a copy of the hand-made studio, profiles in a folder of the test's."""
    monkeypatch.setenv("STUDIO_PROFILES", str(tmp_path / "profiles"))
    app = run_app(copy_warehouse(studio_db, tmp_path / "warehouse"), monkeypatch)
    return app.switch_page(IMPORT).run()


def upload(app: AppTest, *names: str) -> AppTest:
    """Drop fixture files from tests/fixtures/app on the page's file input."""
    files = [(name, (FIXTURES / "app" / name).read_bytes(), "text/csv") for name in names]
    return app.file_uploader[0].set_value(files).run()


def pointer_of(app: AppTest) -> Path:
    """The warehouse the app runs on."""
    return Path(os.environ["STUDIO_DB"])


def hours(app: AppTest) -> dict[str | None, float]:
    """Hours per project code in the app's warehouse."""
    rows = query(pointer_of(app), "SELECT project_code, sum(hours) FROM time_entries GROUP BY ALL")
    return {code: float(total) for code, total in rows}


def test_upload_preview_and_commit(app):
    upload(app, "harvest_time_march.csv", "xero_invoices_march.csv")
    assert not app.exception
    # Per file: rows to load, rejected and skipped, and the dates it covers.
    assert [m.value for m in app.metric] == [
        "3", "1", "0", "9 Mar – 11 Mar 2026", "1", "0", "0", "31 Mar – 31 Mar 2026",
    ]  # fmt: skip
    # Neither replaces anything imported before (other days, other invoice numbers).
    assert [c.value for c in app.caption].count("Replaces nothing imported before.") == 2
    first_rows, rejects, _, unmatched = (d.value for d in app.dataframe)
    assert first_rows["hours"].tolist() == [3, 2, 4]
    assert rejects[["line", "value"]].values.tolist() == [[5, "lots"]]
    assert set(unmatched["name"]) == {
        "Birch and Co",
        "Monthly retouching",
        "Brand refresh - phase 2",
    }
    assert None not in hours(app)  # nothing imported yet
    app.button(key="commit").click().run()
    assert app.success[0].value == "Imported 2 file(s), 4 rows."
    assert hours(app)[None] == 2 + 4
    app.switch_page("app_pages/weekly_review.py").run()
    # The as-of date follows the data to 31 Mar: the last 4 weeks hold the 3 + 2 + 4 new hours.
    assert {m.label: m.value for m in app.metric}["Hours"] == "9.0 h"


def test_the_preview_says_what_a_file_replaces_before_anything_is_imported(app):
    header = (FIXTURES / "studio" / "harvest_time.csv").read_text().splitlines()[0]
    row = "{},Acme Corporation,Brand refresh,P-1,Design,,{},Yes,No,Ada,Lovelace,Designer,,,EUR"
    export = "\n".join([header, row.format("2026-02-05", 1), row.format("2026-03-02", 3)])
    app.file_uploader[0].set_value([("ada_feb.csv", export.encode(), "text/csv")]).run()
    assert not app.exception
    # Only Ada's Brand refresh entry of 2 March is in what this export covers.
    assert (
        shown(app.warning[0].value)
        == "Replaces rows imported before: 1 row (2.50 h) of harvest_time.csv."
    )
    # As the complete export of 5 Feb – 2 Mar, Birch & Co's two entries of those days go too.
    app.checkbox(key="complete").check().run()
    assert shown(app.warning[0].value) == (
        "Replaces rows imported before: 3 rows (6.50 h) of harvest_time.csv, 2 of them of "
        "clients, projects or people the file does not hold."
    )
    assert hours(app)["P-1"] == 6.5  # nothing changed until the button is pressed
    app.button(key="commit").click().run()
    assert hours(app)["P-1"] == 6.5 - 2.5 + 1 + 3
    assert "P-3" not in hours(app)  # its entries of 5 and 6 Feb were the only ones
    # The import history says what the run replaced.
    app.switch_page(HEALTH).run()
    latest = app.dataframe[-1].value.iloc[0]
    assert (latest["rows_replaced"], latest["replaced"]) == (3, "3 of harvest_time.csv (6.50 h)")


def test_a_workbook_that_would_abort_the_reader_leaves_the_server_answering(app, tmp_path):
    book = far_away_cell(tmp_path / "far.xlsx")
    app.file_uploader[0].set_value([("far.xlsx", book.read_bytes(), "application/zip")]).run()
    assert not app.exception
    assert "far.xlsx: a sheet says it spans A1:XFD1048576" in shown(app.error[0].value)
    app.switch_page("app_pages/weekly_review.py").run()  # this process, the server, goes on
    assert not app.exception
    assert app.metric


def test_a_file_that_is_not_recognised_is_mapped_and_then_imported(app, tmp_path):
    upload(app, "timesheet_custom.csv")
    assert not app.exception
    assert app.selectbox(key="kind:timesheet_custom.csv").value == "time"
    for field, column in {
        "entry_date": "Day",
        "client": "Customer name",
        "project": "Job",
        "person": "Staff",
        "hours": "Time spent",
    }.items():
        app.selectbox(key=f"map:timesheet_custom.csv:time:{field}").select(column)
    app.run()
    mapped = app.dataframe[0].value.set_index("column")
    assert mapped.loc["Time spent", "values"] == "1.5 · 2:00"
    app.button(key="save:timesheet_custom.csv").click().run()
    assert "give the profile a name" in app.error[0].value
    app.text_input(key="profile:timesheet_custom.csv").input("Studio timesheet")
    app.button(key="save:timesheet_custom.csv").click().run()
    assert (tmp_path / "profiles" / "studio_timesheet.json").exists()
    assert app.metric[0].value == "2"  # recognised now: previewed like any export
    app.button(key="commit").click().run()
    assert hours(app)["P-1"] == 6.5 + 1.5


def test_a_confirmed_alias_applies_now_and_on_the_next_import(app):
    upload(app, "harvest_time_march.csv")
    app.selectbox(key="preview:name").select_index(2)
    app.run()
    assert app.selectbox(key="preview:name").value == 2
    target = app.selectbox(key="preview:target:project:Brand refresh - phase 2")
    assert target.value == "P-1"  # the suggestion is chosen already
    app.button(key="preview:alias").click().run()
    assert "Brand refresh - phase 2" not in set(app.dataframe[-1].value["name"])
    app.button(key="commit").click().run()
    assert hours(app)["P-1"] == 6.5 + 3 + 2
    upload(app, "harvest_time_april.csv")
    app.button(key="commit").click().run()
    assert hours(app)["P-1"] == 11.5 + 5


def test_the_data_health_page_shows_problems_and_undoes_the_last_import(app):
    before = query(pointer_of(app), "SELECT * FROM client_month ORDER BY ALL")
    upload(app, "harvest_time_march.csv", "xero_invoices_march.csv")
    app.button(key="commit").click().run()
    app.switch_page(HEALTH).run()
    assert not app.exception
    warnings = " ".join(w.value for w in app.warning)
    # The new 2 h (phase 2) and 4 h (Birch and Co) match no project: named as the export has
    # them, the most hours first.
    assert (
        "**Time on unknown projects** · 2 entries, 6.0 h: Birch and Co · Monthly retouching "
        "(4.0 h), Acme Corporation · Brand refresh - phase 2 (2.0 h)."
    ) in warnings
    # 3 rows of the studio's Harvest export and 1 of the new one.
    assert "**Rejected rows** · 4 rows." in warnings
    # INV-001 (3,720) and INV-003 (1,200) are paid; Xero's export gives no payment dates.
    assert (
        "**Paid invoices without a payment date** · 2 invoices, EUR 4,920 paid, tax included."
        in warnings
    )
    # The clients template covers no dates: its From and To read as a dash, not "None".
    sources = app.dataframe[0]
    assert sources.value.set_index("kind").loc["Clients", ["first_date", "last_date"]].isna().all()
    assert sources.proto.placeholder == "—"
    history = app.dataframe[-1].value
    assert history["run_id"].tolist() == [2, 1]
    assert history["started_by"].tolist() == [getpass.getuser()] * 2  # personal mode
    app.button[0].click().run()
    assert shown(app.success[0].value).startswith("Undid run 2 (harvest_time_march.csv, ")
    assert query(pointer_of(app), "SELECT * FROM client_month ORDER BY ALL") == before
    history, undone = (table.value for table in app.dataframe[-2:])
    assert history["run_id"].tolist() == [1]
    assert undone[["run", "by"]].values.tolist() == [[2, getpass.getuser()]]


def test_uploads_left_a_day_by_other_sessions_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale, recent = tmp_path / "studio-upload-old", tmp_path / "studio-upload-recent"
    for folder in (stale, recent):
        folder.mkdir()
        (folder / "harvest_time.csv").write_text("client data")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))
    unrelated = tmp_path / "other-tool"
    unrelated.mkdir()
    os.utime(unrelated, (two_days_ago, two_days_ago))
    new = upload_folder()
    assert new.is_dir() and new.parent == tmp_path and new.name.startswith("studio-upload-")
    assert not stale.exists()
    assert recent.exists() and unrelated.exists()


def test_opening_the_import_page_without_uploading_leaves_no_folder(
    studio_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    app = run_app(studio_db, monkeypatch).switch_page(IMPORT).run()
    assert not app.exception
    assert list((tmp_path / "temp").glob("studio-upload-*")) == []
    upload(app, "harvest_time_march.csv")
    assert len(list((tmp_path / "temp").glob("studio-upload-*"))) == 1
