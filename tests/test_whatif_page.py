"""The What-if page run headless (AppTest) on the hand-made studio (data to 2 Mar 2026).

Rate card on 2 Mar: Designer (Ada's line from 1 Mar) costs 55 and bills 130 an hour. P-2, the
template: a 6,200 fixed fee, Ada's 10 designer hours, 800 of pass-through print.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from test_app import run_app, shown_values, tiles
from test_reports import slide_texts

import settings
from etl.load import load_files
from studio import shown

PAGE = "app_pages/whatif.py"


@pytest.fixture
def page(studio_db, monkeypatch, tmp_path):
    """The What-if page, with scenarios kept in a folder of the test's own."""
    monkeypatch.setenv(settings.SCENARIOS_VARIABLE, str(tmp_path / "scenarios"))
    app = run_app(studio_db, monkeypatch)
    return app.switch_page(PAGE).run()


def table_with(app, column: str):
    """The first table on the page that has `column`."""
    return next(t.value for t in app.dataframe if column in t.value.columns)


def test_a_blank_quote_asks_for_hours(page):
    assert not page.exception
    assert page.title[0].value == "What-if"
    assert "Add planned hours to see the figures." in [i.value for i in page.info]
    assert not page.metric


def test_a_quote_from_a_past_project_and_its_inputs(page):
    page.selectbox(key="wi_q_template").select("P-2").run()
    assert page.selectbox(key="wi_q_client").value == "Acme Corporation"
    shown = tiles(page)
    # Scenario: 6,200 − 10 × 55 − 800 = 4,850. Baseline by the hour at the rate card:
    # 10 × 130 + 800 re-billed = 2,100, profit 750.
    assert shown["Revenue (earned)"] == ("EUR 6,200", "+EUR 4,100")
    assert shown["Gross profit"] == ("EUR 4,850", "+EUR 4,100")
    assert shown["Gross margin"][0] == "78.2%"
    # Break-even: 6,200 − 800 − 55 h = 0 → 98.2 h; the price must cover 550 + 800.
    assert shown["Most hours, break-even"][0] == "98.2 h"
    assert shown["Lowest price, break-even"][0] == "EUR 1,350"
    # History: P-2 itself took 10 of 40 hours (0.25 of the plan): 6,200 − 137.50 − 800.
    risk = table_with(page, "case").set_index("case")
    assert risk.loc["Median", "gross_profit"] == pytest.approx(5_262.5)
    # At that overrun a 50% delivery margin needs (fee − 800 print) ÷ 2 ≥ 137.50: a 1,075 fee.
    assert risk.loc["Median", "target_price"] == pytest.approx(1_075)

    page.number_input(key="wi_q_discount").set_value(10.0).run()
    shown = tiles(page)
    assert shown["Revenue (earned)"][0] == "EUR 5,580"  # 6,200 − 10%
    assert shown["Gross margin"][0] == "75.8%"  # (5,580 − 550 − 800) ÷ 5,580
    page.number_input(key="wi_q_fee").set_value(7_000.0).run()
    assert tiles(page)["Revenue (earned)"][0] == "EUR 6,300"  # 7,000 − 10%


def test_wrong_inputs_are_explained(page):
    page.selectbox(key="wi_q_template").select("P-2").run()
    page.date_input(key="wi_q_end").set_value(
        page.date_input(key="wi_q_start").value.replace(year=2025)
    ).run()
    assert [shown(e.value) for e in page.error] == [
        "The end date (2 Mar 2025) is before the start (2 Mar 2026)."
    ]
    assert not page.metric


def test_client_year_with_no_change_is_last_year(page):
    page.segmented_control(key="whatif").set_value("Client year").run()
    # Acme's 12 months: 7,055 earned − 837.50 labour − 870 expenses (the client page's 75.8%).
    shown = tiles(page)
    assert shown["Revenue (earned)"] == ("EUR 7,055", "+EUR 0")
    assert shown["Gross margin"] == ("75.8%", "+0.0 pts")
    page.number_input(key="wi_y_fee").set_value(-10.0).run()
    # P-2's fee earned in the year (6,200) falls by 620.
    assert tiles(page)["Revenue (earned)"] == ("EUR 6,435", "-EUR 620")


def test_a_saved_scenario_survives_a_restart_and_an_import(page, studio_dir, monkeypatch, tmp_path):
    page.segmented_control(key="whatif").set_value("Client year").run()
    page.number_input(key="wi_y_discount").set_value(10.0).run()
    page.text_input(key="wi_name").input("Acme 10% off").run()
    page.button(key="wi_save").click().run()
    assert shown(page.success[0].value) == "Saved “Acme 10% off”."
    revenue = tiles(page)["Revenue (earned)"][0]

    fresh = tmp_path / "reloaded" / "studio.duckdb"
    load_files([studio_dir], fresh, echo=lambda _: None)
    app = run_app(fresh, monkeypatch)
    app.switch_page(PAGE).run()
    assert app.selectbox(key="wi_open").value == "Acme 10% off"
    app.button(key="wi_reopen").click().run()
    assert app.segmented_control(key="whatif").value == "Client year"
    assert app.number_input(key="wi_y_discount").value == 10.0
    assert tiles(app)["Revenue (earned)"][0] == revenue
    assert shown_values(app)["Gross margin"] != "75.8%"


def test_a_scenario_is_replaced_only_when_asked_and_reopens_with_its_name_and_target(page):
    page.segmented_control(key="whatif").set_value("Client year").run()
    page.number_input(key="wi_y_discount").set_value(10.0).run()
    page.number_input(key="wi_target").set_value(55.0).run()
    page.text_input(key="wi_name").input("Acme 10% off").run()
    page.button(key="wi_save").click().run()
    page.number_input(key="wi_y_discount").set_value(20.0).run()
    page.text_input(key="wi_name").input("Acme 20% off").run()
    page.button(key="wi_save").click().run()
    assert "Saved scenarios (2)" in [e.label for e in page.expander]  # listed at once
    # Another scenario's name left in the box: saving asks before it replaces anything.
    page.number_input(key="wi_y_discount").set_value(30.0).run()
    page.text_input(key="wi_name").input("Acme 10% off").run()
    page.button(key="wi_save").click().run()
    assert shown(page.warning[0].value) == "A scenario called “Acme 10% off” is saved already."
    # Another name typed while it asks: the question goes, and replacing waits for a new one.
    page.text_input(key="wi_name").input("Acme 20% off").run()
    assert not page.warning
    page.text_input(key="wi_name").input("Acme 10% off").run()
    page.button(key="wi_save").click().run()
    page.button(key="wi_keep").click().run()
    page.selectbox(key="wi_open").select("Acme 10% off").run()
    page.number_input(key="wi_target").set_value(40.0).run()
    page.button(key="wi_reopen").click().run()
    assert page.number_input(key="wi_y_discount").value == 10.0  # not replaced by the 30%
    assert page.number_input(key="wi_target").value == 55.0
    assert page.text_input(key="wi_name").value == "Acme 10% off"
    # The scenario opened is saved again under its name without a question; the other mode
    # starts with no name.
    page.number_input(key="wi_y_discount").set_value(15.0).run()
    page.button(key="wi_save").click().run()
    assert not page.warning and shown(page.success[0].value) == "Saved “Acme 10% off”."
    page.segmented_control(key="whatif").set_value("New quote").run()
    page.selectbox(key="wi_q_template").select("P-2").run()
    assert page.text_input(key="wi_name").value == ""
    # The comparison's columns are the names as saved.
    page.multiselect(key="wi_compare").select("Acme 10% off").select("Acme 20% off").run()
    compared = next(t.value for t in page.dataframe if "Acme 10% off" in t.value.columns)
    assert list(compared.columns) == ["label", "Acme 10% off", "Acme 20% off"]


def test_the_scenario_and_the_comparison_download_as_csv_powerpoint_and_excel(page, downloads):
    page.selectbox(key="wi_q_template").select("P-2").run()
    page.text_input(key="wi_name").input("=P-2 again").run()
    buttons = [button.proto.label for button in page.get("download_button")]
    assert buttons == ["Download CSV", "Download PowerPoint", "Download Excel"]
    csv = downloads["what-if-p-2-again.csv"]().decode("utf-8-sig")
    # The tiles' figures, as in the table the page shows: 6,200 against 2,100 by the hour.
    assert '"earned_revenue","Revenue (earned)",2100.0,6200.0,4100.0' in csv.splitlines()
    assert "EUR 6,200" in slide_texts(downloads["what-if-p-2-again.pptx"]())
    book = openpyxl.load_workbook(io.BytesIO(downloads["what-if-p-2-again.xlsx"]()), data_only=True)
    revenue = next(
        row[1].value for row in book["Scenario"].iter_rows() if row[0].value == "Revenue"
    )
    assert revenue == pytest.approx(6200)

    page.button(key="wi_save").click().run()
    downloads.clear()
    page.run()  # the list of saved scenarios is drawn above the button
    page.multiselect(key="wi_compare").select("=P-2 again").run()
    assert set(downloads) == {
        "what-if-comparison.csv",
        "what-if-comparison.pptx",
        "what-if-p-2-again.csv",
        "what-if-p-2-again.pptx",
        "what-if-p-2-again.xlsx",
    }
    assert "'=P-2 again" in downloads["what-if-comparison.csv"]().decode("utf-8-sig")
    assert "=P-2 again" in slide_texts(downloads["what-if-comparison.pptx"]())


def test_the_forms_start_on_the_client_chosen_in_the_sidebar(studio_db, monkeypatch, tmp_path):
    monkeypatch.setenv(settings.SCENARIOS_VARIABLE, str(tmp_path / "scenarios"))
    app = run_app(studio_db, monkeypatch, client="Birch & Co").switch_page(PAGE).run()
    assert app.selectbox(key="wi_q_client").value == "Birch & Co"  # not Acme, the first
    app.segmented_control(key="whatif").set_value("Client year").run()
    assert app.selectbox(key="wi_y_client").value == "Birch & Co"
