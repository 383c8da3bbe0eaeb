"""What-if exports: the scenario deck opened with python-pptx and checked against figures worked
out by hand, and the export buttons on the page.

The scenario: 100 designer hours costing 50, sold for a 15,000 fixed fee. Baseline: the same
hours billed at 120 (12,000). Labour 5,000 either way; no expenses, so AGI is revenue.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from test_reports import charts

from metrics import whatif
from metrics.whatif import Line, Plan
from reports import files

BASELINE = Plan(lines=(Line("Designer", 100, 50, 120),))
SCENARIO = Plan(lines=(Line("Designer", 100, 50, 120, billed=False),), fee=15_000)
# Actual ÷ budgeted hours of five past projects: sorted 0.9, 1.0, 1.2, 1.5, 2.0, so the median
# is 1.2, P80 1.5 + 0.2 × 0.5 = 1.6 and P90 1.5 + 0.6 × 0.5 = 1.8.
HISTORY = pd.DataFrame({"overrun": [1.0, 1.2, 1.5, 2.0, 0.9], "scope": "Acme Corporation"})


def tables(pptx: bytes) -> dict[str, list[list[str]]]:
    """Every table in the deck (as rows of cell text) by the title of its slide."""
    found = {}
    for slide in Presentation(io.BytesIO(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                title = slide.shapes[0].text_frame.text
                found[title] = [[c.text for c in row.cells] for row in shape.table.rows]
    return found


@pytest.fixture(scope="module")
def deck() -> bytes:
    return files.scenario_deck("Acme fee", "New quote", BASELINE, SCENARIO, HISTORY, 0.5, "EUR")


def test_the_deck_compares_baseline_and_scenario(deck):
    rows = {row[0]: row[1:] for row in tables(deck)["Baseline and scenario"]}
    assert rows[""] == ["Baseline", "Scenario", "Difference"]
    assert rows["Revenue (earned)"] == ["EUR 12,000", "EUR 15,000", "+EUR 3,000"]
    assert rows["Gross profit"] == ["EUR 7,000", "EUR 10,000", "+EUR 3,000"]
    # 7,000 ÷ 12,000 and 10,000 ÷ 15,000; the difference of the figures shown (not 8.33).
    assert rows["Gross margin"] == ["58.3%", "66.7%", "+8.4 pts"]
    assert rows["Hours"] == ["100 h", "100 h", "+0 h"]


def test_the_deck_shows_the_history_risk_with_its_project_count(deck):
    texts = [s.text_frame.text for slide in Presentation(io.BytesIO(deck)).slides
             for s in slide.shapes if s.has_text_frame]  # fmt: skip
    assert any("on 5 delivered projects (Acme Corporation)" in text for text in texts)
    rows = {row[0]: row[1:] for row in tables(deck)["How jobs like this overran"]}
    # At P90, 180 h cost 9,000: profit 6,000, margin 40%; at the median 120 h: 9,000, 60%.
    assert rows["As planned"][:3] == ["1.00×", "EUR 15,000", "EUR 10,000"]
    assert rows["Median"][:4] == ["1.20×", "EUR 15,000", "EUR 9,000", "60.0%"]
    assert rows["P80"][:3] == ["1.60×", "EUR 15,000", "EUR 7,000"]
    assert rows["P90"][:4] == ["1.80×", "EUR 15,000", "EUR 6,000", "40.0%"]


def test_the_sensitivity_is_a_native_chart_of_the_models_margins(deck):
    chart = charts(deck)["Delivery margin at 0.7× to 1.5× the plan"]
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    categories = list(chart.plots[0].categories)
    assert (categories[0], categories[6], categories[-1]) == ("0.70×", "1.00×", "1.50×")
    series = {s.name: list(s.values) for s in chart.series}
    # Hours ×k: (15,000 − 5,000k) ÷ 15,000; price ×p: (15,000p − 5,000) ÷ 15,000p. The hours
    # move the margin more (−3.3 pts for +10% against +3.0), so they come first.
    assert list(series) == ["Planned hours", "Price (rates and fee)"]
    assert series["Planned hours"][0] == pytest.approx(11_500 / 15_000)
    assert series["Planned hours"][-1] == pytest.approx(0.5)
    assert series["Price (rates and fee)"][0] == pytest.approx(5_500 / 10_500)
    assert series["Price (rates and fee)"][-1] == pytest.approx(17_500 / 22_500)
    limits = {row[0]: row[1:] for row in tables(deck)["Sensitivity"]}
    # Break-even: 15,000 = 50 h → 300 h; 50% margin: 7,500 = 50 h → 150 h; price ≥ 2 × labour.
    assert limits["Most hours"] == ["300 h", "150 h"]
    assert limits["Lowest price"] == ["EUR 5,000", "EUR 10,000"]


def test_a_client_year_deck_has_no_risk_slide():
    pptx = files.scenario_deck("", "Client year", BASELINE, SCENARIO, None, 0.5, "EUR")
    titles = [s.shapes[0].text_frame.text for s in Presentation(io.BytesIO(pptx)).slides]
    assert titles == ["What-if: unsaved scenario", "Baseline and scenario", "Sensitivity"]


def test_the_comparison_deck_puts_saved_scenarios_side_by_side():
    first = whatif.scenario_table(BASELINE, SCENARIO).assign(name="=Fee")
    second = whatif.scenario_table(BASELINE, BASELINE)
    comparison = first[["measure", "label"]].assign(
        **{"=Fee": first["scenario"], "Hourly": second["scenario"]}
    )
    rows = {
        row[0]: row[1:] for row in tables(files.comparison_deck(comparison, "EUR")).popitem()[1]
    }
    assert rows[""] == ["=Fee", "Hourly"]
    assert rows["Revenue (earned)"] == ["EUR 15,000", "EUR 12,000"]
