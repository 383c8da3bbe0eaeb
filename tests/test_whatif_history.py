"""What-if against warehouses: the overrun history with its fallbacks, a client's year rebuilt
as a plan (it must give the views' figures), and saved scenarios."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import settings
from actions import scenarios
from metrics import periods, queries, whatif
from metrics.db import QUERIES, current
from metrics.scope import EVERYONE
from reports import cells
from studio import DEMO_AS_OF, query, warehouse_from

AS_OF = date(2026, 6, 30)


def delivered(code: str, client: str, line: str, hours: float) -> tuple[dict, dict]:
    """A project delivered in May with 10 budgeted hours, and the time it took."""
    project = {
        "project_code": code, "project": code, "client": client, "service_line": line,
        "billing_model": "fixed_fee", "budget_hours": 10, "budget_amount": 1000,
        "start_date": date(2026, 5, 1), "due_date": date(2026, 5, 31),
        "delivered_date": date(2026, 5, 31),
    }  # fmt: skip
    entry = {
        "entry_date": date(2026, 5, 10), "client": client, "project_code": code,
        "person": "Ada Lovelace", "role": "Designer", "hours": hours, "billable": True,
        "cost_rate": 50,
    }  # fmt: skip
    return project, entry


@pytest.fixture(scope="module")
def history():
    """A's five packaging jobs took 8, 10, 11, 12 and 15 of 10 hours; B has one packaging job
    (20 h) and one design job (5 h); A's open design job does not count."""
    done = [
        delivered("A-1", "A", "Packaging", 8), delivered("A-2", "A", "Packaging", 10),
        delivered("A-3", "A", "Packaging", 11), delivered("A-4", "A", "Packaging", 12),
        delivered("A-5", "A", "Packaging", 15), delivered("B-1", "B", "Packaging", 20),
        delivered("B-2", "B", "Design", 5),
    ]  # fmt: skip
    open_job, open_entry = delivered("A-6", "A", "Design", 30)
    open_job["delivered_date"] = None
    return warehouse_from(
        {
            "raw_projects": [p for p, _ in done] + [open_job],
            "raw_time_entries": [e for _, e in done] + [open_entry],
        }
    )


def overruns(con, client: str, line: str) -> tuple[str, dict[str, float]]:
    """The scope chosen and each project's actual ÷ budgeted hours."""
    con.execute("SET VARIABLE as_of = $d::DATE", {"d": AS_OF})
    sql = (QUERIES / "overrun_history.sql").read_text()
    params = {"client": client, "service_line": line, "minimum": 5, "visible": None}
    rows = con.execute(sql, params).df()
    return rows["scope"].iloc[0], dict(zip(rows["project_code"], rows["overrun"], strict=True))


def test_history_of_the_client_in_the_service_line(history):
    scope, ratios = overruns(history, "A", "Packaging")
    assert scope == "client and service line"
    assert ratios == {"A-1": 0.8, "A-2": 1.0, "A-3": 1.1, "A-4": 1.2, "A-5": 1.5}
    assert whatif.overrun_quantiles(pd.Series(list(ratios.values()))) == {
        "Median": pytest.approx(1.1), "P80": pytest.approx(1.26), "P90": pytest.approx(1.38)
    }  # fmt: skip


def test_too_few_projects_fall_back_to_the_service_line_then_the_studio(history):
    scope, ratios = overruns(history, "B", "Packaging")
    assert scope == "service line" and sorted(ratios) == ["A-1", "A-2", "A-3", "A-4", "A-5", "B-1"]
    scope, ratios = overruns(history, "B", "Design")
    assert scope == "studio" and len(ratios) == 7  # the open A-6 never counts


def test_history_links_to_the_projects(studio_db):
    rows = queries.overrun_history(
        current(str(studio_db)), EVERYONE, date(2026, 3, 2), "Acme", "Design"
    )
    # Only P-2 is delivered (10 of 40 h): too few for a narrower scope.
    assert rows[["project_code", "overrun", "scope", "link"]].values.tolist() == [
        ["P-2", 0.25, "studio", "project?project=P-2"]
    ]


def test_a_client_year_with_no_change_is_the_activity_of_its_12_months(studio_db):
    warehouse, as_of = current(str(studio_db)), date(2026, 3, 2)
    plan, uncosted = queries.client_year(warehouse, EVERYONE, "Birch & Co", as_of)
    result = whatif.outcome(whatif.changed(plan, {}))
    # Birch: three retainer months (3,000); 3 h of Cleo at 40 and Dan's uncosted hour.
    assert (result.revenue, result.labour_cost, uncosted) == (3_000, 120, 1)
    ((revenue, profit),) = query(
        studio_db,
        "SELECT sum(earned_revenue), sum(earned_revenue - labour_cost - expense_cost) "
        "FROM activity_day WHERE client = 'Birch & Co' AND day >= $start",
        as_of,
        start=periods.year_to(as_of),
    )
    assert result.revenue == pytest.approx(revenue)
    assert result.gross_profit == pytest.approx(profit)


def test_every_demo_client_year_reproduces_the_views(demo_db):
    as_of = DEMO_AS_OF
    warehouse = current(str(demo_db))
    start = periods.year_to(as_of)
    actual = query(
        demo_db,
        "SELECT a.client, sum(a.earned_revenue), "
        "sum(a.earned_revenue - a.labour_cost - a.expense_cost), any_value(t.revenue_ttm) "
        "FROM activity_day a JOIN client_ttm t ON t.client = a.client AND t.basis = 'earned' "
        "WHERE a.day >= $start GROUP BY a.client ORDER BY a.client",
        as_of,
        start=start,
    )
    assert len(actual) >= 25
    for client, revenue, profit, ttm in actual:
        result = whatif.outcome(queries.client_year(warehouse, EVERYONE, client, as_of)[0])
        assert result.revenue == pytest.approx(revenue, abs=0.01), client
        assert result.revenue == pytest.approx(ttm, abs=0.01), client
        assert result.gross_profit == pytest.approx(profit, abs=0.01), client
        assert result.margin_pct == pytest.approx(profit / revenue), client


def test_saved_scenarios_round_trip_and_export_safely(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.SCENARIOS_VARIABLE, str(tmp_path))
    plan = whatif.Plan(lines=(whatif.Line("Designer", 10, 50, 120),))
    table = whatif.scenario_table(plan, whatif.scaled(plan, price=1.1))
    inputs = {"wi_q_start": date(2026, 1, 5), "wi_q_fee": 1200.0}
    scenarios.save("=Acme +10%", "New quote", inputs, table)
    scenarios.save("Acme flat", "New quote", inputs, whatif.scenario_table(plan, plan))
    record = scenarios.load("=Acme +10%")
    assert record["inputs"] == inputs
    assert record["table"]["scenario"].iloc[0] == pytest.approx(1_320)  # 10 × 132
    assert set(scenarios.saved()["name"]) == {"=Acme +10%", "Acme flat"}
    both = scenarios.compare(["=Acme +10%", "Acme flat"]).set_index("measure")
    assert both.loc["earned_revenue", "=Acme +10%"] == pytest.approx(1_320)
    assert both.loc["earned_revenue", "Acme flat"] == pytest.approx(1_200)
    text = cells.csv_bytes(table.assign(name="=Acme +10%", note="@sum")).decode()
    assert "'=Acme +10%" in text and "'@sum" in text
    assert "\n=" not in text and ",=" not in text and ",@" not in text
