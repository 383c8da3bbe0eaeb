"""The app run headless (AppTest): every page renders, and the numbers shown are the views'."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.warehouse import ROOT

APP = str(ROOT / "app.py")
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py"))


def run_app(pointer: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The app on the warehouse at `pointer`, opened with the given URL query parameters."""
    monkeypatch.setenv("STUDIO_DB", str(pointer))
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def metrics_shown(app: AppTest) -> dict[str, str]:
    """The KPI tiles on the page: label → value as displayed."""
    return {m.label: m.value for m in app.metric}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_studio(studio_db, monkeypatch, page):
    app = run_app(studio_db, monkeypatch)
    app.switch_page(page).run()
    assert not app.exception


@pytest.mark.parametrize("page", PAGES)
def test_every_page_explains_an_empty_warehouse(tmp_path, monkeypatch, page):
    app = run_app(tmp_path / "none.duckdb", monkeypatch)
    app.switch_page(page).run()
    assert not app.exception
    assert "No data yet" in app.info[0].value


def test_portfolio_shows_the_period_totals(studio_db, monkeypatch):
    # Data runs to 2 Mar 2026, so year to date is Jan–Mar 2026 as of 2 Mar (see
    # test_metric_views for the hand calculation): revenue 7,055 + 3,000, profit 5,347.5 + 2,880.
    app = run_app(studio_db, monkeypatch)
    assert metrics_shown(app) == {
        "Revenue (earned)": "EUR 10,055",
        "Gross profit": "EUR 8,228",
        "Gross margin": "81.8%",
        "Hours": "20 h",
    }
    table = app.dataframe[0].value
    assert list(table["client"]) == ["Acme Corporation", "Birch & Co"]
    assert list(table["earned_revenue"]) == [7055.0, 3000.0]


def test_the_client_in_the_url_filters_the_page(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch, client="Birch & Co")
    assert app.selectbox(key="client").value == "Birch & Co"
    assert metrics_shown(app)["Revenue (earned)"] == "EUR 3,000"
    assert list(app.dataframe[0].value["client"]) == ["Birch & Co"]


def test_choosing_a_manager_and_period_changes_the_numbers(studio_db, monkeypatch):
    app = run_app(studio_db, monkeypatch)
    app.selectbox(key="manager").select("Maya Patel").run()
    assert metrics_shown(app)["Revenue (earned)"] == "EUR 7,055"
    app.selectbox(key="period").select("This month").run()
    # March only: 2.5 h of Ada on P-1 at 130/h; cost 137.5.
    assert metrics_shown(app)["Revenue (earned)"] == "EUR 325"
    assert metrics_shown(app)["Gross profit"] == "EUR 188"
