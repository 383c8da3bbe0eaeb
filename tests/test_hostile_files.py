"""Hostile and unlucky files, built on the fly: each ends in a clear message, a non-zero exit and
an unchanged warehouse, within 10 s and 500 MB — never an aborted process or a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
import xlsxwriter
from test_app import run_app

import ui
from actions import scenarios
from actions.imports import recognised, upload_names
from etl import profiles, workbooks
from etl.load import ImportFailure, load_files
from etl.warehouse import current_version, roll_back
from metrics import charts, whatif
from studio import ROOT, shown

HARVEST = (
    "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Invoiced?,First Name,"
    "Last Name,Roles,Billable Rate,Cost Rate,Currency"
)
ROW = "2026-11-02,Acme,Logo,P-1,Design,{notes},1,Yes,No,Ada,Lovelace,Designer,,,EUR"
# Runs the command line and reports its exit, output, seconds and the peak memory of it and
# every process it started (RUSAGE_CHILDREN counts descendants once they are waited for).
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr,
    "seconds": time.perf_counter() - started,
    "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def far_away_cell(path: Path, dimension: bool = True) -> Path:
    """A workbook with a Harvest header at A1 and one cell at XFD1048576 (5 KB on disk)."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HARVEST.split(","))
    sheet.write(1048575, 16383, "x")
    book.close()
    if not dimension:  # the reader then has only the cells to go by
        plain = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(plain, "w") as target:
            for part in source.infolist():
                data = source.read(part.filename)
                if part.filename.startswith("xl/worksheets/"):
                    data = data.replace(b'<dimension ref="A1:XFD1048576"/>', b"")
                target.writestr(part, data)
        plain.replace(path)
    return path


def unpacking_to(path: Path, megabytes: int) -> Path:
    """A workbook whose sheet unpacks to `megabytes` of XML from a few kilobytes (a zip bomb)."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet,
    ):
        for _ in range(megabytes):
            sheet.write(b" " * 1024 * 1024)
    return path


def damaged(path: Path, how: str) -> Path:
    """A workbook whose sheet's zip entry says it is encrypted, is packed with Deflate64 (which
    Python's zipfile cannot unpack) or fails its checksum; the rest is a good workbook."""
    good = path.with_suffix(".good")
    book = xlsxwriter.Workbook(str(good))
    book.add_worksheet().write_row(0, 0, HARVEST.split(","))
    book.close()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for part in source.infolist():  # stored, so that a flipped byte is the data's
            target.writestr(zipfile.ZipInfo(part.filename, part.date_time), source.read(part))
    raw, name = bytearray(path.read_bytes()), b"xl/worksheets/sheet1.xml"
    # The sheet's local header (fixed fields, then the name at 30) and its central directory
    # entry (the name at 46) each carry the flags and the compression method.
    for signature, name_at, flags_at in ((b"PK\x03\x04", 30, 6), (b"PK\x01\x02", 46, 8)):
        header = next(
            at
            for at in range(len(raw))
            if raw[at : at + 4] == signature and raw[at + name_at :].startswith(name)
        )
        if how == "encrypted":
            raw[header + flags_at] |= 1  # general purpose flag, bit 0
        elif how == "deflate64":
            raw[header + flags_at + 2] = 9  # compression method
        elif signature == b"PK\x03\x04":
            raw[header + name_at + len(name) + 40] ^= 0xFF  # a byte of the sheet's XML
    path.write_bytes(bytes(raw))
    return path


HOSTILE = {
    "far_cell.xlsx": (lambda p: far_away_cell(p), "a sheet says it spans A1:XFD1048576"),
    "far_cell_no_dimension.xlsx": (
        lambda p: far_away_cell(p, dimension=False),
        "the workbook could not be read within 1,536 MB of memory",
    ),
    "wide_header.csv": (
        lambda p: p.write_text(HARVEST + "," * 100_000 + "\n" + ROW.format(notes="") + "\n"),
        "line 1: the header has 100,015 columns; an export has at most 1,000",
    ),
    "wide_row.csv": (
        lambda p: p.write_text(HARVEST + "\n" + ROW.format(notes="") + ",x" * 100_000 + "\n"),
        "line 2: holds 100,014 delimiters; an export has at most 1,000 columns",
    ),
    "huge_cell.csv": (
        lambda p: p.write_text(HARVEST + "\n" + ROW.format(notes="n" * 2_500_000) + "\n"),
        "line 2: the record from here on could not be split into cells: a cell is longer than",
    ),
    "empty.xlsx": (lambda p: p.write_bytes(b""), "empty.xlsx: could not be opened as a workbook"),
    "not_a_zip.xlsx": (
        lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"),
        "not_a_zip.xlsx: could not be opened as a workbook",
    ),
    "hours_twice.csv": (
        lambda p: p.write_text(HARVEST + ",Hours\n" + ROW.format(notes="") + ",99\n"),
        "hours_twice.csv: the header names 'Hours' twice (columns 7 and 16), so which one to "
        "read is not known",
    ),
    "password.xlsx": (
        lambda p: damaged(p, "encrypted"),
        "password.xlsx: could not be opened as a workbook (it is protected by a password)",
    ),
    "deflate64.xlsx": (
        lambda p: damaged(p, "deflate64"),
        "deflate64.xlsx: could not be opened as a workbook (it is compressed in a way",
    ),
    "bad_checksum.xlsx": (
        lambda p: damaged(p, "checksum"),
        "bad_checksum.xlsx: could not be opened as a workbook (the file is damaged: Bad CRC-32",
    ),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding one good file."""
    folder = tmp_path_factory.mktemp("hostile")
    good = folder / "good.csv"
    good.write_text(HARVEST + "\n" + ROW.format(notes="fine") + "\n")
    pointer = folder / "warehouse" / "studio.duckdb"
    load_files([good], pointer, echo=lambda _: None)
    return pointer


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_ends_in_a_clear_message_within_bounds(name, warehouse, tmp_path):
    make, message = HOSTILE[name]
    path = tmp_path / name
    make(path)
    version = current_version(warehouse)
    command = [sys.executable, "-m", "etl", "load", "--db", str(warehouse), str(path)]
    measure = [sys.executable, "-c", MEASURE, *command]
    run = json.loads(subprocess.run(measure, capture_output=True, text=True, cwd=ROOT).stdout)
    assert run["code"] == 1, run["err"]
    assert message in run["err"]
    assert run["err"].startswith("Import failed, nothing was changed: ")
    assert "Traceback" not in run["err"]
    assert run["seconds"] < 10
    assert run["peak_mb"] < 500
    assert current_version(warehouse) == version


def test_a_workbook_unpacking_to_too_much_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_UNPACKED", 8 * 1024 * 1024)  # 8 MB stands for 1 GB
    bomb = unpacking_to(tmp_path / "bomb.xlsx", megabytes=20)
    assert bomb.stat().st_size < 100_000
    started = time.perf_counter()
    with pytest.raises(
        ImportFailure,
        match=r"bomb\.xlsx: the workbook unpacks to 20 MB \(from 0\.0 MB on disk\), more than the 8 MB",
    ):
        load_files([bomb], tmp_path / "studio.duckdb", echo=lambda _: None)
    assert time.perf_counter() - started < 5


def test_the_app_listens_on_this_computer_only_and_hides_tracebacks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] == 200  # as the README says
    assert "up to 200 MB each" in (ROOT / "README.md").read_text()


def test_a_malformed_profile_is_skipped_and_said_never_breaks_an_import(tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    folder.mkdir()
    monkeypatch.setenv("STUDIO_PROFILES", str(folder))
    # A list where a column header belongs: accepted before, then every import failed.
    bad = {"name": "Studio", "kind": "time", "columns": {"entry_date": ["Day"], "hours": "Time"}}
    (folder / "studio.json").write_text(json.dumps(bad))
    (folder / "broken.json").write_text("{not json")
    with pytest.raises(profiles.ProfileError, match="'entry_date'"):
        profiles.from_json(json.dumps(bad))
    assert profiles.saved() == []
    assert [name for name, _ in profiles.unusable()] == ["broken.json", "studio.json"]
    good = tmp_path / "good.csv"
    good.write_text(HARVEST + "\n" + ROW.format(notes="fine") + "\n")
    (result,) = load_files([good], tmp_path / "studio.duckdb", echo=lambda _: None)
    assert result.rows_loaded == 1
    said = subprocess.run(
        [sys.executable, "-m", "etl", "load", "--db", str(tmp_path / "w.duckdb"), str(good)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert said.returncode == 0
    assert "Column-mapping profile studio.json is skipped: each field must map" in said.stderr


def test_uploads_that_share_a_name_are_kept_apart_and_no_name_leaves_its_folder():
    names = ["week.csv", "WEEK.csv", "week.csv", "../../etc/passwd", "..", "C:\\\\tmp\\\\x.csv", ""]
    assert upload_names(names) == [
        "week.csv", "WEEK (2).csv", "week (3).csv", "passwd", "upload.csv", "x.csv", "upload (2).csv",
    ]  # fmt: skip


def test_a_scenario_name_that_only_looks_alike_never_overwrites_another(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDIO_SCENARIOS", str(tmp_path / "scenarios"))
    plan = whatif.Plan(lines=(whatif.Line("Designer", 10, 50, 120),))
    table = whatif.scenario_table(plan, plan)
    scenarios.save("Acme", "project", {}, table)
    with pytest.raises(scenarios.ScenarioError, match="a saved scenario is called “Acme”"):
        scenarios.save("ACME!", "project", {}, table.assign(scenario=3.0))
    scenarios.save("Acme", "project", {}, table.assign(scenario=4.0))  # the same name replaces
    (tmp_path / "scenarios" / "damaged.json").write_text("{half a file")
    kept = scenarios.saved()
    assert kept[["name", "earned_revenue"]].values.tolist() == [["Acme", 4.0]]


def test_the_what_if_page_names_a_damaged_scenario_file_and_still_lists_the_others(
    studio_db, tmp_path, monkeypatch
):
    folder = tmp_path / "scenarios"
    monkeypatch.setenv("STUDIO_SCENARIOS", str(folder))
    plan = whatif.Plan(lines=(whatif.Line("Designer", 10, 50, 120),))
    scenarios.save("Acme", "Client year", {}, whatif.scenario_table(plan, plan))
    (folder / "half.json").write_text("{half a file")
    (folder / "notes.json").write_text(json.dumps({"name": "Notes"}))
    app = run_app(studio_db, monkeypatch)
    app.switch_page("app_pages/whatif.py").run()
    assert not app.exception
    assert [shown(warning.value) for warning in app.warning] == [
        "half.json is skipped: it is not a saved scenario (not readable JSON).",
        "notes.json is skipped: it is not a saved scenario (a name, level, date or figures "
        "are missing).",
    ]
    assert app.expander[0].label == "Saved scenarios (1)"
    assert app.selectbox(key="wi_open").options == ["Acme"]


def test_a_scenario_file_that_reads_but_could_not_be_listed_opened_or_compared_is_named(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("STUDIO_SCENARIOS", str(tmp_path))
    plan = whatif.Plan(lines=(whatif.Line("Designer", 10, 50, 120),))
    good = json.loads(
        scenarios.save("Acme", "Client year", {}, whatif.scenario_table(plan, plan)).read_text()
    )
    damaged = {
        "no-margin.json": {
            **good,
            "name": "No margin",
            "table": [r for r in good["table"] if r["measure"] != "margin_pct"],
        },
        "no-inputs.json": {**good, "name": "No inputs", "inputs": None},
        "worded.json": {
            **good,
            "name": "Worded",
            "table": [{**r, "scenario": "lots"} for r in good["table"]],
        },
        "copy-of-acme.json": good,  # a copy keeps the name of the file it came from
    }
    for file_name, record in damaged.items():
        (tmp_path / file_name).write_text(json.dumps(record))
    assert dict(scenarios.unusable()) == {
        "copy-of-acme.json": "its name “Acme” belongs to another file name (renamed by hand, or a copy)",
        "no-inputs.json": "it is not a saved scenario (a name, level, date or figures are missing)",
        "no-margin.json": "it is not a saved scenario (a name, level, date or figures are missing)",
        "worded.json": "it is not a saved scenario (a name, level, date or figures are missing)",
    }
    assert list(scenarios.saved()["name"]) == ["Acme"]
    assert list(scenarios.compare(["Acme"])["Acme"]) == list(
        scenarios.load("Acme")["table"]["scenario"]
    )


def test_a_preview_never_waits_for_a_running_import_and_an_undo_checks_what_it_undoes(
    warehouse, tmp_path
):
    seen = current_version(warehouse)
    week = tmp_path / "week.csv"
    week.write_text(HARVEST + "\n" + ROW.format(notes="preview").replace("11-02", "11-09") + "\n")
    with _held(warehouse):  # an import holds the writers' lock
        started = time.perf_counter()
        (result,) = load_files([week], warehouse, echo=lambda _: None, commit=False, wait=0)
        assert time.perf_counter() - started < 5
        assert result.rows_loaded == 1
    load_files([week], warehouse, echo=lambda _: None)  # someone imports meanwhile
    with pytest.raises(ValueError, match="the warehouse changed since you looked"):
        roll_back(warehouse, seen=seen)
    assert current_version(warehouse) != seen


@contextmanager
def _held(pointer: Path) -> Iterator[None]:
    """The writers' lock of `pointer` held by another process for the block."""
    lock = pointer.with_name(pointer.stem + ".versions") / ".lock"
    code = f"import fcntl, time; h = open({str(lock)!r}, 'a'); fcntl.flock(h, fcntl.LOCK_EX)\n"
    holder = subprocess.Popen(
        [sys.executable, "-c", code + "print('locked', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_the_import_page_refuses_what_it_cannot_read_and_maps_only_real_layouts(tmp_path):
    wide = tmp_path / "wide.csv"
    HOSTILE["wide_header.csv"][0](wide)
    odd = tmp_path / "odd.csv"
    odd.write_text("Day,Customer,Time spent\n2026-11-02,Acme,1.5\n")
    far = far_away_cell(tmp_path / "far.xlsx")
    known, unknown, refused = recognised([wide, odd, far])
    assert (known, unknown) == ([], [odd])  # only a readable unknown layout is offered a mapping
    assert [problem.split(":")[0] for problem in refused] == ["wide.csv, line 1", "far.xlsx"]


def test_chart_labels_are_text_and_a_clicked_label_is_the_name_itself():
    people = pd.DataFrame({
        "person": ['<a href="https://evil.example/">Eve</a>', "Birch & Co"], "role": ["<b>r</b>", "x"],
        "billable_hours": [3.0, 2.0], "non_billable_hours": [1.0, 0.5], "hours": [4.0, 2.5],
        "utilization_pct": [0.5, 0.4], "capacity_hours": [10.0, 10.0],
    })  # fmt: skip
    figure = charts.hours_by_person(people)
    labels = [label for trace in figure.data for label in trace.y]
    assert '&lt;a href="https://evil.example/"&gt;Eve&lt;/a&gt; · &lt;b&gt;r&lt;/b&gt;' in labels
    assert "<a" not in figure.to_json() and "<b>" not in figure.to_json()
    click = SimpleNamespace(selection=SimpleNamespace(points=[{"y": "Birch &amp; Co"}]))
    assert ui.chosen_point(click, "y") == "Birch & Co"


def test_a_client_named_like_markup_or_a_template_is_shown_as_written_in_hovers():
    monthly = pd.DataFrame({
        "client": ['<a href="https://evil.example/">Eve</a>', "100%{y} Co"],
        "month": pd.to_datetime(["2026-10-01", "2026-10-01"]), "revenue": [5.0, 3.0],
        "revenue_rank": [1, 2],
    })  # fmt: skip
    spec = charts.revenue_by_client_over_time(
        monthly, "earned_revenue", "EUR", date(2026, 12, 1)
    ).to_json()
    assert "<a" not in spec and 'evil.example/">Eve' not in spec
    # The hover names the trace (its escaped name), so no name is read as markup or a template.
    assert all("%{fullData.name}" in trace.hovertemplate for trace in
               charts.revenue_by_client_over_time(monthly, "earned_revenue", "EUR", date(2026, 12, 1)).data)  # fmt: skip


def test_scenarios_are_their_owners_unless_shared_and_never_show_a_client_out_of_scope(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("STUDIO_SCENARIOS", str(tmp_path))
    plan = whatif.Plan(lines=(whatif.Line("Designer", 10, 50, 120),))
    table = whatif.scenario_table(plan, plan)
    maya = scenarios.Viewer("maya@studio.test", ("Acme Corporation",))
    tom = scenarios.Viewer("tom@studio.test", ("Birch & Co",))
    scenarios.save("Acme private", "Client year", {}, table, maya, False, ("Acme Corporation",))
    scenarios.save("Acme shared", "Client year", {}, table, maya, True, ("Acme Corporation",))
    scenarios.save("Birch shared", "Client year", {}, table, tom, True, ("Birch & Co",))
    scenarios.save("Blank quote", "New quote", {}, table, tom, True, ())
    assert sorted(scenarios.saved(maya)["name"]) == ["Acme private", "Acme shared", "Blank quote"]
    assert sorted(scenarios.saved(tom)["name"]) == ["Birch shared", "Blank quote"]
    assert len(scenarios.saved(scenarios.Viewer("dana@studio.test"))) == 3  # not Maya's private
    with pytest.raises(scenarios.ScenarioError, match="not one of your scenarios"):
        scenarios.load("Acme private", tom)
    with pytest.raises(scenarios.ScenarioError, match="someone else has a scenario of that name"):
        scenarios.save("Acme shared", "Client year", {}, table, tom, True, ())
    # Another's private scenario is never named, even to a name only alike.
    assert scenarios.saved_as("acme PRIVATE!", tom) is None
    assert scenarios.saved_as("acme PRIVATE!", maya) == "Acme private"
    with pytest.raises(scenarios.ScenarioError) as refused:
        scenarios.save("acme PRIVATE!", "Client year", {}, table, tom, True, ())
    assert "Acme private" not in str(refused.value)
