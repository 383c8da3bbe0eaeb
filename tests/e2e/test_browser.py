"""The dashboard in a real browser: the weekly review's numbers, and a deep link."""

from __future__ import annotations

import contextlib

import pytest
from conftest import serve

from browser import SHOTS, tile_values, wait_for_app

pytestmark = pytest.mark.e2e


def test_weekly_review_shows_the_studio_numbers(page, app_url):
    # The hand-made studio, last 4 weeks to 2 Mar 2026 (worked out in test_app).
    page.set_viewport_size({"width": 1440, "height": 2000})
    page.goto(app_url)
    wait_for_app(page)
    assert page.get_by_role("heading", name="Weekly account review").is_visible()
    assert tile_values(page) == {
        "Revenue (earned)": "EUR 4,812",
        "Gross margin": "94.2%",
        "Hours": "6.5 h",
        "On-time rate": "100.0%",
        "Overdue": "EUR 0",
    }
    assert page.locator("[data-testid='stPlotlyChart'] .main-svg").first.is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "weekly_review.png", full_page=True)


def test_a_deep_link_opens_that_client(page, app_url):
    page.goto(f"{app_url}/?client=Birch+%26+Co&period=This+quarter")
    wait_for_app(page)
    assert tile_values(page)["Revenue (earned)"] == "EUR 3,000"
    assert page.get_by_text("Birch & Co · 1 Jan – 2 Mar 2026").is_visible()
    page.screenshot(path=SHOTS / "weekly_review_deep_link.png", full_page=True)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("client?client=Acme+Corporation&period=Year+to+date", "Acme Corporation"),
        ("project?project=P-2", "P-2 · Spring packaging"),
        ("delivery", "Delivery"),
        ("growth", "Account growth"),
        ("billing", "Billing"),
    ],
)
def test_each_page_opens_from_its_link(page, app_url, path, heading):
    page.set_viewport_size({"width": 1440, "height": 1800})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=SHOTS / f"{path.split('?')[0]}.png", full_page=True)


@pytest.mark.parametrize("flags", [(), ("--server.baseUrlPath", "studio")], ids=["root", "prefix"])
def test_a_page_opened_from_a_link_connects_at_once(page, studio_db, flags):
    # Streamlit alone asks <page>/_stcore/health first and, refused, the root 0.1 s later.
    with contextlib.contextmanager(serve)(studio_db, *flags) as root:
        asked = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"{root}/delivery")
        wait_for_app(page)
        assert page.get_by_role("heading", name="Delivery").is_visible()
        assert [u for u in asked if u.endswith("_stcore/health")] == [f"{root}/_stcore/health"]
        page.goto(root)  # the landing page, whose address is the root
        wait_for_app(page)
        assert page.get_by_role("heading", name="Weekly account review").is_visible()
