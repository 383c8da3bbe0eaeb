"""The dashboard in a real browser: the portfolio numbers, and a deep link."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import wait_for_app

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def tile_values(page) -> dict[str, str]:
    """KPI tiles on the page: label → value."""
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    return dict(zip([label.strip() for label in labels], values, strict=True))


def test_portfolio_shows_the_studio_numbers(page, app_url):
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(app_url)
    wait_for_app(page)
    assert page.get_by_role("heading", name="Portfolio").is_visible()
    assert tile_values(page) == {
        "Revenue (earned)": "EUR 10,055",
        "Gross profit": "EUR 8,228",
        "Gross margin": "81.8%",
        "Hours": "20 h",
    }
    assert page.locator("[data-testid='stPlotlyChart'] .main-svg").first.is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "portfolio.png", full_page=True)


def test_a_deep_link_opens_that_client(page, app_url):
    page.goto(f"{app_url}/?client=Birch+%26+Co&period=This+quarter")
    wait_for_app(page)
    assert tile_values(page)["Revenue (earned)"] == "EUR 3,000"
    page.screenshot(path=SHOTS / "portfolio_deep_link.png", full_page=True)
