"""Command line: `python -m etl load FILE_OR_DIR...`, `rollback`, `rebuild` and `demo`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from etl.load import ImportFailure, load_files, rebuild
from etl.warehouse import ROOT, db_path, roll_back

DEMO_DIR = ROOT / "data" / "demo"


def _parser() -> argparse.ArgumentParser:
    """Arguments of both commands."""
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="import export files (CSV/XLSX) into the warehouse")
    load.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    load.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    load.add_argument(
        "--date-order", choices=("dmy", "mdy"), help="for files whose dates fit both orders"
    )
    load.add_argument(
        "--currency", type=str.upper, help="reporting currency (default: the first one in the data)"
    )
    load.add_argument(
        "--payment-term", type=int, help="days to pay invoices exported without a due date (30)"
    )
    rebuild = commands.add_parser("rebuild", help="rebuild the views after an upgrade")
    rebuild.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    rebuild.add_argument(
        "--if-stale", action="store_true", help="only when the views come from older SQL files"
    )
    rollback = commands.add_parser("rollback", help="undo the last import")
    rollback.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    demo = commands.add_parser("demo", help="write the demo studio's exports and import them")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--scale", choices=("small", "large", "huge"), default="small")
    demo.add_argument("--out", type=Path, default=DEMO_DIR, help="folder for the export files")
    demo.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    demo.add_argument(
        "--as-of", type=date.fromisoformat, default=date.today(), help="the demo's today"
    )
    demo.add_argument("--no-load", action="store_true", help="write the files only")
    return parser


def _load(
    paths: list[Path], db: str | None, date_order: str | None, settings: dict[str, str]
) -> int:
    """Import and print one line per file; a clear message and exit 1 when a file fails."""
    try:
        results = load_files(
            paths, db_path(db), date_order, progress=sys.stdout.isatty(), settings=settings
        )
    except ImportFailure as exc:
        print(f"Import failed, nothing was changed: {exc}", file=sys.stderr)
        return 1
    read = sum(r.rows_read for r in results)
    rejected = sum(r.rows_rejected for r in results)
    print(f"Imported {len(results)} file(s): {read:,} rows read, {rejected:,} rejected.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    if args.command == "load":
        chosen = {"reporting_currency": args.currency, "payment_term_days": args.payment_term}
        settings = {key: str(value) for key, value in chosen.items() if value is not None}
        return _load(args.paths, args.db, args.date_order, settings)
    if args.command == "rollback":
        try:
            version = roll_back(db_path(args.db))
        except ValueError as exc:
            print(f"Nothing to roll back: {exc}", file=sys.stderr)
            return 1
        print(f"The warehouse is back at {version.name}.")
        return 0
    if args.command == "rebuild":
        try:
            rebuild(db_path(args.db), if_stale=args.if_stale)
        except ImportFailure as exc:
            print(f"Rebuild failed, nothing was changed: {exc}", file=sys.stderr)
            return 1
        return 0
    from etl.demo import write_demo  # only the demo command needs the generator

    files = write_demo(args.out, seed=args.seed, scale=args.scale, as_of=args.as_of)
    print(f"Wrote {len(files)} demo export files to {args.out}")
    return 0 if args.no_load else _load(files, args.db, None, {})


if __name__ == "__main__":
    sys.exit(main())
