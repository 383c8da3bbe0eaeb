"""Helpers for driving the app in a browser."""

from __future__ import annotations


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
