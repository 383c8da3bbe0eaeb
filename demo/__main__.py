"""`python -m demo`: write the demo studio's export files and import them."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from demo.studio import SCALES, write_demo
from etl import cli
from settings import demo_folder


def _parser() -> argparse.ArgumentParser:
    """The demo command's arguments."""
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", choices=tuple(SCALES), default="small")
    parser.add_argument("--out", type=Path, help="folder for the export files (data/demo)")
    parser.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=date.today(), help="the demo's today"
    )
    parser.add_argument("--no-load", action="store_true", help="write the files only")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Write the demo studio's exports (and import them unless --no-load); the exit code."""
    args = _parser().parse_args(argv)
    out = args.out or demo_folder()
    files = write_demo(out, seed=args.seed, scale=args.scale, as_of=args.as_of)
    print(f"Wrote {len(files)} demo export files to {out}")
    return 0 if args.no_load else cli.load(files, args.db, {})


if __name__ == "__main__":
    sys.exit(main())
