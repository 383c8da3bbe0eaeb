"""Import in a real browser: files dropped on the real file input, previewed, committed, and the
weekly review shows the new numbers without a restart."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import SHOTS, tile_values, wait_for_app
from studio import FIXTURES

pytestmark = pytest.mark.e2e


def test_dropped_files_are_previewed_committed_and_shown(page, fresh_app):
    page.set_viewport_size({"width": 1440, "height": 2400})
    page.goto(fresh_app)
    wait_for_app(page)
    assert tile_values(page)["Hours"] == "6.5 h"
    page.goto(f"{fresh_app}/import")
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(
        [FIXTURES / "app" / "harvest_time_march.csv", FIXTURES / "app" / "xero_invoices_march.csv"]
    )
    wait_for_app(page)
    # Harvest: 3 of 4 rows load ("lots" is no number of hours); Xero: one invoice of 1 line.
    # Per file: loaded, rejected, skipped, and the dates it covers.
    figures = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert figures == ["3", "1", "0", "9 Mar – 11 Mar 2026", "1", "0", "0", "31 Mar – 31 Mar 2026"]
    assert page.get_by_text("Replaces nothing imported before.").count() == 2
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("Unmatched names").is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "import_preview.png", full_page=True)
    page.get_by_role("button", name="Import 2 file(s): 4 rows").click()
    # The import runs, then the page reruns to show its outcome.
    expect(page.get_by_text("Imported 2 file(s), 4 rows.")).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="See the weekly review").click()
    wait_for_app(page)
    # The data now runs to 31 Mar (the new invoice): the last 4 weeks hold the new 3 + 2 + 4 h.
    assert tile_values(page)["Hours"] == "9.0 h"
    page.screenshot(path=SHOTS / "weekly_review_after_import.png", full_page=True)
    page.goto(f"{fresh_app}/data-health")
    wait_for_app(page)
    assert page.get_by_role("heading", name="Data health").is_visible()
    page.screenshot(path=SHOTS / "data_health.png", full_page=True)
