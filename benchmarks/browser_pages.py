"""Page speed as a user feels it: every page opened in headless Chromium against a running app.

Run: .venv/bin/python benchmarks/browser_pages.py [--db PATH] [--runs N]

For each page, N times (default 5) on a freshly started server (so its caches are cold), the
seconds until the script has finished, no element is still loading and every Plotly chart is
drawn; then the median and the worst. Each page is reached two ways: within the app, as in a
meeting (a click on the sidebar's page link; the client chosen by the first page's link),
and opened from a link (a bookmark or a new tab: the browser loads the whole app again). Then
eight views opened at once (eight browser windows, each with a different client, so no view
finds another's answers in the cache; each window's session started on the landing page, as a
user's does): the server process's CPU seconds per view until every script has run, and its
peak memory. Needs Debian's chromium.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings
from metrics import queries
from metrics.db import current
from metrics.scope import EVERYONE

CHROMIUM = "/usr/bin/chromium"
PAGES = {
    "Weekly review": "",
    "Client": "client?client={client}",
    "Project": "project?project={project}",
    "Delivery": "delivery",
    "Growth": "growth",
    "Billing": "billing",
    "What-if": "whatif",
    "Import": "import",
    "Data health": "data-health",
}
CONCURRENT_VIEWS = 8


@contextmanager
def app_server(pointer: str) -> Iterator[tuple[str, int]]:
    """The app on a free local port, on the warehouse at `pointer`: its URL and process id."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable, "-m", "streamlit", "run", str(settings.CODE / "serve.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    env = {**os.environ, settings.WAREHOUSE_VARIABLE: pointer}
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def script_done(page: Page) -> None:
    """Wait until the app's script has run to its end for this view."""
    page.wait_for_timeout(100)  # the run starts a moment after the page opens
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=120_000
    )


def settled(page: Page) -> None:
    """Wait until the script has run to its end, nothing is loading and every chart is drawn."""
    script_done(page)
    page.wait_for_function(
        """() => !document.querySelector("[data-testid='stSkeleton']")
            && [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
                .every(chart => chart.querySelector('.main-svg'))""",
        timeout=120_000,
    )


def open_view(page: Page, url: str) -> float:
    """Seconds until `url`, typed or followed from outside the app, has settled in `page`."""
    started = time.perf_counter()
    page.goto(url)
    settled(page)
    return time.perf_counter() - started


def click_view(page: Page, path: str) -> float:
    """Seconds until the page behind the sidebar link to `path` has settled after a click."""
    link = page.locator(f"[data-testid='stSidebarNav'] a[href$='/{path}']").first
    started = time.perf_counter()
    link.click()
    page.wait_for_url(f"**/{path}*")
    settled(page)
    return time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory so far, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    """Time every page cold, then eight views at once, and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="warehouse (default $STUDIO_DB or data/studio.duckdb)")
    parser.add_argument("--runs", type=int, default=5, choices=range(1, 100), metavar="N")
    args = parser.parse_args()
    pointer = str(settings.warehouse_path(args.db))
    warehouse = current(pointer)
    clients = list(queries.client_directory(warehouse, EVERYONE)["client"])
    project = next(iter(queries.every_project(warehouse, EVERYONE)))
    print(f"warehouse: {warehouse.version}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--disable-dev-shm-usage", "--disable-gpu"]
        )
        typed: dict[str, list[float]] = {name: [] for name in PAGES}
        clicked: dict[str, list[float]] = {name: [] for name in PAGES}
        for _ in range(args.runs):
            # Opened from a link (the whole app loads), each on a server just started; the first
            # view (the Import page, which runs no query of the others) starts the session.
            with app_server(pointer) as (base, _pid):
                page = browser.new_page(viewport={"width": 1600, "height": 1000})
                open_view(page, f"{base}/import")
                for name, path in PAGES.items():
                    url = f"{base}/{path.format(client=clients[0], project=project)}"
                    typed[name].append(open_view(page, url))
                page.close()
            # Within the app, as in a meeting, again on a cold server.
            with app_server(pointer) as (base, _pid):
                page = browser.new_page(viewport={"width": 1600, "height": 1000})
                # The client the Client page then shows, chosen by the link: the Import page's
                # filters are greyed out, and keep it for the pages after.
                open_view(page, f"{base}/import?{urlencode({'client': clients[0]})}")
                for name, path in PAGES.items():
                    clicked[name].append(click_view(page, path.split("?")[0]))
                page.close()
        for title, times in (("within the app", clicked), ("opened from a link", typed)):
            print(f"\nPage, cold cache, {title} ({args.runs} runs)   median    worst")
            for name, seconds in times.items():
                print(f"{name:40s} {statistics.median(seconds):6.2f} s {max(seconds):6.2f} s")
            every = [s for seconds in times.values() for s in seconds]
            print(f"{'All pages':40s} {statistics.median(every):6.2f} s {max(every):6.2f} s")

        with app_server(pointer) as (base, pid):
            # A window each (a tab in the background would not draw), the session started.
            pages = [browser.new_context().new_page() for _ in range(CONCURRENT_VIEWS)]
            for page in pages:
                open_view(page, base)
            before = cpu_seconds(pid)
            started = time.perf_counter()
            for page, client in zip(pages, clients, strict=False):
                page.goto(f"{base}/client?client={client}", wait_until="commit")
            for page in pages:
                script_done(page)
            wall = time.perf_counter() - started
            used = cpu_seconds(pid) - before
            print(
                f"\n{CONCURRENT_VIEWS} client views at once: {wall:.2f} s until every script "
                f"had run; "
                f"server CPU {used:.2f} s, {used / CONCURRENT_VIEWS:.3f} s per view; "
                f"server peak memory {peak_memory_mb(pid):,.0f} MB"
            )
        browser.close()


if __name__ == "__main__":
    main()
