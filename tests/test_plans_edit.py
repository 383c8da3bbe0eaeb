"""Targets and proposals edited in the app (actions/plans.py): each is an import of a one-row
studio template, so it makes a new version recorded with who made it, replaces the row with its
key and is undone like any import; who may edit which client; values refused before writing.

The hand-made studio: Maya Patel manages Acme Corporation, Tom Becker Birch & Co; data to
2 Mar 2026."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_app import run_app

import settings
from actions import imports, plans, team
from actions.plans import PlanError
from actions.team import Person
from etl.warehouse import current_version, list_versions
from studio import copy_warehouse, query, shown

DIRECTOR = Person("dana@studio.test", team.DIRECTOR, "Dana Director")
ADMIN = Person("ada@studio.test", team.ADMIN, "Ada Admin")
MAYA = Person("maya@studio.test", team.MANAGER, "Maya Patel")  # Acme Corporation's manager
TOM = Person("tom@studio.test", team.MANAGER, "Tom Becker")  # Birch & Co's
VIEWER = Person("vic@studio.test", team.VIEWER, "Vic Viewer", ("Acme Corporation",))
ACME, BIRCH = "Acme Corporation", "Birch & Co"


@pytest.fixture
def pointer(studio_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse holding the hand-made studio that the test may change (the app's, too)."""
    pointer = copy_warehouse(studio_db, tmp_path / "warehouse")
    monkeypatch.setenv("STUDIO_DB", str(pointer))
    return pointer


def targets(pointer: Path) -> list[tuple]:
    """The targets mart of the current version."""
    return query(pointer, "SELECT * FROM targets ORDER BY client, year")


def pipeline(pointer: Path) -> list[tuple]:
    """The pipeline mart of the current version."""
    return query(pointer, "SELECT * FROM pipeline ORDER BY client, opportunity")


def last_run(pointer: Path) -> tuple:
    """The last import run: who started it and its files."""
    return query(
        pointer,
        "SELECT r.started_by, string_agg(f.file_name, ', ') FROM import_runs r "
        "JOIN import_files f USING (run_id) GROUP BY r.run_id, r.started_by "
        "ORDER BY r.run_id DESC LIMIT 1",
    )[0]


def test_a_target_is_a_versioned_import_replaced_by_the_next_and_undone(pointer):
    first = current_version(pointer)
    assert targets(pointer) == []
    (result,) = plans.save_target(ACME, 2026, 120_000, 0.35, 0.9, by=MAYA)
    assert (result.rows_loaded, result.rows_rejected) == (1, 0)
    assert result.label == "Studio template: targets"
    assert current_version(pointer) != first
    assert targets(pointer) == [(ACME, 2026, 120_000.0, 0.35, 0.9)]
    by, files = last_run(pointer)
    assert by == "Maya Patel" and files.startswith("app-targets-")

    # The same client and year again: the new row replaces the old, a blank target sets none.
    seen = current_version(pointer)
    plans.save_target(ACME, 2026, 150_000.5, None, 1.0, by=DIRECTOR)
    assert targets(pointer) == [(ACME, 2026, 150_000.5, None, 1.0)]
    assert last_run(pointer)[0] == "Dana Director"
    assert len(list_versions(pointer)) == 3

    # Undone like any import: the earlier target is back.
    run = query(pointer, "SELECT max(run_id) FROM import_runs")[0][0]
    imports.undo(current_version(pointer), run, DIRECTOR)
    assert current_version(pointer) == seen
    assert targets(pointer) == [(ACME, 2026, 120_000.0, 0.35, 0.9)]


def test_another_year_or_client_is_a_row_of_its_own(pointer):
    plans.save_target(ACME, 2026, 100_000, 0.3, 0.9, by=ADMIN)
    plans.save_target(ACME, 2027, 110_000, 0.000001, 0, by=ADMIN)  # tiny shares stay fractions
    plans.save_target(BIRCH, 2026, 12_000, None, None, by=TOM)
    assert targets(pointer) == [
        (ACME, 2026, 100_000.0, 0.3, 0.9),
        (ACME, 2027, 110_000.0, 0.000001, 0.0),
        (BIRCH, 2026, 12_000.0, None, None),
    ]


@pytest.mark.parametrize(
    ("person", "client", "message"),
    [
        (
            MAYA,
            BIRCH,
            "Maya Patel may not change this client's plans: "
            "Not one of your clients: ask your director for access.",
        ),
        (
            TOM,
            "No Such Client",  # refused in the same words: nothing confirms a client exists
            "Tom Becker may not change this client's plans: "
            "Not one of your clients: ask your director for access.",
        ),
        (
            VIEWER,
            ACME,
            "Vic Viewer may not change plans or proposals: ask the client's account manager "
            "or a director",
        ),
    ],
)
def test_who_may_not_edit_is_refused_and_nothing_is_written(pointer, person, client, message):
    before = current_version(pointer), list_versions(pointer)
    assert not plans.may_plan(person, client)
    with pytest.raises(PermissionError) as refused:
        plans.save_target(client, 2026, 1_000, 0.3, 0.9, by=person)
    assert str(refused.value) == message
    with pytest.raises(PermissionError):
        plans.save_proposal(client, "Spring", None, 1_000, 0.5, date(2026, 4, 1), None, by=person)
    assert (current_version(pointer), list_versions(pointer)) == before


def test_who_may_edit_which_client(pointer):
    assert plans.may_plan(MAYA, ACME) and not plans.may_plan(MAYA, BIRCH)
    assert plans.may_plan(TOM, BIRCH) and not plans.may_plan(TOM, ACME)
    for anyone in (DIRECTOR, ADMIN, team.local_person()):  # personal mode's user too
        assert plans.may_plan(anyone, ACME) and plans.may_plan(anyone, "A New Prospect")
    assert not plans.may_plan(VIEWER, ACME)  # a viewer sees Acme but may not edit it


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": 1999}, "the year must be from 2000 to 2100, not 1999"),
        ({"year": 2101}, "the year must be from 2000 to 2100, not 2101"),
        ({"year": "next"}, "the year must be a whole number, not 'next'"),
        ({"revenue_target": -1}, "the revenue target must be 0 or more, not -1.00"),
        (
            {"revenue_target": 1e17},
            "the revenue target must be at most 1,000,000,000,000, not 100,000,000,000,000,000",
        ),
        ({"margin_target": 1.2}, "the margin target must be from 0 to 1 (0% to 100%), not 1.2"),
        ({"margin_target": -0.1}, "the margin target must be from 0 to 1 (0% to 100%), not -0.1"),
        ({"on_time_target": 35}, "the on-time target must be from 0 to 1 (0% to 100%), not 35"),
        ({"on_time_target": "lots"}, "the on-time target must be a number, not 'lots'"),
        ({"client": "  "}, "the client needs a name"),
    ],
)
def test_a_target_that_cannot_be_is_refused_before_writing(pointer, change, message):
    before = current_version(pointer)
    given = {
        "client": ACME,
        "year": 2026,
        "revenue_target": 1_000,
        "margin_target": 0.3,
        "on_time_target": 0.9,
    }
    with pytest.raises(PlanError) as refused:
        plans.save_target(**{**given, **change}, by=DIRECTOR)
    assert str(refused.value) == message
    assert current_version(pointer) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": -5}, "the value must be 0 or more, not -5.00"),
        ({"value": 2e12}, "the value must be at most 1,000,000,000,000, not 2,000,000,000,000"),
        ({"value": None}, "the value is required"),
        ({"probability": 1.5}, "the probability must be from 0 to 1 (0% to 100%), not 1.5"),
        ({"probability": None}, "the probability is required"),
        (
            {"expected_end": date(2026, 3, 31)},
            "the expected end (31 Mar 2026) is before the expected start (1 Apr 2026)",
        ),
        ({"expected_start": None}, "the proposal needs an expected start date"),
        ({"opportunity": ""}, "the opportunity needs a name"),
    ],
)
def test_a_proposal_that_cannot_be_is_refused_before_writing(pointer, change, message):
    before = current_version(pointer)
    given = {
        "client": ACME,
        "opportunity": "Summer campaign",
        "service_line": "Design",
        "value": 8_000,
        "probability": 0.5,
        "expected_start": date(2026, 4, 1),
        "expected_end": date(2026, 5, 31),
    }
    with pytest.raises(PlanError) as refused:
        plans.save_proposal(**{**given, **change}, by=DIRECTOR)
    assert str(refused.value) == message
    assert current_version(pointer) == before


def test_a_proposal_lands_open_in_the_pipeline_and_is_replaced_by_its_name(pointer):
    (result,) = plans.save_proposal(
        ACME, "Summer campaign", "Design", 8_000, 0.5, date(2026, 4, 1), date(2026, 5, 31), by=MAYA
    )
    assert result.label == "Studio template: pipeline"
    assert pipeline(pointer) == [
        (
            ACME,
            "Summer campaign",
            "Design",
            8_000.0,
            0.5,
            date(2026, 4, 1),
            date(2026, 5, 31),
            "proposal",
            True,
        )
    ]
    assert last_run(pointer)[0] == "Maya Patel"
    # The same opportunity again (won now, no end: the start): replaced, and closed.
    plans.save_proposal(
        ACME, "Summer campaign", None, 9_500, 1, date(2026, 4, 15), None, "won", by=MAYA
    )
    plans.save_proposal(BIRCH, "Retouching+", "", 3_000, 0.2, date(2026, 6, 1), None, by=TOM)
    rows = query(
        pointer,
        "SELECT client, opportunity, service_line, value, probability, expected_end, is_open "
        "FROM pipeline ORDER BY client",
    )
    assert rows == [
        (ACME, "Summer campaign", "Unassigned", 9_500.0, 1.0, date(2026, 4, 15), False),
        (BIRCH, "Retouching+", "Unassigned", 3_000.0, 0.2, date(2026, 6, 1), True),
    ]


# --------------------------------------------------------------------------- in the app


def plan_editor_script() -> None:
    """A page that shows only the plan editor (app_pages/parts/plans.py), for Acme Corporation as of 2 Mar 2026."""
    from datetime import date

    from app_pages.parts import plans
    from metrics.queries import Filters
    from metrics.scope import EVERYONE

    day = date(2026, 3, 2)
    plans.plan_editor(
        Filters(date(2026, 2, 3), day, day, None, "Acme Corporation", None, "earned", EVERYONE),
        "EUR",
        2026,
    )


def editor_as(person: Person) -> AppTest:
    """The plan editor run headless for `person` (as app.py puts them in the session)."""
    app = AppTest.from_function(plan_editor_script, default_timeout=60)
    app.session_state["person"] = person
    app.session_state[f"plan_open:{ACME}:2026"] = True  # "Edit the 2026 plan" opened
    return app.run()


def inputs(app: AppTest) -> dict[str, float | None]:
    """The plan editor's inputs by label."""
    return {field.label: field.value for field in app.number_input}


def test_the_plan_editor_saves_the_targets_and_shows_them_next_time(pointer):
    app = editor_as(MAYA)
    assert not app.exception
    assert [e.label for e in app.expander] == ["Edit the 2026 plan"]
    assert inputs(app) == {
        "Revenue target (EUR)": None,
        "Gross-margin target (%)": None,
        "On-time target (%)": None,
    }
    app.number_input[0].set_value(90_000.0)
    app.number_input[1].set_value(42.5)
    app.number_input[2].set_value(95.0)
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert [shown(s.value) for s in app.success] == ["Saved the 2026 plan for Acme Corporation."]
    assert targets(pointer) == [(ACME, 2026, 90_000.0, 0.425, 0.95)]
    assert last_run(pointer)[0] == "Maya Patel"
    # The form shows the plan as it is now (forecast.client_plan, as the Client page reads it).
    assert inputs(app) == {
        "Revenue target (EUR)": 90_000.0,
        "Gross-margin target (%)": 42.5,
        "On-time target (%)": 95.0,
    }
    assert inputs(editor_as(DIRECTOR))["Revenue target (EUR)"] == 90_000.0


def test_the_plan_editor_is_not_shown_to_who_may_not_edit(pointer):
    for person in (TOM, VIEWER):  # Acme is Maya's; a viewer edits nothing
        app = editor_as(person)
        assert not app.exception
        assert not app.expander and not app.number_input and not app.button


def test_a_quote_is_saved_as_a_proposal_from_the_what_if_page(pointer, monkeypatch, tmp_path):
    monkeypatch.setenv(settings.SCENARIOS_VARIABLE, str(tmp_path / "scenarios"))
    app = run_app(pointer, monkeypatch).switch_page("app_pages/whatif.py").run()
    app.selectbox(key="wi_q_template").select("P-2").run()  # Acme's 6,200 fixed fee
    start, end = app.date_input(key="wi_q_start").value, app.date_input(key="wi_q_end").value
    form = {field.label: field for field in [*app.text_input, *app.number_input, *app.date_input]}
    quote, proposal = [box for box in app.main.selectbox if box.label == "Client"]
    assert quote.value == proposal.value == ACME
    assert (form["Expected start"].value, form["Expected end"].value) == (start, end)
    form["Opportunity"].set_value("Autumn packaging")
    form["Probability (%)"].set_value(60.0)
    next(b for b in app.button if b.label == "Save as proposal").click().run()
    assert not app.exception and not app.error
    assert [shown(s.value) for s in app.success] == [
        "Saved “Autumn packaging” for Acme Corporation: EUR 6,200 at 60%."
    ]
    assert pipeline(pointer) == [
        (ACME, "Autumn packaging", "Packaging", 6_200.0, 0.6, start, end, "proposal", True)
    ]


def test_a_plan_set_on_the_client_page_shows_in_its_tiles(pointer, monkeypatch):
    app = run_app(pointer, monkeypatch, client=ACME, period="Year to date")
    app.switch_page("app_pages/client.py").run()
    figures = {m.label: (m.value, m.proto.delta) for m in app.metric}
    assert figures["Revenue plan"] == ("—", "")
    form = [e for e in app.expander if e.label == "Edit the 2026 plan"]
    assert form and not app.number_input  # the form runs once it is opened
    app.session_state[f"plan_open:{ACME}:2026"] = True
    app.run()
    app.number_input[0].set_value(20_000.0)
    app.number_input[1].set_value(40.0)
    app.number_input[2].set_value(90.0)
    next(b for b in app.button if b.label.startswith("Save")).click().run()
    assert not app.exception
    figures = {m.label: (m.value, m.proto.delta) for m in app.metric}
    assert figures["Revenue plan"][0] == "EUR 20,000"
    # All of Acme's revenue so far is of 2026 (7,055, as the year-to-date tile says); its margin
    # (75.8%) and on-time rate (100%) against the 40% and 90% just set.
    assert figures["Earned this year"][0] == "EUR 7,055"
    assert figures["Margin this year"] == ("75.8%", "+35.8 pts")
    assert figures["On time this year"] == ("100.0%", "+10.0 pts")
