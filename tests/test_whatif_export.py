"""What-if exports: the scenario deck opened with python-pptx and checked against figures worked
out by hand, and the export buttons on the page.

The scenario: 100 designer hours costing 50, sold for a 15,000 fixed fee. Baseline: the same
hours billed at 120 (12,000). Labour 5,000 either way; no expenses, so AGI is revenue.
"""

from __future__ import annotations

import io
import re

import openpyxl
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
    return files.scenario(".pptx", "Acme fee", "New quote", BASELINE, SCENARIO, HISTORY, 0.5, "EUR")


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
    pptx = files.scenario(".pptx", "", "Client year", BASELINE, SCENARIO, None, 0.5, "EUR")
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


# --------------------------------------------------------------------------- the live workbook

# A quote worked out by hand: 10 designer hours at 40 / 100, 5 producer hours at 50 covered by
# the fee, 2 hours already worked at 40 / 100 (no discount on those); a 1,000 fee; 10% off;
# 300 of expenses, 200 of them passed on at cost and 200 re-billed.
QUOTE = Plan(
    lines=(
        Line("Designer", 10, 40, 100),
        Line("Producer", 5, 50, 120, billed=False),
        Line("=Worked", 2, 40, 100, done=True),
    ),
    fee=1000,
    discount_pct=0.1,
    expenses=300,
    pass_through=200,
    rebilled=200,
)
TOKENS = re.compile(r"\s*(\d+(?:\.\d+)?|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z]+\(|\"\"|.)")


class Sheet:
    """A worksheet's cells, its formulas worked out as Excel would for the few the quote uses
    (SUM of a range, IF, + - * / and =); a test may change an input first."""

    def __init__(self, sheet: object) -> None:
        self.cells = {c.coordinate: c.value for row in sheet.iter_rows() for c in row}

    def value(self, ref: str) -> object:
        """The cell's value, its formula worked out."""
        content = self.cells.get(ref.replace("$", ""))
        if isinstance(content, str) and content.startswith("="):
            return Formula(self, TOKENS.findall(content[1:])).expression()
        return content

    def beside(self, label: str) -> str:
        """The cell right of the label `label` in column A."""
        return next(f"B{ref[1:]}" for ref, v in self.cells.items() if ref[0] == "A" and v == label)


class Formula:
    """One formula's tokens, read by recursive descent."""

    def __init__(self, sheet: Sheet, tokens: list[str]) -> None:
        self.sheet, self.tokens = sheet, tokens

    def take(self) -> str:
        return self.tokens.pop(0)

    def next_is(self, *symbols: str) -> bool:
        return bool(self.tokens) and self.tokens[0] in symbols

    def expression(self) -> object:
        left = self.terms()
        while self.next_is("="):
            self.take()
            left = left == self.terms()
        return left

    def terms(self) -> object:
        left = self.factors()
        while self.next_is("+", "-"):
            left = left + self.factors() if self.take() == "+" else left - self.factors()
        return left

    def factors(self) -> object:
        left = self.atom()
        while self.next_is("*", "/"):
            left = left * self.atom() if self.take() == "*" else left / self.atom()
        return left

    def atom(self) -> object:
        token = self.take()
        if token == "(":
            inner = self.expression()
            assert self.take() == ")"
            return inner
        if token == "-":
            return -self.atom()
        if token == '""':
            return ""
        if token == "SUM(":
            first, last = self.take().replace("$", "").split(":")
            assert self.take() == ")"
            rows = range(int(first[1:]), int(last[1:]) + 1)
            return sum(self.sheet.value(f"{first[0]}{row}") or 0 for row in rows)
        if token == "IF(":
            return self.branch()
        if token[0].isdigit():
            return float(token)
        return self.sheet.value(token)

    def branch(self) -> object:
        """IF(condition, then, else): only the branch taken is worked out, as in Excel."""
        condition = self.expression()
        assert self.take() == ","
        depth, taken = 0, []
        for part in ("then", "else"):
            tokens = []
            while depth or not self.next_is("," if part == "then" else ")"):
                token = self.take()
                depth += token.endswith("(") - (token == ")")
                tokens.append(token)
            self.take()
            taken.append(tokens)
        chosen = taken[0] if condition else taken[1]
        return Formula(self.sheet, chosen).expression()


@pytest.fixture(scope="module")
def quote_book() -> bytes:
    return files.scenario(".xlsx", "Acme quote", "New quote", BASELINE, QUOTE, None, 0.55, "EUR")


def test_the_quote_workbook_adds_up_as_the_page_does(quote_book):
    scenario = Sheet(openpyxl.load_workbook(io.BytesIO(quote_book))["Scenario"])
    figures = {label: scenario.value(scenario.beside(label)) for label in (
        "Hours", "Labour cost", "Revenue from hours", "Fee after discount", "Revenue",
        "Gross profit", "Gross margin", "Agency gross income", "Delivery margin",
        "Effective rate")}  # fmt: skip
    # Hours billed: 10 × 100 × 0.9 + 2 × 100 (worked: no discount) = 1,100; the fee 900 after
    # the discount; revenue 1,100 + 900 + 200 re-billed = 2,200. Labour 400 + 250 + 80 = 730.
    assert figures["Hours"] == 17
    assert figures["Labour cost"] == 730
    assert figures["Revenue from hours"] == pytest.approx(1100)
    assert figures["Fee after discount"] == pytest.approx(900)
    assert figures["Revenue"] == pytest.approx(2200)
    # 2,200 − 730 − 300 = 1,170; AGI 2,200 − 200 = 2,000; delivery (2,000 − 730) ÷ 2,000.
    assert figures["Gross profit"] == pytest.approx(1170)
    assert figures["Gross margin"] == pytest.approx(1170 / 2200)
    assert figures["Agency gross income"] == pytest.approx(2000)
    assert figures["Delivery margin"] == pytest.approx(0.635)
    assert figures["Effective rate"] == pytest.approx(2200 / 17)
    # A reader that does not recalculate sees the same figures: the page's own.
    cached = openpyxl.load_workbook(io.BytesIO(quote_book), data_only=True)["Scenario"]
    assert cached[scenario.beside("Revenue")].value == pytest.approx(2200)
    assert cached[scenario.beside("Delivery margin")].value == pytest.approx(0.635)


def test_the_quote_workbook_follows_a_changed_input(quote_book):
    scenario = Sheet(openpyxl.load_workbook(io.BytesIO(quote_book))["Scenario"])
    # No discount: hours billed 1,000 + 200, the fee 1,000, revenue 2,400, profit 1,370.
    scenario.cells[scenario.beside("Discount, off planned hours and the fee").replace("$", "")] = 0
    assert scenario.value(scenario.beside("Revenue")) == pytest.approx(2400)
    assert scenario.value(scenario.beside("Gross profit")) == pytest.approx(1370)
    # Without hours or revenue the ratios are blank, not an error.
    for ref, content in list(scenario.cells.items()):
        if ref[0] in "BCD" and isinstance(content, (int, float)) and ref[1:].isdigit():
            scenario.cells[ref] = 0
    assert scenario.value(scenario.beside("Gross margin")) == ""
    assert scenario.value(scenario.beside("Effective rate")) == ""


def test_the_quote_workbook_keeps_names_as_text_and_has_the_baseline(quote_book):
    book = openpyxl.load_workbook(io.BytesIO(quote_book))
    assert book.sheetnames == ["Scenario", "Baseline"]
    names = [row[0].value for row in book["Scenario"].iter_rows(min_row=5, max_row=7)]
    assert names == ["Designer", "Producer", "=Worked"]
    assert book["Scenario"]["A7"].data_type == "s"  # text, never run as a formula
    baseline = Sheet(book["Baseline"])
    # The baseline: 100 designer hours billed at 120, no fee or expenses.
    assert baseline.value(baseline.beside("Revenue")) == pytest.approx(12_000)
    assert baseline.value(baseline.beside("Gross profit")) == pytest.approx(7_000)
