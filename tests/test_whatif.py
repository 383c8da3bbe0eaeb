"""The what-if model on plans small enough to compute by hand (figures in the comments)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from metrics import whatif
from metrics.whatif import FIXED_FEE, HOURLY, RETAINER, Change, Line, Plan

DESIGNER = Line("Designer", 100, cost_rate=50, bill_rate=120)
SENIOR = Line("Senior Designer", 20, cost_rate=70, bill_rate=150)
JAN, JUN = date(2026, 1, 15), date(2026, 6, 30)


@pytest.fixture
def fixed_fee() -> Plan:
    """A 20,000 fixed fee with 10% off, 120 h, 1,000 pass-through print and 500 travel."""
    return whatif.job_plan(FIXED_FEE, 20_000, JAN, JUN, [DESIGNER, SENIOR], discount_pct=0.1,
                           pass_through=1_000, other_expenses=500)  # fmt: skip


@pytest.fixture
def hourly() -> Plan:
    """10 designer hours by the hour, 200 pass-through re-billed at cost, 100 couriers."""
    line = Line("Designer", 10, cost_rate=50, bill_rate=120)
    return whatif.job_plan(HOURLY, 0, JAN, JUN, [line], pass_through=200, other_expenses=100)


def test_fixed_fee_figures(fixed_fee):
    result = whatif.outcome(fixed_fee)
    assert result.revenue == pytest.approx(18_000)  # 20,000 − 10%; hours earn nothing more
    assert result.labour_cost == pytest.approx(6_400)  # 100 × 50 + 20 × 70
    assert result.expense_cost == pytest.approx(1_500)
    assert result.gross_profit == pytest.approx(10_100)
    assert result.margin_pct == pytest.approx(10_100 / 18_000)
    assert result.agi == pytest.approx(17_000)  # 18,000 − 1,000 print
    assert result.delivery_margin_pct == pytest.approx(10_600 / 17_000)
    assert result.effective_rate == pytest.approx(150)  # 18,000 ÷ 120 h


def test_fixed_fee_break_even_and_target(fixed_fee):
    points = whatif.thresholds(fixed_fee)
    # Profit 16,500 − 6,400 k = 0 at k = 2.578125 of the 120 h.
    assert points.break_even_hours == pytest.approx(309.375)
    # Half of AGI (8,500) − 6,400 k = 0 at k = 1.328125.
    assert points.target_hours == pytest.approx(159.375)
    # 18,000 s − 7,900 = 0: the work must sell for at least 7,900.
    assert points.break_even_price == pytest.approx(7_900)
    # (18,000 s − 1,000) ÷ 2 − 6,400 = 0 → 13,800.
    assert points.target_price == pytest.approx(13_800)


def test_hourly_figures_and_thresholds(hourly):
    result = whatif.outcome(hourly)
    assert result.revenue == pytest.approx(1_400)  # 10 × 120 + 200 re-billed
    assert result.gross_profit == pytest.approx(600)  # 1,400 − 500 − 300
    assert result.delivery_margin_pct == pytest.approx(700 / 1_200)
    assert result.effective_rate == pytest.approx(140)
    points = whatif.thresholds(hourly)
    # Billed hours pay for themselves: there is no most-hours limit.
    assert points.break_even_hours is None and points.target_hours is None
    assert points.break_even_price == pytest.approx(600)  # 1,200 s + 200 − 800 = 0
    assert points.target_price == pytest.approx(1_000)  # 600 s − 500 = 0


def test_the_target_price_says_what_expenses_the_studio_bears_do_to_the_gross_margin():
    # 100 h at 50 cost: labour 5,000; a 20,000 fee; 6,000 of expenses, 1,000 of them passed on
    # to the client at cost and re-billed, 5,000 borne by the studio.
    plan = Plan(lines=(Line("Designer", 100, 50, 0, billed=False),), fee=20_000, expenses=6_000,
                pass_through=1_000, rebilled=1_000)  # fmt: skip
    assert whatif.absorbed_expenses(plan) == pytest.approx(5_000)
    # 50% delivery margin: (s + 1,000 − 1,000 − 5,000) ÷ s = 0.5 → s = 10,000.
    assert whatif.thresholds(plan, 0.5).target_price == pytest.approx(10_000)
    # Sold for 10,000: revenue 11,000, costs 5,000 + 6,000: no gross profit at all.
    assert whatif.gross_margin_at(plan, 10_000) == pytest.approx(0.0)
    # Sold for 21,000: (22,000 − 11,000) ÷ 22,000.
    assert whatif.gross_margin_at(plan, 21_000) == pytest.approx(0.5)


def test_retainer_earns_the_monthly_fee_for_every_month_of_the_schedule():
    plan = whatif.job_plan(RETAINER, 1_000, JAN, JUN, [Line("Retoucher", 30, 40, 100)])
    assert whatif.months_in(JAN, JUN) == 6
    assert whatif.outcome(plan).revenue == pytest.approx(6_000)


def test_a_re_plan_keeps_worked_hours_as_they_are():
    so_far = Plan(lines=(Line("Designer", 10, 50, 100, done=True),), expenses=80)
    plan = whatif.job_plan(HOURLY, 0, JAN, JUN, [Line("Designer", 5, 55, 130)],
                           discount_pct=0.1, so_far=so_far)  # fmt: skip
    result = whatif.outcome(plan)
    assert result.revenue == pytest.approx(1_585)  # 1,000 worked + 5 × 130 × 0.9
    assert result.labour_cost == pytest.approx(775)  # 500 + 275
    assert result.expense_cost == pytest.approx(80)
    doubled = whatif.outcome(whatif.scaled(plan, hours=2))
    assert doubled.hours == pytest.approx(20)  # 10 worked + 2 × 5 planned
    assert doubled.revenue == pytest.approx(2_170)  # 1,000 + 10 × 130 × 0.9


@pytest.mark.parametrize(
    ("budget", "estimate", "planned"),
    [
        (20.0, 9.8, 20.0),  # ahead of the budget: the budget's hours
        (245.0, 326.0, 326.0),  # heading 81 h over: the estimate, not the rosy budget
        (None, 16.0, 16.0),  # no budget: the estimate
        (10.0, None, 10.0),  # too early to estimate: the budget
        (None, None, None),
    ],
)
def test_a_re_plan_starts_from_where_the_project_is_heading(budget, estimate, planned):
    assert whatif.replan_hours(budget, estimate) == planned
    roles = pd.DataFrame({"who": ["Designer", "Producer"], "hours": [30.0, 10.0]})
    lines = whatif.remaining_lines(roles, planned, hours=6.0)
    # What is left after the 6 h worked, in the 3:1 mix worked so far.
    left = max((planned or 0.0) - 6.0, 0.0)
    assert lines["hours"].tolist() == pytest.approx([round(left * 0.75, 1), round(left * 0.25, 1)])


def test_client_year_changes():
    plan = Plan(lines=(Line("Retoucher", 100, 40, 100),), fee=1_000, expenses=300)
    change = Change(rate_pct=0.1, hours_pct=0.2, moved_pct=0.5, moved_cost_rate=60)
    after = whatif.changed(plan, {0: change}, discount_pct=0.0, fee_pct=0.05,
                           moved_to={0: "Omar"})  # fmt: skip
    assert [(line.who, line.hours, line.cost_rate, line.bill_rate) for line in after.lines] == [
        ("Retoucher", pytest.approx(60), 40, pytest.approx(110)),
        ("Omar (from Retoucher)", pytest.approx(60), 60, pytest.approx(110)),
    ]
    result = whatif.outcome(after)
    assert result.revenue == pytest.approx(14_250)  # 120 h × 110 + 1,000 × 1.05
    assert result.labour_cost == pytest.approx(6_000)  # 60 × 40 + 60 × 60
    discounted = whatif.outcome(whatif.changed(plan, {}, discount_pct=0.1))
    assert discounted.revenue == pytest.approx(9_900)  # (10,000 + 1,000) × 0.9


def test_no_change_is_the_same_plan():
    plan = Plan(lines=(DESIGNER, SENIOR), fee=500, expenses=10, pass_through=5, rebilled=5)
    assert whatif.outcome(whatif.changed(plan, {})) == whatif.outcome(plan)


def test_year_plan_earns_and_costs_what_the_year_did():
    roles = pd.DataFrame({"role": ["Designer", "Designer"], "billed": [True, False],
                          "hours": [10.0, 4.0], "labour_cost": [500.0, 220.0],
                          "revenue": [1_300.0, 0.0]})  # fmt: skip
    amounts = pd.Series({"fees": 2_000.0, "expenses": 90.0, "pass_through": 60.0,
                         "rebilled": 60.0})  # fmt: skip
    result = whatif.outcome(whatif.year_plan(roles, amounts))
    assert result.revenue == pytest.approx(3_360)  # 1,300 + 2,000 + 60
    assert result.labour_cost == pytest.approx(720)
    assert result.gross_profit == pytest.approx(2_550)  # 3,360 − 720 − 90


def test_overrun_quantiles_and_risk(fixed_fee):
    ratios = pd.Series([1.5, 0.9, 1.2, 1.0, 1.1])
    # Sorted 0.9 … 1.5: P80 at position 3.2 = 1.2 + 0.2 × 0.3, P90 at 3.6 = 1.2 + 0.6 × 0.3.
    assert whatif.overrun_quantiles(ratios) == {
        "Median": pytest.approx(1.1), "P80": pytest.approx(1.26), "P90": pytest.approx(1.38)
    }  # fmt: skip
    table = whatif.risk_table(fixed_fee, {"P80": 1.26}, 0.5)
    assert list(table["case"]) == ["As planned", "P80"]
    # 6,400 × 1.26 = 8,064 labour: 18,000 − 8,064 − 1,500.
    assert table["gross_profit"].tolist() == [pytest.approx(10_100), pytest.approx(8_436)]
    # A 50% delivery margin: (18,000 s − 1,000) ÷ 2 = labour, so 13,800 as planned and
    # 2 × 8,064 + 1,000 = 17,128 if the hours overrun to the P80.
    assert table["target_price"].tolist() == [pytest.approx(13_800), pytest.approx(17_128)]


def test_scenario_table_differences(fixed_fee):
    cheaper = whatif.scaled(fixed_fee, price=0.9)  # fee 18,000 → 16,200 after the discount
    table = whatif.scenario_table(fixed_fee, cheaper).set_index("measure")
    assert table.loc["earned_revenue", "difference"] == pytest.approx(-1_800)
    assert table.loc["labour_cost", "difference"] == pytest.approx(0)
    assert table.loc["margin_pct", "scenario"] == pytest.approx(8_300 / 16_200)


def test_sensitivity_marks_where_the_margin_crosses_the_target(fixed_fee):
    curves, points = whatif.sensitivity(fixed_fee)
    # +10% hours: (17,000 − 7,040) ÷ 17,000 moves 3.8 pts; +10% price: (18,800 − 6,400)
    # ÷ 18,800 moves 3.6 pts.
    assert list(curves["driver"].unique()) == ["Planned hours", "Price (rates and fee)"]
    hours_now = curves[(curves["driver"] == "Planned hours") & (curves["change"] == 0)]
    assert hours_now["delivery_margin_pct"].item() == pytest.approx(10_600 / 17_000)
    found = {(p.driver, p.point): p.change for p in points.itertuples()}
    # Break-even at +157.8% hours and −56.1% price fall outside the −30% … +50% chart.
    assert found == {
        ("Planned hours", "Target 50%"): pytest.approx(0.328125),
        ("Price (rates and fee)", "Target 50%"): pytest.approx(13_800 / 18_000 - 1),
    }


def test_rates_come_from_the_rate_card_unless_overridden():
    card = pd.DataFrame({"name": ["Designer", "Ada"], "cost_rate": [50.0, 55.0],
                         "bill_rate": [120.0, 130.0]})  # fmt: skip
    typed = pd.DataFrame({"who": ["Designer", "Ada", None], "hours": [10.0, 5.0, 3.0],
                          "cost_rate": [None, 60.0, None], "bill_rate": [None, None, None]})  # fmt: skip
    lines = whatif.resolve_rates(typed, card)
    assert lines[["who", "cost_rate", "bill_rate"]].values.tolist() == [
        ["Designer", 50.0, 120.0],
        ["Ada", 60.0, 130.0],
    ]


def test_a_re_plans_baseline_is_where_the_project_is_heading_not_what_is_typed():
    card = pd.DataFrame({"name": ["Designer"], "cost_rate": [50.0], "bill_rate": [120.0]})
    heading = whatif.Terms(start=JAN, end=JUN, lines=pd.DataFrame(
        {"who": ["Designer"], "hours": [20.0], "cost_rate": [None], "bill_rate": [None]}))  # fmt: skip
    so_far = Plan(lines=(Line("Designer", 5, 50, 120, done=True),))
    # Cut to 10 hours, at 130 an hour.
    typed = pd.DataFrame({"who": ["Designer"], "hours": [10.0], "cost_rate": [None],
                          "bill_rate": [130.0]})  # fmt: skip
    baseline, scenario, found = whatif.job_plans(
        typed, card, HOURLY, 0.0, JAN, JUN, so_far=so_far, heading=heading
    )
    assert found == []
    # Baseline: 5 worked + 20 left at 120: 3,000, costing 25 × 50. Scenario: 600 + 1,300.
    assert whatif.outcome(baseline).revenue == pytest.approx(3_000)
    assert whatif.outcome(baseline).labour_cost == pytest.approx(1_250)
    assert whatif.outcome(scenario).revenue == pytest.approx(1_900)
    assert whatif.outcome(scenario).hours == pytest.approx(15)
    # A role of the project's not on the rate card: the baseline takes the rates typed for it.
    heading = whatif.Terms(start=JAN, end=JUN, lines=pd.DataFrame(
        {"who": ["Stylist"], "hours": [4.0], "cost_rate": [None], "bill_rate": [None]}))  # fmt: skip
    typed = pd.DataFrame({"who": ["Stylist"], "hours": [4.0], "cost_rate": [30.0],
                          "bill_rate": [90.0]})  # fmt: skip
    baseline, _, found = whatif.job_plans(
        typed, card, HOURLY, 0.0, JAN, JUN, so_far=so_far, heading=heading
    )
    assert found == []
    assert whatif.outcome(baseline).revenue == pytest.approx(600 + 360)  # 5 × 120 + 4 × 90


def test_problems_are_explained():
    lines = pd.DataFrame({"who": ["Designer", "Mystery"], "hours": [-5.0, 2.0],
                          "cost_rate": [50.0, float("nan")], "bill_rate": [120.0, 0.0]})  # fmt: skip
    found = whatif.problems(HOURLY, 0, JUN, JAN, lines, discount_pct=1.2, expenses=[-1])
    assert found == [
        "The end date (15 Jan 2026) is before the start (30 Jun 2026).",
        "The discount must be at least 0% and below 100%.",
        "Expenses cannot be negative.",
        "Designer: hours must be 0 or more.",
        "Mystery: no cost rate on the rate card; enter one above 0.",
        "Mystery: no bill rate on the rate card; enter one above 0.",
    ]
    assert whatif.problems(FIXED_FEE, 0, JAN, JUN, lines.iloc[:0]) == [
        "A fixed fee needs a fee above 0."
    ]
