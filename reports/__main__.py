"""python -m reports weekly|monthly: the weekly status report and the monthly client workbook.

Run by whoever holds the warehouse file, so it sees every client (no sign-in scope)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from metrics.db import current
from metrics.scope import EVERYONE
from reports import files
from reports.scope import ReportError

ERROR = 2


def _month(text: str) -> date:
    """A YYYY-MM argument as the first day of that month."""
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}") from error


def parser() -> argparse.ArgumentParser:
    """The command line: one subcommand per report."""
    main = argparse.ArgumentParser(prog="python -m reports", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    weekly = commands.add_parser(
        "weekly",
        help="weekly account status for a client or an account manager's portfolio",
        description="Weekly account status report; the format follows the extension of --out "
        f"({', '.join(files.WEEKLY_FORMATS)}).",
    )
    weekly.add_argument("--db", help="warehouse path (default: $STUDIO_DB or data/studio.duckdb)")
    who = weekly.add_mutually_exclusive_group(required=True)
    who.add_argument("--client", help="client name")
    who.add_argument("--manager", help="account manager name: the whole portfolio")
    weekly.add_argument(
        "--as-of", type=date.fromisoformat, help="YYYY-MM-DD (default: last day with data)"
    )
    weekly.add_argument("--out", required=True, type=Path, help="output file: .pptx, .md or .pdf")
    monthly = commands.add_parser(
        "monthly",
        help="monthly client report workbook",
        description="Monthly client report as an Excel workbook.",
    )
    monthly.add_argument("--db", help="warehouse path (default: $STUDIO_DB or data/studio.duckdb)")
    monthly.add_argument("--client", required=True, help="client name")
    monthly.add_argument("--month", required=True, type=_month, help="YYYY-MM")
    monthly.add_argument("--out", required=True, type=Path, help="output file (.xlsx)")
    return main


def main(argv: list[str] | None = None) -> int:
    """Build the report asked for and write it; 2 with a message when it cannot be made."""
    args = parser().parse_args(argv)
    try:
        warehouse = current(args.db)
        if args.command == "weekly":
            data = files.weekly(
                warehouse, args.out.suffix, args.client, args.manager, args.as_of, scope=EVERYONE
            )
        else:
            if args.out.suffix.lower() != ".xlsx":
                raise ReportError(
                    f"The monthly report is a workbook: --out must end in .xlsx, not "
                    f"{args.out.name!r}."
                )
            data = files.monthly(warehouse, args.client, args.month, scope=EVERYONE)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return ERROR
    args.out.write_bytes(data)
    print(f"Wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
