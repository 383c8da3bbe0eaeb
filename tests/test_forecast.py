"""The revenue forecast in given/expect form: each layer from raw rows written by hand, the
expected months computed by hand; and a backtest that cannot see past its origin."""

from __future__ import annotations

import io
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from pptx import Presentation
from test_metric_formulas import entry, project

from metrics import forecast, queries
from metrics.attention import RULES, Rules
from metrics.db import current, once, run
from metrics.queries import Filters
from metrics.scope import EVERYONE
from reports import files
from reports.__main__ import backtest_lines
from studio import rows_of, warehouse_from

ORIGIN = date(2026, 6, 30)


def months_of(con, sql: str, as_of: date = ORIGIN) -> list[tuple]:
    """(client, month as YYYY-MM, amount rounded to cents) rows of `sql`, in order."""
    return [
        (client, f"{month:%Y-%m}", round(amount, 2))
        for client, month, amount in rows_of(con, sql, as_of)
    ]


def monthly_projects(client: str, first: date, months: int, amounts: dict[str, float]) -> dict:
    """One time-and-materials project per month from `first`, each started on the month's first
    day and earning its amount in that month (by YYYY-MM, else 1,000): work booked month by
    month."""
    projects, entries = [], []
    for index in range(months):
        year, month = divmod(first.month - 1 + index, 12)
        start = date(first.year + year, month + 1, 1)
        code = f"{client}-{start:%Y%m}"
        projects.append(project(code, client, "time_and_materials", f"{start}", f"{start}"))
        hours = amounts.get(f"{start:%Y-%m}", 1000) / 100
        entries.append(entry(f"{start}", client, code, hours))
    return {"raw_projects": projects, "raw_time_entries": entries}


@pytest.fixture(scope="module")
def contracted():
    """As of 30 Jun 2026 (the last day with data, so the present):
    R: a retainer of 1,000 a month from January, due to end on 30 September;
    F: a fixed fee of 10,000 over 1 Jun – 30 Jul (60 days), half earned;
    T: time and materials, budget 6,000, 2,000 worked in June, due 31 August;
    S: a fixed fee of 3,100 booked to start on 1 August and run through the month."""
    return warehouse_from(
        {
            "raw_projects": [
                project("R-1", "R", "retainer", "2026-01-01", "2026-09-30", budget_amount=1000),
                project("F-1", "F", "fixed_fee", "2026-06-01", "2026-07-30", budget_amount=10000),
                project(
                    "T-1", "T", "time_and_materials", "2026-06-01", "2026-08-31",
                    budget_amount=6000,
                ),
                project("S-1", "S", "fixed_fee", "2026-08-01", "2026-08-31", budget_amount=3100),
            ],
            "raw_time_entries": [entry("2026-06-30", "T", "T-1", 20)],
            "raw_pipeline": [
                {
                    "client": "P", "opportunity": "Rebrand", "value": 8000, "probability": 0.5,
                    "expected_start": date(2026, 8, 1), "expected_end": date(2026, 9, 30),
                    "stage": "proposal",
                },
                {
                    "client": "P", "opportunity": "Lost pitch", "value": 9000, "probability": 0.9,
                    "expected_start": date(2026, 8, 1), "expected_end": date(2026, 8, 31),
                    "stage": "lost",
                },
            ],
        }
    )  # fmt: skip


def test_contracted_layer_per_kind_of_project(contracted):
    rows = months_of(
        contracted,
        "SELECT client, month, amount FROM forecast_contracted ORDER BY client, month",
    )
    assert rows == [
        ("F", "2026-07", 5000.0),  # 30 of the 60 days left: 10,000 × 30 ÷ 60
        ("R", "2026-07", 1000.0),  # the fee for July, August and September, not after
        ("R", "2026-08", 1000.0),
        ("R", "2026-09", 1000.0),
        ("S", "2026-08", 3100.0),  # booked, not started: counts in the present
        ("T", "2026-07", 2000.0),  # 4,000 left over the 62 days of July and August
        ("T", "2026-08", 2000.0),
    ]


def test_pipeline_layer_weights_open_deals_over_their_days(contracted):
    rows = months_of(
        contracted, "SELECT client, month, amount FROM forecast_pipeline ORDER BY month"
    )
    # 8,000 × 50% over 1 Aug – 30 Sep (61 days): 31 days in August, 30 in September.
    assert rows == [("P", "2026-08", 2032.79), ("P", "2026-09", 1967.21)]


def test_a_won_deal_counts_in_full_until_its_project_is_set_up():
    # W won 6,000 for 1 Aug – 30 Sep (61 days) and has no project for it yet, only a small
    # 1,500 job starting in August: the deal counts in full, 6,000 × 31 ÷ 61 in August. S's
    # won deal has become its project S-1 (3,100 like the deal, started in June, 2 months
    # before the deal's expected start): the project counts, the deal not again.
    won = {"probability": 0.9, "stage": "won", "expected_end": date(2026, 9, 30)}
    con = warehouse_from(
        {
            "raw_projects": [
                project("S-1", "S", "fixed_fee", "2026-06-03", "2026-08-31", budget_amount=3100),
                project("W-1", "W", "fixed_fee", "2026-08-10", "2026-08-20", budget_amount=1500),
            ],
            "raw_time_entries": [entry("2026-06-30", "Z", "Z-1", 1)],  # data to 30 June
            "raw_pipeline": [
                {"client": "W", "opportunity": "Lookbook", "value": 6000,
                 "expected_start": date(2026, 8, 1), **won},
                {"client": "S", "opportunity": "Launch", "value": 3100,
                 "expected_start": date(2026, 8, 1), **won},
            ],
        }
    )  # fmt: skip
    rows = months_of(con, "SELECT client, month, amount FROM forecast_pipeline ORDER BY month")
    assert rows == [("W", "2026-08", 3049.18), ("W", "2026-09", 2950.82)]


def test_looking_back_only_started_projects_and_no_pipeline_count(contracted):
    # As of 31 May nobody could know the projects starting in June or later, nor the pipeline
    # recorded on 30 June; only the retainer had started.
    contracted.execute("SET VARIABLE forecast_origins = [DATE '2026-05-31']")
    try:
        rows = months_of(
            contracted,
            "SELECT client, month, contracted + pipeline FROM revenue_forecast "
            "WHERE contracted + pipeline > 0 ORDER BY client, month",
        )
    finally:
        contracted.execute("RESET VARIABLE forecast_origins")
    assert rows == [("R", f"2026-{month:02}", 1000.0) for month in (6, 7, 8, 9)]


@pytest.fixture(scope="module")
def history():
    """B books a new 1,000 job every month from July 2025 to June 2026; L has one long job from
    July 2025 that earns 500 a month."""
    given = monthly_projects("B", date(2025, 7, 1), 12, {})
    given["raw_projects"].append(
        project("L-1", "L", "time_and_materials", "2025-07-01", "2026-06-30")
    )
    given["raw_time_entries"] += [
        entry(f"{year}-{month:02}-15", "L", "L-1", 5)
        for year, month in [(2025, m) for m in range(7, 13)] + [(2026, m) for m in range(1, 7)]
    ]
    # B's pipeline: a 50% chance of a 3,000 job in August.
    given["raw_pipeline"] = [
        {
            "client": "B",
            "opportunity": "Catalogue",
            "value": 3000,
            "probability": 0.5,
            "expected_start": date(2026, 8, 1),
            "expected_end": date(2026, 8, 31),
        },
    ]
    return warehouse_from(given)  # fmt: skip


def test_baseline_is_the_unbooked_revenue_of_the_last_12_months(history):
    rows = rows_of(
        history,
        "SELECT client, lead, round(amount, 2) FROM forecast_baseline ORDER BY client, lead",
        ORIGIN,
    )
    # B: every job starts in the month it earns, so none was booked even a month before: the
    # whole 1,000 a month is unbooked at every lead.
    assert [row for row in rows if row[0] == "B"] == [("B", lead, 1000.0) for lead in range(1, 13)]
    # L: its job was booked from July 2025, so of the last 12 months' 6,000 only the months
    # within `lead` months of its start were unbooked then: lead × 500 ÷ 12 a month.
    assert [row for row in rows if row[0] == "L"] == [
        ("L", lead, round(lead * 500 / 12, 2)) for lead in range(1, 13)
    ]


def test_the_pipeline_takes_its_share_of_the_baseline(history):
    rows = rows_of(
        history,
        "SELECT month, pipeline, baseline, forecast FROM revenue_forecast "
        "WHERE client = 'B' AND month <= DATE '2026-09-01' ORDER BY month",
        ORIGIN,
    )
    # B usually brings 1,000 of new work a month; August's deal is worth 1,500 weighted, which
    # is more than that: August's forecast is the deal alone, not both.
    assert [(f"{month:%Y-%m}", *figures) for month, *figures in rows] == [
        ("2026-07", 0.0, 1000.0, 1000.0),
        ("2026-08", 1500.0, 0.0, 1500.0),
        ("2026-09", 0.0, 1000.0, 1000.0),
    ]


def test_baseline_follows_the_studios_seasons():
    # Two years of 1,000 a month with Decembers at 2,000: December is 12 × 4,000 ÷ 26,000 of an
    # average month and the others 12 × 2,000 ÷ 26,000; the last 12 months average 13,000 ÷ 12.
    con = warehouse_from(
        monthly_projects("D", date(2024, 7, 1), 24, {"2024-12": 2000, "2025-12": 2000})
    )
    rows = months_of(
        con, "SELECT client, month, amount FROM forecast_baseline WHERE lead <= 6 ORDER BY month"
    )
    expected = {"2026-12": 2000.0}
    assert rows == [
        ("D", month, expected.get(month, 1000.0))
        for month in ("2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12")
    ]


def test_the_seasons_are_the_viewers_clients_own():
    # D peaks in December (2,000), F is flat (1,000). Over both, the 24 months hold 50,000 and
    # the Decembers 6,000: December's index is 12 × 6,000 ÷ 50,000 = 1.44, July's 12 × 4,000 ÷
    # 50,000 = 0.96. Someone who sees only F sees flat seasons: F's months at 1,000.
    given = monthly_projects("D", date(2024, 7, 1), 24, {"2024-12": 2000, "2025-12": 2000})
    flat = monthly_projects("F", date(2024, 7, 1), 24, {})
    con = warehouse_from({table: given[table] + flat[table] for table in given})
    sql = (
        "SELECT client, month, amount FROM forecast_baseline "
        "WHERE client = 'F' AND month IN ('2026-07-01', '2026-12-01') ORDER BY month"
    )
    assert months_of(con, sql) == [("F", "2026-07", 960.0), ("F", "2026-12", 1440.0)]
    con.execute("SET VARIABLE visible = ['F']")
    assert months_of(con, sql) == [("F", "2026-07", 1000.0), ("F", "2026-12", 1000.0)]


def test_work_booked_to_start_later_is_not_also_counted_as_usual_work():
    # C brings 1,000 a month, every month new work: the baseline is 1,000 a month. A fixed fee
    # of 3,000 booked for August is part of what C usually brings, not on top of it: August is
    # 3,000, not 4,000 (as the pipeline is netted against the baseline).
    given = monthly_projects("C", date(2024, 7, 1), 24, {})
    given["raw_projects"].append(
        project("C-AUG", "C", "fixed_fee", "2026-08-01", "2026-08-31", budget_amount=3000)
    )
    given["raw_time_entries"].append(entry("2026-06-30", "Z", "Z-1", 1))  # data to 30 June
    con = warehouse_from(given)
    rows = rows_of(
        con,
        "SELECT strftime(month, '%Y-%m'), contracted, baseline, forecast FROM revenue_forecast "
        "WHERE client = 'C' AND month BETWEEN '2026-07-01' AND '2026-09-01' ORDER BY month",
        ORIGIN,
    )
    assert [(m, round(c), round(b), round(f)) for m, c, b, f in rows] == [
        ("2026-07", 0, 1000, 1000),
        ("2026-08", 3000, 0, 3000),
        ("2026-09", 0, 1000, 1000),
    ]


def test_the_forecast_adds_its_layers(contracted):
    rows = months_of(
        contracted,
        "SELECT client, month, forecast FROM revenue_forecast "
        "WHERE client IN ('P', 'T') AND month <= DATE '2026-09-01' ORDER BY client, month",
    )
    # P has no history: contracted nothing, pipeline as above. T's June was new work (its job
    # started that month), so its baseline is 2,000 ÷ 12 a month on top of the budget left.
    assert rows == [
        ("P", "2026-08", 2032.79),
        ("P", "2026-09", 1967.21),
        ("T", "2026-07", 2166.67),
        ("T", "2026-08", 2166.67),
        ("T", "2026-09", 166.67),
    ]


def test_a_future_spike_does_not_leak_into_the_backtest():
    # The same studio twice: the second has a spike after the origin (a huge new job in August
    # and more hours on a running one). Forecasts made on 30 June must not differ.
    calm = monthly_projects("B", date(2025, 1, 1), 24, {})
    spiked = monthly_projects("B", date(2025, 1, 1), 24, {"2026-08": 90000})
    spiked["raw_projects"].append(
        project("B-BIG", "B", "fixed_fee", "2026-07-15", "2026-09-30", budget_amount=500000)
    )
    spiked["raw_time_entries"].append(entry("2026-09-10", "B", "B-202609", 400))
    forecasts = []
    for given in (calm, spiked):
        con = warehouse_from(given)
        con.execute("SET VARIABLE forecast_origins = [DATE '2026-06-30']")
        forecasts.append(
            rows_of(
                con,
                "SELECT month, forecast, actual FROM forecast_backtest ORDER BY month",
                date(2026, 12, 31),
            )
        )
    assert [row[:2] for row in forecasts[0]] == [row[:2] for row in forecasts[1]]
    # The spike is there to see in the actuals, so the test could fail.
    assert [row[2] for row in forecasts[0]] != [row[2] for row in forecasts[1]]


def test_backtest_prints_one_line_per_method_and_horizon_and_beats_naive_methods(demo_db):
    lines = backtest_lines(current(str(demo_db)), 24, None)
    pattern = re.compile(r"^(forecast|last_year|run_rate) h=(3|6) WAPE=(\d+\.\d{3}) clients=(\d+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    wape = {(m[1], int(m[2])): float(m[3]) for m in parsed}
    assert len(wape) == 6
    for horizon in (3, 6):
        assert wape["forecast", horizon] < wape["last_year", horizon]
        assert wape["forecast", horizon] < wape["run_rate", horizon]


@pytest.fixture(scope="module")
def below_plan():
    """Plan Co: a retainer of 1,000 a month through 2026 and a plan of 20,000 for the year."""
    return warehouse_from(
        {
            "raw_projects": [
                project("PC-1", "Plan Co", "retainer", "2026-01-01", "2026-12-31",
                        budget_amount=1000),
            ],
            "raw_targets": [
                {"client": "Plan Co", "year": 2026, "revenue_target": 20000,
                 "margin_target": 0.4, "on_time_target": 0.9},
            ],
            "raw_time_entries": [entry("2026-06-30", "Plan Co", "PC-1", 0, billable=False)],
        }
    )  # fmt: skip


def attention_items(con, rules: Rules) -> list[tuple]:
    """(kind, client, reason, score) of the Needs-attention list's plan items as of ORIGIN (a
    lone client is also a concentration risk)."""
    filters = Filters(start=date(2026, 6, 3), end=ORIGIN, as_of=ORIGIN)
    before = filters.previous()
    con.execute("SET VARIABLE as_of = $d::DATE", {"d": ORIGIN})
    plans = (
        con.execute("SELECT client, forecast_year, revenue_target, gap_pct FROM client_plan")
        .df()
        .to_dict("records")
    )
    items = run(
        con, "attention", prev_start=before.start, prev_end=before.end, log=[], log_until=ORIGIN,
        plans=plans, currency="EUR", **filters.params(), **rules.params(),
    )  # fmt: skip
    plan_items = items[items["kind"] == "Forecast below plan"]
    return list(
        plan_items[["kind", "client", "reason", "score"]].itertuples(index=False, name=None)
    )


def test_a_forecast_over_10_percent_below_plan_needs_attention(below_plan):
    # Earned by 30 June: 6,000. Contracted: 6 more months of fee, 6,000. Baseline: the retainer
    # started in January, so at lead k the months January … k were unbooked: k × 1,000 ÷ 12 a
    # month for July (k = 1) to December (k = 6), 1,750 in all. 13,750 ÷ 20,000 − 1 = −31.25%.
    assert attention_items(below_plan, RULES) == [
        (
            "Forecast below plan",
            "Plan Co",
            "year's forecast EUR 13,750 vs plan EUR 20,000 (-31%)",
            # 21.25 points beyond the threshold, of which at most 10 count: 36 + 10.
            RULES.below_plan_score + RULES.below_plan_most,
        )
    ]
    uncapped = attention_items(below_plan, replace(RULES, below_plan_most=30))
    assert [item[3] for item in uncapped] == [pytest.approx(36 + 21.25)]
    assert attention_items(below_plan, replace(RULES, below_plan_gap=0.32)) == []


def test_the_weekly_deck_shows_the_plan_as_the_growth_page_does(demo_db):
    warehouse = current(str(demo_db))
    as_of = queries.data_span(warehouse)[1]
    manager = "Marco Bianchi"
    pptx = files.weekly(warehouse, ".pptx", None, manager, as_of, scope=EVERYONE)
    plan_chart = next(
        shape.chart
        for slide in Presentation(io.BytesIO(pptx)).slides
        for shape in slide.shapes
        if shape.has_chart and shape.chart.chart_title.text_frame.text.startswith("Forecast for")
    )
    filters = Filters(start=as_of, end=as_of, as_of=as_of, manager=manager)
    page = forecast.plans(warehouse, filters).dropna(subset=["revenue_target"])
    page = page.sort_values("gap_pct")
    assert list(plan_chart.plots[0].categories) == list(page["client"])
    plan, forecast_year = (list(series.values) for series in plan_chart.series)
    assert plan == pytest.approx(list(page["revenue_target"]))
    assert forecast_year == pytest.approx(list(page["forecast_year"]))


def test_sessions_asking_at_once_share_one_computation():
    # Eight cold views at the same moment: the band or plan is computed once, not eight times.
    calls: list[tuple] = []

    @once
    def slow(key: str) -> str:
        calls.append((key,))
        time.sleep(0.2)
        return key.upper()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(slow, ["a"] * 8 + ["b"] * 4))
    assert answers == ["A"] * 8 + ["B"] * 4
    assert sorted(calls) == [("a",), ("b",)]


def test_an_outlook_of_a_lost_client_holds_no_revenue():
    zeros = {"actual": [0.0, 0.0], "contracted": [0.0, 0.0], "pipeline": [0.0, 0.0],
             "baseline": [0.0, 0.0]}  # fmt: skip
    assert not forecast.holds_revenue(pd.DataFrame(zeros))
    assert forecast.holds_revenue(pd.DataFrame({**zeros, "pipeline": [0.0, 1_500.0]}))


def test_the_likely_range_always_holds_the_forecast():
    # A client forecast low for years (actual ÷ forecast between 1.2 and 1.5) and one forecast
    # high (0.6 to 0.9): each range is widened to take in the forecast (ratio 1), no more.
    lookup = {("Low", 1): (1.2, 1.5), ("High", 1): (0.6, 0.9), (None, 1): (0.8, 1.1)}
    clients = pd.Series(["Low", "High", "Other"])
    ratios = forecast._ratios(lookup, clients, pd.Series([1, 1, 1]))
    assert ratios.to_numpy().tolist() == [[1.0, 1.5], [0.6, 1.0], [0.8, 1.1]]


def test_in_december_next_years_plan_is_set_against_next_years_forecast():
    # C brings 1,000 of new work every month of 2026; data to 1 December. Its usual new work is
    # 11,000 over the 12 full months to November (December 2025 had none): 916.67 a month, so
    # 11,000 over the 12 months of 2027, against a 2027 plan of 22,000: 50% below.
    given = monthly_projects("C", date(2026, 1, 1), 12, {})
    given["raw_targets"] = [
        {"client": "C", "year": 2026, "revenue_target": 12_000},
        {"client": "C", "year": 2027, "revenue_target": 22_000},
    ]
    con = warehouse_from(given)
    sql = (
        "SELECT revenue_target::DOUBLE, revenue_to_date, round(forecast_year, 2), "
        "round(gap_pct, 4) FROM client_plan"
    )
    december = date(2026, 12, 1)
    # 2026: 12,000 earned, and December's 30 days left of 916.67: 887.10.
    assert rows_of(con, sql, december) == [(12_000.0, 12_000.0, 12_887.10, 0.0739)]
    con.execute("SET VARIABLE plan_year = 2027")
    assert rows_of(con, sql, december) == [(22_000.0, 0.0, 11_000.0, -0.5)]
    assert forecast.plan_years(december) == [2026, 2027]
    assert forecast.plan_years(date(2026, 11, 30)) == [2026]


def test_the_plans_of_the_year_asked_for(studio_db):
    filters = Filters(start=date(2026, 2, 3), end=date(2026, 3, 2), as_of=date(2026, 3, 2))
    this_year = forecast.plans(current(str(studio_db)), filters)
    next_year = forecast.plans(current(str(studio_db)), filters, 2027)
    assert this_year["revenue_to_date"].sum() > 0
    assert next_year["revenue_to_date"].sum() == 0  # nothing earned in 2027 yet
