"""Page speed: each page run headless (Streamlit AppTest, caches cleared) on a warehouse.

Run: .venv/bin/python benchmarks/page_speed.py [--db PATH]. Prints seconds per page, best of
three cold runs, for the default filters (last 4 weeks) and a client deep link.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings
from metrics.db import current, forget

DEFAULT_PAGE = "app_pages/weekly_review.py"
PAGES = {
    "Weekly review": ("app_pages/weekly_review.py", {}),
    "Client": ("app_pages/client.py", {"client": "Northwind Grocers"}),
    "Project": ("app_pages/project.py", {}),
    "Delivery": ("app_pages/delivery.py", {}),
    "Growth": ("app_pages/growth.py", {}),
    "Billing": ("app_pages/billing.py", {}),
    "What-if": ("app_pages/whatif.py", {}),
    "Import": ("app_pages/import_files.py", {}),
    "Data health": ("app_pages/data_health.py", {}),
}


def time_page(page: str, params: dict[str, str]) -> float:
    """Seconds to run `page` once with empty caches (the app's shared sidebar included)."""
    app = AppTest.from_file(str(settings.CODE / "app.py"), default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    forget()
    started = time.perf_counter()
    app.run()  # the landing page
    if page != DEFAULT_PAGE:
        forget()
        started = time.perf_counter()
        app.switch_page(page).run()
    if app.exception:
        raise RuntimeError(f"{page}: {app.exception[0].message}")
    return time.perf_counter() - started


def main() -> None:
    """Time every page and print a table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="warehouse (default $STUDIO_DB or data/studio.duckdb)")
    args = parser.parse_args()
    if args.db:
        os.environ[settings.WAREHOUSE_VARIABLE] = args.db
    warehouse = current()
    print(f"warehouse: {warehouse.version}")
    for name, (page, params) in PAGES.items():
        best = min(time_page(page, params) for _ in range(3))
        print(f"{name:15s} {best:5.2f} s")


if __name__ == "__main__":
    main()
