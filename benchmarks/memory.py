"""Peak memory: importing the huge demo studio, and the app server opening every page on it.

Run: .venv/bin/python benchmarks/memory.py [--scale huge] [--db PATH] [--skip-import]

1. `python -m etl load` of the studio's export files (data/bench/SCALE/, written once: the huge
   studio takes about 10 minutes) into a new warehouse in a temporary folder, as a process of its
   own: its peak resident memory as `/usr/bin/time -v` reports it (the kernel's maximum resident
   set size of the process; the workbook reader's child process is counted apart, as by `time`).
2. The app (`streamlit run serve.py`, as `studio run` serves it) started cold on that warehouse
   (or on `--db`), every page opened once in headless Chromium: the server process's peak
   resident memory (VmHWM) after each page, then after eight client views at once.

The bound of issue #19: 1 GB for each (the DuckDB memory limit is settings.memory_limit(),
$STUDIO_MEMORY_LIMIT).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb
from browser_pages import CHROMIUM, CONCURRENT_VIEWS, PAGES, app_server, open_view, settled

import settings
from demo.studio import SCALES, write_demo
from metrics import queries
from metrics.db import current
from metrics.scope import EVERYONE

AS_OF = date(2026, 11, 27)
BOUND_MB = 1024


def import_peak(exports: Path, pointer: Path) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of `python -m etl load` of `exports` into a new
    warehouse at `pointer`, run as a process of its own."""
    command = [sys.executable, "-m", "etl", "load", "--db", str(pointer), str(exports)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=settings.CODE, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the import failed (exit {process.returncode})")
    return usage.ru_maxrss / 1024, seconds  # Linux reports kilobytes


def resident_mb(pid: int, field: str = "VmHWM") -> float:
    """A memory figure of the process from /proc/PID/status (VmHWM: its peak so far), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def row(what: str, seconds: float | None, pid: int) -> str:
    """One line of the server table: what was opened, its seconds, the peak and resident MB."""
    took = f"{seconds:7.2f}" if seconds is not None else " " * 7
    return f"{what:36s} {took}  {resident_mb(pid):7,.0f} ({resident_mb(pid, 'VmRSS'):,.0f})"


def server_peaks(pointer: str) -> float:
    """Print the app server's peak memory after each page is opened once, then after eight
    client views at once; return the peak."""
    warehouse = current(pointer)
    clients = list(queries.client_directory(warehouse, EVERYONE)["client"])
    project = next(iter(queries.every_project(warehouse, EVERYONE)))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--disable-dev-shm-usage", "--disable-gpu"]
        )
        with app_server(pointer) as (base, pid):
            print("\nApp server, cold, each page once     seconds  peak MB (resident now)")
            print(row("started", None, pid))
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            for name, path in PAGES.items():
                url = f"{base}/{path.format(client=clients[0], project=project)}"
                print(row(name, open_view(page, url), pid))
            page.close()
            pages = [browser.new_page(viewport={"width": 1600, "height": 1000})
                     for _ in range(CONCURRENT_VIEWS)]  # fmt: skip
            started = time.perf_counter()
            for page, client in zip(pages, clients[1:], strict=False):
                page.goto(f"{base}/client?client={client}", wait_until="commit")
            label = f"{CONCURRENT_VIEWS} client views at once"
            try:
                for page in pages:
                    settled(page)
                print(row(label, time.perf_counter() - started, pid))
            except PlaywrightTimeout:  # a busy machine: the memory figure still stands
                print(row(f"{label} (not all settled)", time.perf_counter() - started, pid))
            peak = resident_mb(pid)
        browser.close()
    verdict = "within" if peak <= BOUND_MB else "OVER"
    print(f"server peak memory: {peak:,.0f} MB ({verdict} the bound of {BOUND_MB:,} MB)")
    return peak


def main() -> None:
    """Import the studio as a process of its own, then serve it; print both peaks."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="huge", choices=tuple(SCALES))
    parser.add_argument("--db", help="serve this warehouse instead of the one just imported")
    parser.add_argument("--skip-import", action="store_true", help="only the app server (--db)")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
        f"duckdb {duckdb.__version__}; memory limit {settings.memory_limit()}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="studio-memory-"))
    try:
        pointer = workdir / "studio.duckdb"
        if not args.skip_import:
            exports = settings.bench_folder() / args.scale
            if not (exports / "harvest_time_report.csv").exists():
                print(f"Writing the {args.scale} demo studio to {exports} …")
                write_demo(exports, scale=args.scale, as_of=AS_OF)
            peak, seconds = import_peak(exports, pointer)
            verdict = "within" if peak <= BOUND_MB else "OVER"
            print(
                f"import of {exports}: {seconds:.1f} s, peak memory {peak:,.0f} MB "
                f"({verdict} the bound of {BOUND_MB:,} MB)"
            )
        elif not args.db:
            parser.error("--skip-import needs --db")
        server_peaks(str(settings.warehouse_path(args.db) if args.db else pointer))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
