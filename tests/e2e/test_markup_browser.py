"""Names are text: a studio whose clients, projects, people, tasks and files are named with
markup, links, maths, formulas and a script shows every name literally in a real browser — no
link, image, bold, maths or dialog appears."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import serve

from browser import SHOTS, wait_for_app
from etl.load import load_files

pytestmark = pytest.mark.e2e

CLIENT = "<img src=x onerror=alert(1)>"
PROJECT = "**bold** [link](javascript:alert(1))"
SERVICE_LINE = "$\\LaTeX$"
MANAGER = '=HYPERLINK("http://x.example","y")'
TASK = "<b>task</b>"
FIRST_NAME = '<a href="https://evil.example/">Eve</a>'
PAYLOADS = [CLIENT, PROJECT, SERVICE_LINE, MANAGER]


def write(path: Path, rows: list[list[str]]) -> Path:
    """A CSV of `rows`."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a studio named with payloads."""
    folder = tmp_path_factory.mktemp("markup")
    projects = write(folder / "projects.csv", [
        ["Project Code", "Project", "Client", "Service Line", "Billing Model", "Budget Hours",
         "Budget Amount", "Currency", "Start Date", "Due Date", "Delivered Date", "Status",
         "Account Manager"],
        ["P-1", PROJECT, CLIENT, SERVICE_LINE, "time_and_materials", "40", "", "EUR",
         "2026-11-02", "2026-12-31", "", "active", MANAGER],
    ])  # fmt: skip
    time = write(folder / "[x](javascript:alert(1)).csv", [
        ["Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Billable?",
         "Invoiced?", "First Name", "Last Name", "Roles", "Billable Rate", "Cost Rate",
         "Currency"],
        *[[f"2026-11-{day:02d}", CLIENT, PROJECT, "P-1", TASK, "<i>note</i>", "3", "Yes", "No",
           FIRST_NAME, "**Bold**", "Designer", "120", "60", "EUR"] for day in (2, 3, 4)],
    ])  # fmt: skip
    pointer = folder / "studio.duckdb"
    load_files([projects, time], pointer, echo=lambda _: None)
    yield from serve(pointer)


@pytest.mark.parametrize(
    "path",
    [
        f"/client?client={quote(CLIENT)}&as_of=2026-11-30",
        "/project?project=P-1&as_of=2026-11-30",
        "/?as_of=2026-11-30",
        "/data-health",
    ],
    ids=["client", "project", "weekly review", "data health"],
)
def test_every_name_is_shown_as_text(page, hostile_app, path):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size({"width": 1440, "height": 2400})
    page.goto(hostile_app + path)
    wait_for_app(page)
    page.wait_for_timeout(1500)  # charts drawn
    main = page.get_by_test_id("stMain")
    assert main.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:'], a[href*='evil.example']").count() == 0
    assert page.locator("a[href*='x.example']").count() == 0
    assert main.locator(".katex").count() == 0
    assert main.locator("strong", has_text="bold").count() == 0
    assert main.locator("b", has_text="task").count() == 0
    assert page.get_by_test_id("stException").count() == 0
    assert dialogs == []
    SHOTS.mkdir(exist_ok=True)
    name = path.strip("/").split("?")[0] or "weekly_review"
    page.screenshot(path=SHOTS / f"markup_{name}.png", full_page=True)
    text = main.inner_text()
    if "client" in path or "project" in path:
        assert CLIENT in text or PROJECT in text
