"""Import speed: `python -m etl load` of the large demo time report vs DuckDB reading the same CSV.

Run: .venv/bin/python benchmarks/import_speed.py [--scale large]. Prints both times and the ratio
(SPEC §6 target: import ≤ 2× DuckDB's own read into a table).
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo.studio import SCALES, write_demo
from etl.load import load_files
from settings import bench_folder

AS_OF = date(2026, 11, 27)


def duckdb_alone(csv: Path, workdir: Path) -> float:
    """Seconds for DuckDB to read the CSV into a table of a new database file, on disk."""
    started = time.perf_counter()
    con = duckdb.connect(str(workdir / "raw.duckdb"))
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv($p)", {"p": str(csv)})
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - started


def our_import(csv: Path, workdir: Path) -> float:
    """Seconds for the full import of the CSV into a new warehouse (parse, validate, views)."""
    started = time.perf_counter()
    load_files([csv], workdir / "studio.duckdb", echo=lambda _: None)
    return time.perf_counter() - started


def main() -> None:
    """Generate the demo export once, then time both loads (best of three each)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="large", choices=tuple(SCALES))
    args = parser.parse_args()
    exports = bench_folder() / args.scale
    csv = exports / "harvest_time_report.csv"
    if not csv.exists():
        print(f"Writing the {args.scale} demo studio to {exports} …")
        write_demo(exports, scale=args.scale, as_of=AS_OF)
    rows = sum(1 for _ in csv.open()) - 1
    raw, ours = [], []
    for _ in range(3):
        workdir = Path(tempfile.mkdtemp())
        raw.append(duckdb_alone(csv, workdir))
        ours.append(our_import(csv, workdir))
        shutil.rmtree(workdir)
    print(f"machine: {platform.machine()}, {duckdb.__version__=}, rows={rows:,}")
    print(f"DuckDB read_csv into a table: {min(raw):.2f} s (best of 3)")
    print(f"python -m etl load:           {min(ours):.2f} s (best of 3)")
    print(f"ratio import / raw read:      {min(ours) / min(raw):.2f}")


if __name__ == "__main__":
    main()
