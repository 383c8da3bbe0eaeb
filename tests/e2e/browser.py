"""Helpers for driving the app in a browser."""

from __future__ import annotations

from pathlib import Path

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def wait_for_app(page, timeout: int = 30_000) -> None:
    """Wait until the script has finished and no skeletons are left (never 'networkidle')."""
    page.wait_for_timeout(250)
    app = page.locator("[data-testid='stApp']")
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=timeout
    )
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=timeout
    )
    page.locator("[data-testid='stSkeleton']").first.wait_for(state="detached", timeout=timeout)
    assert app.count() == 1


def tile_values(page) -> dict[str, str]:
    """KPI tiles on the page: label → value."""
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    return dict(zip([label.strip() for label in labels], values, strict=True))
