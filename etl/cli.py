"""Command line of the import path: `python -m etl load FILE_OR_DIR...`, `rollback`, `rebuild`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from etl import profiles
from etl.load import ImportFailure, load_files, rebuild
from etl.warehouse import roll_back
from settings import warehouse_path


def _parser() -> argparse.ArgumentParser:
    """Arguments of the three commands."""
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
    load.add_argument(
        "--complete",
        action="store_true",
        help="each file is the complete export of its format for its dates: it replaces every "
        "earlier row of that format in those dates, also rows deleted at the source (by default "
        "only the clients, projects and people it holds are replaced)",
    )
    load.add_argument(
        "--wait",
        type=float,
        default=300,
        metavar="SECONDS",
        help="how long to wait for an import already running (300)",
    )
    rebuild = commands.add_parser("rebuild", help="rebuild the views after an upgrade")
    rebuild.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    rebuild.add_argument(
        "--if-stale", action="store_true", help="only when the views come from older SQL files"
    )
    rollback = commands.add_parser("rollback", help="undo the last import")
    rollback.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    rollback.add_argument(
        "--run",
        type=int,
        help="undo only if the last import is this run (see Data health → Import history)",
    )
    return parser


def load(paths: list[Path], db: str | None, settings: dict[str, str], **options: Any) -> int:
    """Import and print what happened to each file; a clear message and exit 1 when it fails."""
    for file_name, why in profiles.unusable():
        print(f"Column-mapping profile {file_name} is skipped: {why}.", file=sys.stderr)
    try:
        results = load_files(
            paths, warehouse_path(db), progress=sys.stdout.isatty(), settings=settings, **options
        )
    except ImportFailure as exc:
        print(f"Import failed, nothing was changed: {exc}", file=sys.stderr)
        return 1
    read = sum(r.rows_read for r in results)
    rejected = sum(r.rows_rejected for r in results)
    skipped = sum(r.rows_skipped for r in results)
    replaced = sum(r.rows_replaced for r in results)
    print(
        f"Imported {len(results)} file(s): {read:,} rows read, {rejected:,} rejected, "
        f"{skipped:,} skipped; {replaced:,} earlier rows replaced."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = _parser().parse_args(argv)
    if args.command == "load":
        chosen = {"reporting_currency": args.currency, "payment_term_days": args.payment_term}
        settings = {key: str(value) for key, value in chosen.items() if value is not None}
        return load(
            args.paths,
            args.db,
            settings,
            date_order=args.date_order,
            complete=args.complete,
            wait=args.wait,
        )
    if args.command == "rollback":
        try:
            undone = roll_back(warehouse_path(args.db), run=args.run)
        except ValueError as exc:
            print(f"Nothing was undone: {exc}", file=sys.stderr)
            return 1
        print(undone)
        return 0
    try:
        rebuild(warehouse_path(args.db), if_stale=args.if_stale)
    except ImportFailure as exc:
        print(f"Rebuild failed, nothing was changed: {exc}", file=sys.stderr)
        return 1
    return 0
