"""python -m reports weekly|monthly|backtest: the weekly status report, the monthly client
workbook, and how accurate the revenue forecast has been.

Run by whoever holds the warehouse file, so it sees every client (no sign-in scope)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from metrics import forecast, queries
from metrics.db import Warehouse, current
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
    backtest = commands.add_parser(
        "backtest",
        help="how accurate the revenue forecast has been, beside two naive methods",
        description="For each of the last N month-ends, forecast each client's earned revenue "
        "for the next 3 and 6 months from what was known then, and print the WAPE of the "
        "forecast, of the same months last year and of the trailing 3-month average.",
    )
    backtest.add_argument("--db", help="warehouse path (default: $STUDIO_DB or data/studio.duckdb)")
    backtest.add_argument(
        "--months",
        type=int,
        default=forecast.BACKTEST_MONTHS,
        help=f"month-ends to forecast from (default {forecast.BACKTEST_MONTHS})",
    )
    backtest.add_argument(
        "--as-of", type=date.fromisoformat, help="YYYY-MM-DD (default: last day with data)"
    )
    return main


def backtest_lines(warehouse: Warehouse, months: int, as_of: date | None) -> list[str]:
    """One line per method and horizon: `METHOD h=H WAPE=0.123 clients=N`."""
    if warehouse.empty:
        return ["No warehouse yet: import exports first (studio load FILES)."]
    as_of = as_of or queries.data_span(warehouse)[1]
    if as_of is None:
        return ["The warehouse holds no time or invoices yet: nothing to backtest."]
    rows = forecast.accuracy(warehouse, EVERYONE, as_of, max(months, 1))
    if rows.empty:
        return [f"Not enough history before {as_of} for a backtest."]
    return [
        f"{row.method} h={row.horizon} WAPE={row.wape:.3f} clients={row.clients}"
        for row in rows.itertuples()
    ]


def main(argv: list[str] | None = None) -> int:
    """Build the report asked for and write it; 2 with a message when it cannot be made."""
    args = parser().parse_args(argv)
    if args.command == "backtest":
        print("\n".join(backtest_lines(current(args.db), args.months, args.as_of)))
        return 0
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
