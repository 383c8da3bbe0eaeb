"""The Needs-attention ranking takes its scores and thresholds from metrics/attention.py: each
threshold, moved, changes the list on the hand-made studio, and each is documented.

As of 2 Mar 2026 over 3 Feb – 2 Mar (against 6 Jan – 2 Feb): Birch & Co's margin fell from 100%
to 88% (12 points); the Guidelines deliverable is due on 5 Mar (in 3 days); P-1 has used 6.5 of
its 20 budget hours (32.5%) at 57 of its 86 days (66%), a pace of −34 points.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date

import pytest

from metrics.attention import RULES, Rules
from metrics.db import current, run
from metrics.queries import Filters, attention
from settings import CODE, SQL
from studio import warehouse_from

FILTERS = Filters(start=date(2026, 2, 3), end=date(2026, 3, 2), as_of=date(2026, 3, 2))
# P-1 counts as burning only once both burn thresholds are moved below its figures.
BURNING_P1 = replace(RULES, burning_pace=-0.5, burning_burn=0.3)


def kinds(studio_db, rules: Rules) -> list[tuple[str, str]]:
    """The list's (what, client) pairs, in ranked order, under `rules`."""
    items = attention(current(str(studio_db)), FILTERS, rules)
    return list(zip(items["kind"], items["client"], strict=True))


@pytest.mark.parametrize(
    ("rules", "moved", "item"),
    [
        (RULES, {"margin_fell_drop": 0.15}, ("Margin fell", "Birch & Co")),
        (RULES, {"margin_fell_days": 29}, ("Margin fell", "Birch & Co")),  # the period's 28 days
        (RULES, {"due_soon_days": 2}, ("Deliverable due soon", "Acme Corporation")),
        (BURNING_P1, {"burning_pace": RULES.burning_pace}, ("Burning faster than schedule", "Acme Corporation")),
        (BURNING_P1, {"burning_burn": RULES.burning_burn}, ("Burning faster than schedule", "Acme Corporation")),
    ],
)  # fmt: skip
def test_each_threshold_moved_takes_an_item_off_the_list(studio_db, rules, moved, item):
    assert item in kinds(studio_db, rules)
    assert item not in kinds(studio_db, replace(rules, **moved))


def test_the_thresholds_tested_are_every_threshold():
    scores = {f.name for f in fields(Rules) if f.name.endswith("_score")}
    assert {f.name for f in fields(Rules)} - scores == {
        "margin_fell_drop",
        "margin_fell_days",
        "due_soon_days",
        "burning_pace",
        "burning_burn",
        "below_plan_gap",  # tests/test_forecast.py: a forecast over 10% below plan
        "below_plan_most",  # tests/test_forecast.py: the points a gap adds, capped
        "below_margin_target_gap",  # below: a margin over 5 points under its target
    }


def test_a_base_score_moves_its_kind_up_the_list(studio_db):
    assert kinds(studio_db, RULES)[0] == ("Deliverable late", "Acme Corporation")
    ranked = kinds(studio_db, replace(RULES, concentration_score=100))
    assert ranked[:2] == [("Concentration risk", "Acme Corporation"), ("Concentration risk", "Birch & Co")]  # fmt: skip


def test_every_rule_is_a_parameter_of_the_query_and_documented():
    sql = (SQL / "queries" / "attention.sql").read_text(encoding="utf-8")
    docs = (CODE / "docs" / "metrics.md").read_text(encoding="utf-8")
    for rule in fields(Rules):
        assert re.search(rf"\${rule.name}\b", sql), rule.name
        assert f"`{rule.name}`" in docs, rule.name
    # No number left in the query's scores or thresholds but the 100 that turns shares to points.
    assert not re.search(r"\b(?:60|55|50|45|40|35|30|14|0\.10|0\.5|0\.05)\b", sql)


def test_an_overdue_invoice_is_named_with_its_balance_and_age(studio_db):
    # As of 10 Mar: INV-002 (530 + 106 tax, unpaid) was due on 2 Mar, 8 days ago.
    later = replace(FILTERS, end=date(2026, 3, 10), as_of=date(2026, 3, 10))
    items = attention(current(str(studio_db)), later, RULES)
    invoices = items[items["kind"].str.startswith("Invoice")]
    assert invoices[["kind", "client", "project_code", "reason", "score"]].values.tolist() == [
        ["Invoice overdue", "Acme Corporation", "P-1", "INV-002 · EUR 636 · 8 days overdue", 48]
    ]


def test_a_clients_overdue_invoices_are_one_item():
    def invoice(number: str, client: str, issued: str, due: str, amount: float, paid: float):
        return {"invoice_number": number, "client": client, "issue_date": date.fromisoformat(issued),
                "due_date": date.fromisoformat(due), "amount": amount, "tax": amount / 5,
                "paid_amount": paid, "paid_date": date(2026, 2, 20) if paid else None}  # fmt: skip

    con = warehouse_from({"raw_invoices": [
        invoice("A-1", "Slow Pay", "2026-01-01", "2026-01-31", 1000, 0),  # 1,200 due 38 days
        invoice("A-2", "Slow Pay", "2026-02-01", "2026-03-03", 500, 300),  # 300 of 600, 7 days
        invoice("A-3", "Slow Pay", "2026-01-15", "2026-02-14", 800, 960),  # paid in full
        invoice("B-1", "One Due", "2026-02-03", "2026-03-05", 200, 0),  # 240, 5 days
    ]})  # fmt: skip
    as_of = date(2026, 3, 10)
    filters = Filters(start=date(2026, 2, 11), end=as_of, as_of=as_of)
    before = filters.previous()
    con.execute("SET VARIABLE as_of = $d::DATE", {"d": as_of})
    plans = con.execute("SELECT client, forecast_year, revenue_target, gap_pct FROM client_plan")
    items = run(
        con, "attention", prev_start=before.start, prev_end=before.end, log=[], log_until=as_of,
        plans=plans.df().to_dict("records"), currency="EUR", **filters.params(), **RULES.params(),
    )  # fmt: skip
    invoices = items[items["kind"].str.startswith("Invoice")]
    assert invoices[["kind", "client", "reason", "score"]].values.tolist() == [
        ["Invoices overdue", "Slow Pay", "2 invoices · EUR 1,500 · the oldest 38 days overdue", 78],
        ["Invoice overdue", "One Due", "B-1 · EUR 240 · 5 days overdue", 45],
    ]


@pytest.fixture(scope="module")
def held():
    """Three projects, running, on hold and cancelled, each with a deliverable due on 1 March
    and one on 10 March, none delivered; as of 10 March."""

    def project(code: str, status: str | None) -> dict:
        return {"project_code": code, "project": code, "client": "Hold Co", "status": status,
                "billing_model": "time_and_materials", "start_date": date(2026, 2, 1),
                "due_date": date(2026, 4, 30)}  # fmt: skip

    def deliverable(code: str, due: str) -> dict:
        return {"project_code": code, "deliverable": f"{code} artwork", "due_date": date.fromisoformat(due)}  # fmt: skip

    con = warehouse_from({
        "raw_projects": [project("ON", None), project("HOLD", "on_hold"), project("OFF", "cancelled")],
        "raw_deliverables": [deliverable(code, due) for code in ("ON", "HOLD", "OFF")
                             for due in ("2026-03-01", "2026-03-10")],
    })  # fmt: skip
    con.execute("SET VARIABLE as_of = $d::DATE", {"d": HELD_AS_OF})
    return con


HELD_AS_OF = date(2026, 3, 10)
HELD_FILTERS = Filters(start=date(2026, 2, 11), end=HELD_AS_OF, as_of=HELD_AS_OF)


def test_deliverables_of_a_project_on_hold_or_cancelled_are_not_due_from_us(held):
    before = HELD_FILTERS.previous()
    items = run(
        held, "attention", prev_start=before.start, prev_end=before.end, log=[],
        log_until=HELD_AS_OF, plans=[], currency="EUR", **HELD_FILTERS.params(), **RULES.params(),
    )  # fmt: skip
    # Only the running project's: one 9 days late, one due on the as-of day.
    assert items[["kind", "project_code", "reason"]].values.tolist() == [
        ["Deliverable late", "ON", "ON artwork: due 1 Mar, 9 days late"],
        ["Deliverable due soon", "ON", "ON artwork: due today"],
    ]


def test_the_weekly_reports_outlook_leaves_them_out_too(held):
    outlook = run(held, "deliverable_outlook", **HELD_FILTERS.params())
    assert outlook[["project_code", "stage"]].values.tolist() == [
        ["ON", "open_overdue"], ["ON", "due_soon"],
    ]  # fmt: skip


def test_a_margin_fall_says_what_it_costs(studio_db):
    items = attention(current(str(studio_db)), FILTERS, RULES)
    (reason,) = items.loc[items["kind"] == "Margin fell", "reason"]
    # Birch & Co's March retainer fee of 1,000 (1 March) cost 120 of labour: at the 100% of the
    # period before it would have made 120 more.
    assert reason == "margin 88% vs 100% before: EUR 120 less profit on EUR 1,000"


def test_the_delivery_page_counts_and_lists_only_the_running_projects_late_ones(held):
    summary = run(held, "delivery_summary", **HELD_FILTERS.params())
    assert summary["open_overdue"].tolist() == [1]  # ON's, due 1 March; HOLD's and OFF's wait
    listed = run(held, "delivery_period", **HELD_FILTERS.params())
    assert listed[["project_code", "days_late"]].values.tolist() == [["ON", 9]]


def plan_items(plans: list[dict], rules: Rules = RULES) -> list[list]:
    """The plan items (kind, client, reason, score) of two clients, Acme and Birch, as of
    30 June 2026 with the given `plans` rows, most urgent first."""

    def project(code: str, client: str) -> dict:
        return {"project_code": code, "project": code, "client": client, "status": "active",
                "billing_model": "retainer", "start_date": date(2026, 1, 1),
                "due_date": date(2026, 12, 31)}  # fmt: skip

    con = warehouse_from({"raw_projects": [project("A", "Acme"), project("B", "Birch")]})
    as_of = date(2026, 6, 30)
    con.execute("SET VARIABLE as_of = $d::DATE", {"d": as_of})
    filters = Filters(start=date(2026, 6, 3), end=as_of, as_of=as_of)
    before = filters.previous()
    items = run(
        con, "attention", prev_start=before.start, prev_end=before.end, log=[], log_until=as_of,
        plans=plans, currency="EUR", **filters.params(), **rules.params(),
    )  # fmt: skip
    return items[["kind", "client", "reason", "score"]].values.tolist()


def test_forecasts_below_plan_at_the_cap_come_most_money_short_first():
    plans = [  # both over 20 points below plan, beyond the 10 points a gap may add
        {"client": "Acme", "forecast_year": 7_000.0, "revenue_target": 10_000.0, "gap_pct": -0.3},
        {"client": "Birch", "forecast_year": 60_000.0, "revenue_target": 100_000.0, "gap_pct": -0.4},
    ]  # fmt: skip
    # The same score, 36 + 10: Birch's EUR 40,000 short before Acme's EUR 3,000.
    assert [(client, score) for _, client, _, score in plan_items(plans)] == [
        ("Birch", 46), ("Acme", 46),
    ]  # fmt: skip


def test_a_client_lost_with_a_plan_on_the_books_is_said_as_it_is():
    plans = [{"client": "Acme", "forecast_year": 0.0, "revenue_target": 240_000.0, "gap_pct": -1.0}]
    ((kind, _, reason, _),) = plan_items(plans)
    assert (kind, reason) == (
        "Forecast below plan",
        "nothing earned or forecast this year; plan EUR 240,000",
    )


def test_a_margin_under_its_target_needs_attention():
    plans = [
        {"client": "Acme", "margin_to_date": 0.19, "margin_target": 0.41},  # 22 points under
        {"client": "Birch", "margin_to_date": 0.33, "margin_target": 0.41},  # 8 points under
    ]
    assert plan_items(plans) == [
        # 17 points beyond the 5-point threshold, of which at most 10 count: 38 + 10.
        ["Margin below target", "Acme", "margin 19.0% this year vs target 41% (-22.0 pts)", 48],
        # 3 points beyond it: 38 + 3.
        ["Margin below target", "Birch", "margin 33.0% this year vs target 41% (-8.0 pts)",
         pytest.approx(41)],
    ]  # fmt: skip
    assert [row[1] for row in plan_items(plans, replace(RULES, below_margin_target_gap=0.1))] == [
        "Acme"
    ]
    assert plan_items([{"client": "Acme", "margin_to_date": 0.38, "margin_target": 0.41}]) == []


def test_the_logs_issues_and_broken_promises_rank_above_any_gap_to_plan():
    # Fresh (open or overdue today), they still come before a plan missed at the score's cap.
    gaps = max(RULES.below_plan_score, RULES.below_margin_target_score) + RULES.below_plan_most
    assert min(RULES.open_issue_score, RULES.follow_up_overdue_score) > gaps
    # And a broken promise before an unpaid invoice of the same age.
    assert RULES.follow_up_overdue_score > RULES.overdue_invoice_score
