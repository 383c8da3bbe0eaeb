"""Warehouse size after a full relink, against a fresh import of the same data.

Run: .venv/bin/python benchmarks/relink_size.py [--scale large]

1. Imports the demo studio (data/bench/SCALE/, written once) into a new warehouse.
2. Imports a one-row rate card naming a new person: the rate card is among what stored time
   entries link to (sql/links/fingerprint.sql), so every entry is linked again — the full relink
   a changed projects list, client alias or rate, or new link SQL after an upgrade, also causes.
3. Imports the same files and the same rate-card row into a second new warehouse.

Prints each version file's size, and the relinked one against the fresh one (issue #19: within
10%), with the time of each import.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.studio import SCALES, write_demo
from etl.load import load_files
from etl.warehouse import connect_read_only
from settings import bench_folder

AS_OF = date(2026, 11, 27)
NEW_RATE = (
    "Person,Role,Cost Rate,Bill Rate,Weekly Capacity Hours,Valid From\n"
    "Zed Relink,Designer,50.00,120.00,40,2020-01-01\n"
)


def imported(paths: list[Path], pointer: Path) -> tuple[int, float, str]:
    """Import `paths` into the warehouse at `pointer`: the new version's bytes, the seconds it
    took and the time-entry links' fingerprint it holds."""
    started = time.perf_counter()
    load_files(paths, pointer, echo=lambda _: None)
    seconds = time.perf_counter() - started
    version = pointer.resolve()
    con = connect_read_only(version)
    try:
        links = con.execute("SELECT value FROM settings WHERE key = 'time_links'").fetchall()
    finally:
        con.close()
    return version.stat().st_size, seconds, links[0][0]


def main() -> None:
    """Import, relink, import afresh, and print the sizes."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="large", choices=tuple(SCALES))
    args = parser.parse_args()
    exports = bench_folder() / args.scale
    if not (exports / "harvest_time_report.csv").exists():
        print(f"Writing the {args.scale} demo studio to {exports} …")
        write_demo(exports, scale=args.scale, as_of=AS_OF)
    workdir = Path(tempfile.mkdtemp(prefix="studio-relink-"))
    try:
        rate = workdir / "new_rate.csv"
        rate.write_text(NEW_RATE, encoding="utf-8")
        first, first_s, links = imported([exports], workdir / "a" / "studio.duckdb")
        relinked, relink_s, relinks = imported([rate], workdir / "a" / "studio.duckdb")
        assert relinks != links, "the new rate did not change the links' fingerprint"
        fresh, fresh_s, _ = imported([exports, rate], workdir / "b" / "studio.duckdb")
        mb = 2**20
        print(f"{exports} ({args.scale} demo studio)")
        print(f"fresh import:                     {first / mb:7.1f} MB  ({first_s:.1f} s)")
        print(f"after the full relink:            {relinked / mb:7.1f} MB  ({relink_s:.1f} s)")
        print(f"fresh import of the same data:    {fresh / mb:7.1f} MB  ({fresh_s:.1f} s)")
        growth = relinked / fresh - 1
        verdict = "within" if growth <= 0.10 else "OVER"
        print(f"relinked against fresh:           {growth:+7.1%}  ({verdict} the bound of +10%)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
