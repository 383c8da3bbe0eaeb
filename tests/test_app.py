"""The app run headless (AppTest): every page renders, and the numbers shown are the views'.

The hand-made studio's data runs to 2 Mar 2026, so by default the pages show the 4 weeks
3 Feb – 2 Mar 2026 against 6 Jan – 2 Feb 2026 (see test_metric_views for the rates):
- now: P-2's fee for 18 of its 32 days (3,487.50), P-1's 2.5 h at 130 (325) and Birch's March
  retainer (1,000) = 4,812.50 earned; labour 137.50 + 120, couriers 20;
- before: P-2 for 14 days (2,712.50), P-1's 4 h at 120 (480) and travel (50), Birch's January
  and February retainers (2,000) = 5,242.50.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics import labels, queries
from metrics.db import current
from metrics.queries import Filters
from metrics.scope import EVERYONE
from studio import ROOT, shown

APP = str(ROOT / "app.py")
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py"))


def run_app(pointer: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The app on the warehouse at `pointer`, opened with the given URL query parameters."""
    monkeypatch.setenv("STUDIO_DB", str(pointer))
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def tiles(app: AppTest) -> dict[str, tuple[str, str]]:
    """The KPI tiles on the page: label → (value, change) as displayed."""
    return {m.label: (m.value, m.proto.delta) for m in app.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_studio(studio_db, monkeypatch, page):
    app = run_app(studio_db, monkeypatch)
    app.switch_page(page).run()
    assert not app.exception


# The Team page is about people, not data: it has nothing to explain without any.
@pytest.mark.parametrize("page", [page for page in PAGES if page != "app_pages/team.py"])
def test_every_page_explains_an_empty_warehouse(tmp_path, monkeypatch, page):
    app = run_app(tmp_path / "none.duckdb", monkeypatch)
    app.switch_page(page).run()
    assert not app.exception
    assert "No data yet" in app.info[0].value


def test_weekly_review_kpis_and_their_changes(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    assert tiles(app) == {
        "Revenue (earned)": ("EUR 4,812", "-EUR 430"),
        # (4,812.50 − 137.50 − 120 − 20) ÷ 4,812.50 = 94.2% against (5,242.50 − 700 labour
        # − 850 expenses) ÷ 5,242.50 = 70.4%.
        "Gross margin": ("94.2%", "+23.8 pts"),
        "Hours": ("6.5 h", "-7.5 h"),
        "On-time rate": ("100.0%", ""),
        "Overdue": ("EUR 0", "+EUR 0"),
    }


def test_weekly_review_sparklines_end_with_the_last_whole_month(studio_db, monkeypatch):
    clients = run_app(studio_db, monkeypatch).dataframe[2]
    # As of 2 Mar, March is running (2.5 h of P-1 and Birch's retainer so far): the lines run
    # Mar 2025 to Feb 2026. Acme: 12 of P-2's 32 days at 193.75 plus P-1's 480 and travel 50 in
    # January, P-2's other 20 days in February; Birch: its 1,000 retainer each month.
    trends = dict(zip(clients.value["client"], clients.value["revenue_trend"], strict=True))
    assert [list(trends[c]) for c in ("Acme Corporation", "Birch & Co")] == [
        [0.0] * 10 + [2855.0, 3875.0],
        [0.0] * 10 + [1000.0, 1000.0],
    ]
    assert '"label": "Revenue, 12 months to Feb 2026"' in str(clients.proto.columns)


def test_weekly_review_ranks_what_needs_attention(studio_db, monkeypatch, downloads):
    items = run_app(studio_db, monkeypatch).dataframe[0].value
    assert list(zip(items["kind"], items["client"], strict=True)) == [
        ("Deliverable late", "Acme Corporation"),  # Logo suite, due 28 Feb: 2 days late
        ("Margin fell", "Birch & Co"),  # 88% against 100%
        ("Concentration risk", "Acme Corporation"),  # 70% of the last 12 months
        ("Concentration risk", "Birch & Co"),  # 30%
        ("Deliverable due soon", "Acme Corporation"),  # Guidelines, due 5 Mar
    ]
    assert items["link"][0] == "project?project=P-1"
    assert items["link"][1] == "client?client=Birch+%26+Co"
    # The list to take away from the meeting, in the same order.
    csv = downloads["needs-attention.csv"]().decode("utf-8-sig").splitlines()
    assert csv[0] == '"kind","client","account_manager","project_code","project","reason"'
    assert csv[1].startswith('"Deliverable late","Acme Corporation","Maya Patel","P-1",')
    assert len(csv) == 6


def test_the_client_in_the_url_filters_the_page(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch, client="Birch & Co")
    assert app.selectbox(key="client").value == "Birch & Co"
    assert tiles(app)["Revenue (earned)"] == ("EUR 1,000", "-EUR 1,000")
    assert list(app.dataframe[2].value["client"]) == ["Birch & Co"]


def test_choosing_a_manager_period_and_basis_changes_the_numbers(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.selectbox(key="manager").select("Maya Patel").run()
    assert tiles(app)["Revenue (earned)"][0] == "EUR 3,812"
    app.selectbox(key="period").select("This month").run()
    # 1–2 March: P-2 is delivered; P-1's 2.5 h at 130/h.
    assert tiles(app)["Revenue (earned)"][0] == "EUR 325"
    app.selectbox(key="period").select("Year to date").run()
    app.segmented_control(key="basis").set_value("Billed").run()
    # INV-001 3,100 + INV-002 530 − CN-001 100.
    assert tiles(app)["Revenue (billed)"][0] == "EUR 3,530"


def test_the_last_7_days_from_the_first_of_a_month_are_set_against_the_7_days_before(
    studio_db, monkeypatch
):
    app = run_app(studio_db, monkeypatch, as_of="2026-02-07", period="Last 7 days")
    # 1 – 7 Feb roll: the days before are 25 – 31 Jan, not 1 – 7 Jan as for the month so far.
    assert "changes against 25 Jan – 31 Jan 2026" in shown(app.caption[0].value)
    app.selectbox(key="period").select("This month").run()
    assert "changes against 1 Jan – 7 Jan 2026" in shown(app.caption[0].value)


def test_the_filters_are_greyed_out_where_they_do_not_apply_and_keep_their_values(
    studio_db, monkeypatch
):
    app = run_app(studio_db, monkeypatch, client="Birch & Co")
    assert not app.sidebar.selectbox(key="client").disabled
    app.switch_page("app_pages/data_health.py").run()
    assert app.sidebar.selectbox(key="client").disabled
    assert app.sidebar.selectbox(key="period").disabled
    assert "do not apply to this page" in shown(app.sidebar.caption[0].value)
    app.switch_page("app_pages/client.py").run()
    client = app.sidebar.selectbox(key="client")
    assert not client.disabled and client.value == "Birch & Co"


def test_the_client_page_without_a_client_lists_the_clients_to_open(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.switch_page("app_pages/client.py").run()
    listed = app.dataframe[0].value
    assert sorted(listed["client"]) == ["Acme Corporation", "Birch & Co"]
    assert sorted(listed["link"]) == [
        "client?client=Acme+Corporation",
        "client?client=Birch+%26+Co",
    ]


def test_client_page_figures(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch, client="Acme Corporation", period="Year to date")
    app.switch_page("app_pages/client.py").run()
    assert app.title[0].value == "Acme Corporation"
    assert shown(app.caption[0].value).startswith("Account manager Maya Patel · ")
    shown_tiles = {label: value for label, (value, _) in tiles(app).items()}
    assert shown_tiles["Revenue (earned)"] == "EUR 7,055"
    # (7,055 − 837.50 labour − 870 expenses) ÷ 7,055.
    assert shown_tiles["Gross margin"] == "75.8%"
    assert shown_tiles["Effective rate"] == "EUR 427.58/h"  # 7,055 ÷ 16.5 h
    # Billed 3,530 ÷ standard value (14 h × 120 + 2.5 h × 130 = 2,005).
    assert shown_tiles["Realization"] == "176.1%"
    assert shown_tiles["On-time rate"] == "100.0%"
    # P-2's pack artwork (early) and print proofs (on the day); the logo suite came on 3 Mar.
    assert "2 of 2 delivered on time" in [c.value for c in app.caption]
    projects = app.dataframe[0].value
    assert list(projects["project_code"]) == ["P-2", "P-1"]
    assert list(projects["revenue"]) == [6200.0, 855.0]


def test_project_page_from_a_link(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch, project="P-2")
    app.switch_page("app_pages/project.py").run()
    assert shown(app.title[0].value) == "P-2 · Spring packaging"
    figures = {label: value for label, (value, _) in tiles(app).items()}
    assert figures == {
        "Revenue (earned)": "EUR 6,200",  # the whole fee: delivered
        "Gross profit": "EUR 4,900",  # 6,200 − 500 labour − 800 expenses
        "Hours": "10.0 h",
        "Budget burn": "25.0%",  # 10 of 40 h
        "Schedule elapsed": "100.0%",  # delivered
        "Pace": "-75.0 pts",  # 25% burnt at 100% of the schedule
        "Hours at completion (est.)": "10.0 h",  # actual: delivered
        "Gross margin": "79.0%",  # (6,200 − 500 − 800) ÷ 6,200
        "Margin at completion (est.)": "79.0%",
    }
    assert list(app.dataframe[0].value["status"]) == ["Early", "On time"]
    captions = [shown(c.value) for c in app.caption]
    assert "Budget 40.0 h and EUR 6,200 · 20 Jan 2026 to 20 Feb 2026" in captions


def test_the_week_still_running_counts_burn_and_schedule_to_the_as_of_date(studio_db):
    weeks = queries.project_burn(current(str(studio_db)), EVERYONE, "P-1", date(2026, 3, 2))
    # P-1 runs 5 Jan to 31 Mar (86 days). The week of 2 March counts to 2 March, the as-of
    # date: day 57 of 86, with 6.5 of its 20 budget hours worked; the week before to 1 March.
    last = weeks.iloc[-2:][["week", "through", "hours_to_date", "schedule_elapsed_pct"]]
    assert last.values.tolist() == [
        [pd.Timestamp("2026-02-23"), pd.Timestamp("2026-03-01"), 4.0, pytest.approx(56 / 86)],
        [pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-02"), 6.5, pytest.approx(57 / 86)],
    ]


def test_drilling_into_a_project_carries_the_selection(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.session_state["project"] = "P-1"  # what a click on a project row sets
    app.switch_page("app_pages/project.py").run()
    assert shown(app.title[0].value) == "P-1 · Brand refresh"
    assert app.query_params["project"] == "P-1"


def test_project_page_opens_on_the_open_project_with_the_worst_pace(studio_db, monkeypatch):
    # Open on 2 March: P-1 (6.5 of 20 h used at day 57 of 86: pace -34 pts) and P-3 (a retainer
    # without budget hours: no pace). P-2, started last, was delivered on 20 February.
    app = run_app(studio_db, monkeypatch)
    app.switch_page("app_pages/project.py").run()
    assert shown(app.title[0].value) == "P-1 · Brand refresh"
    opened = "this one's budget burn is least behind its schedule (the page opens on it)"
    assert any(opened in c.value for c in app.caption)
    app.selectbox(key="project").set_value("P-2").run()
    assert shown(app.title[0].value) == "P-2 · Spring packaging"
    assert not any("the page opens on it" in c.value for c in app.caption)


@pytest.mark.parametrize(
    ("pace", "said"), [(0.271, "furthest ahead of its schedule"), (-0.34, "least behind its")]
)
def test_the_opening_project_is_said_as_its_pace_is(pace, said):
    assert said in labels.opening_project(pace)


def shown_values(app: AppTest) -> dict[str, str]:
    """The KPI tiles on the page: label → value."""
    return {label: value for label, (value, _) in tiles(app).items()}


def test_delivery_page_figures(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.switch_page("app_pages/delivery.py").run()
    # Pack artwork early and print proofs on time in the period; the logo suite, due 28 Feb,
    # is delivered only on 3 March, after the as-of date.
    assert shown_values(app) == {
        "On-time rate": "100.0%",
        "Delivered": "2",
        "Delivered late": "0",
        "Late, not delivered": "1",
    }


def test_growth_page_figures(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.switch_page("app_pages/growth.py").run()
    # Both clients are new: all their revenue falls in the last 12 months (7,055 and 3,000),
    # all of it this year (the studio starts on 1 Jan 2026). No plans were imported.
    assert shown_values(app) == {
        "Net revenue retention": "—",
        "New clients": "2",
        "Lost clients": "0",
        "Largest client's share": "70.2%",
        "Top 5 clients' share": "100.0%",
        "Revenue plan": "—",
        "Forecast for the year": "—",
        "Earned this year": "EUR 10,055",
        "Clients over 10% below plan": "0",
    }
    # The plan table in two tabs, each narrow enough not to scroll sideways.
    revenue, quality = app.tabs
    assert (revenue.label, quality.label) == (
        "Revenue against plan",
        "Margin and on-time against plan",
    )
    assert list(revenue.dataframe[0].value.columns) == [
        "client", "account_manager", "revenue_target", "revenue_to_date", "forecast_year",
        "forecast_low", "forecast_high", "gap_pct", "link",
    ]  # fmt: skip
    assert list(quality.dataframe[0].value.columns) == [
        "client", "account_manager", "margin_target", "margin_to_date", "on_time_target",
        "on_time_to_date", "link",
    ]  # fmt: skip
    # With Tom Becker's clients chosen, the tiles still count the studio's new clients, and so
    # does the list of them beside it (it listed Birch alone under "New clients: 2").
    app = run_app(studio_db, monkeypatch, manager="Tom Becker")
    app.switch_page("app_pages/growth.py").run()
    assert shown_values(app)["New clients"] == "2"
    listed = next(t.value for t in app.dataframe if "change" in t.value.columns)
    assert sorted(listed["client"]) == ["Acme Corporation", "Birch & Co"]


def test_billing_lists_the_overdue_invoices_first(studio_db):
    # 1 Feb – 10 Mar: INV-002 of 31 Jan, unpaid and 8 days overdue, above the credit note of
    # 25 Feb and INV-003 of 1 Feb (paid), which follow newest first.
    filters = Filters(start=date(2026, 2, 1), end=date(2026, 3, 10), as_of=date(2026, 3, 10))
    listed = queries.invoices(current(str(studio_db)), filters)
    assert listed[["invoice_number", "days_overdue"]].values.tolist() == [
        ["INV-002", 8], ["CN-001", 0], ["INV-003", 0],
    ]  # fmt: skip
    # Balances include tax: INV-002's 530 net is 636 gross (106 tax), all of it unpaid.
    first = listed.iloc[0]
    assert [first["amount"], first["gross_amount"], first["balance"]] == [530, 636, 636]


def test_billing_page_figures(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.switch_page("app_pages/billing.py").run()
    # INV-002 (636 gross) is due on 2 March, the as-of date: unpaid but not overdue. Credit note
    # −100 in the period. WIP: P-1 855 − 530, P-2 6,200 − 3,000, P-3 3,000 − 1,000.
    assert shown_values(app) == {
        "Outstanding": "EUR 636",
        "Overdue": "EUR 0",
        "Revenue (billed)": "EUR -100",
        "Unbilled work (WIP)": "EUR 5,525",
    }
    # INV-001 (issued 20 Jan) was paid on a day the Xero export does not give: what was
    # outstanding on 2 Feb is not known, so it is not compared; nothing was past due by then
    # (INV-001 due 19 Feb, INV-003 15 Feb), so the overdue balance is: none then, none now.
    changes = tiles(app)
    assert changes["Outstanding"] == ("EUR 636", "")
    assert changes["Overdue"] == ("EUR 0", "+EUR 0")
    assert any(
        c.value == "Outstanding is not compared with 2 Feb 2026: the invoices export does not "
        "say when invoices were paid, so what was owed then is not known."
        for c in app.caption
    )


def test_billing_on_an_earlier_day_says_its_balances_are_least_figures(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch, as_of="2026-02-25")
    app.switch_page("app_pages/billing.py").run()
    # On 25 Feb, INV-001 (issued 20 Jan) and INV-003 (due 15 Feb) may or may not have been paid:
    # neither balance is known then; on 28 Jan only what was outstanding depends on them.
    # Counting both as paid, what was owed is INV-002's 636 at least; past due, nothing is
    # known to be: the tiles say so rather than show a change, or EUR 0.
    changes = tiles(app)
    assert changes["Outstanding"] == ("At least EUR 636", "")
    assert changes["Overdue"] == ("Not known", "")
    assert (
        "Outstanding and overdue on 25 Feb 2026 count every payment as received by then, so they "
        "show what was owed at least: the invoices export does not say when invoices were paid."
    ) in [c.value for c in app.caption]
    # On 25 Jan, INV-001 (issued 20 Jan) is the only invoice out: counted as paid, nothing would
    # be unpaid, which is not known either.
    app = run_app(studio_db, monkeypatch, as_of="2026-01-25")
    app.switch_page("app_pages/billing.py").run()
    assert tiles(app)["Outstanding"] == ("Not known", "")
    assert not app.success
    assert shown(app.info[0].value) == (
        "What was owed on 25 Jan 2026 is not known: the invoices export does not say when "
        "invoices were paid. A period ending on the last day with data shows what is owed."
    )


def test_weekly_review_compares_the_last_7_days_with_the_7_before(studio_db, monkeypatch):
    week = run_app(studio_db, monkeypatch).dataframe[1].value
    # 24 Feb – 2 Mar against 17 – 23 Feb: P-1's 2.5 h on 2 March and Birch's March retainer
    # against four days of P-2's fee (4 × 193.75); the credit note on 25 Feb; the print proofs
    # delivered on 20 Feb.
    assert week.values.tolist() == [
        ["Hours logged", "2.5 h", "0.0 h", "+2.5 h"],
        ["Revenue earned", "EUR 1,325", "EUR 775", "+EUR 550"],
        ["Invoiced (net of tax)", "EUR -100", "EUR 0", "-EUR 100"],
        ["Deliverables delivered", "0", "1", "-1"],
        ["Delivered on time", "0", "1", "-1"],
        ["Projects started", "0", "0", "no change"],
    ]


def test_the_tables_own_csv_export_is_off():
    # It writes =HYPERLINK(…) as it is; the pages' ui.csv_download buttons neutralise it.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True


def test_a_page_changing_its_answer_changes_nobody_elses(studio_db, monkeypatch):
    # Sessions share the cached answers: a page that writes into its table (a new column, a
    # changed cell) must leave the next session's answer as the query gave it.
    import ui
    from metrics import queries
    from metrics.queries import Filters

    monkeypatch.setenv("STUDIO_DB", str(studio_db))
    filters = Filters(start=date(2026, 2, 3), end=date(2026, 3, 2), as_of=date(2026, 3, 2))
    rows, total = ui.load(queries.client_period, filters)
    revenue = rows["revenue"].tolist()
    assert total["revenue"] == pytest.approx(4812.50)  # the module docstring's sum
    rows["revenue"] = 0.0
    rows.loc[0, "client"] = "changed"
    rows["added"] = 1
    total["revenue"] = -1.0
    again, total_again = ui.load(queries.client_period, filters)
    assert again["revenue"].tolist() == revenue
    assert "changed" not in set(again["client"]) and "added" not in again.columns
    assert total_again["revenue"] == pytest.approx(4812.50)


def test_the_period_and_the_period_before_come_from_one_query(studio_db):
    # The module docstring's sums: 4,812.50 earned in 3 Feb – 2 Mar 2026, 5,242.50 before.
    from metrics import queries
    from metrics.db import current
    from metrics.queries import Filters

    filters = Filters(start=date(2026, 2, 3), end=date(2026, 3, 2), as_of=date(2026, 3, 2))
    now, then = queries.period_totals(current(str(studio_db)), filters)
    assert (now["revenue"], then["revenue"]) == (pytest.approx(4812.50), pytest.approx(5242.50))
    # This month so far (1–2 Mar) against 1–2 Feb, not the whole of February; the year so far
    # against the same days of 2025, before the studio's first day.
    month = Filters(
        start=date(2026, 3, 1), end=date(2026, 3, 2), as_of=date(2026, 3, 2), calendar_step=1
    )
    year = Filters(
        start=date(2026, 1, 1), end=date(2026, 3, 2), as_of=date(2026, 3, 2), calendar_step=12
    )
    assert month.previous().end == date(2026, 2, 2)
    for chosen in (filters, month, year):
        now, then = queries.period_totals(current(str(studio_db)), chosen)
        for total, period in ((now, chosen), (then, chosen.previous())):
            _, alone = queries.client_period(current(str(studio_db)), period)
            assert total.to_dict() == pytest.approx(alone.to_dict(), nan_ok=True)


def test_data_health_reconciles_each_total_with_its_unit(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.switch_page("app_pages/data_health.py").run()
    (checks,) = [t.value for t in app.dataframe if "measure" in t.value.columns]
    assert sorted(checks["measure"]) == [
        "Deliverables delivered", "Hours, h", "Revenue (billed), EUR",
    ]  # fmt: skip


def test_a_deliverable_not_yet_due_has_no_days_late(studio_db):
    # P-3's February batch is due on 20 March: open, not late, so its days late are blank, not 0.
    rows = queries.project_deliverables(current(str(studio_db)), EVERYONE, "P-3", date(2026, 3, 2))
    assert rows[["deliverable", "status"]].values.tolist() == [["February batch", "Open"]]
    assert pd.isna(rows["days_late"].iloc[0])
