"""python -m reports weekly|monthly|backtest|send: the weekly status report, the monthly client
workbook, how accurate the revenue forecast has been, and the weekly status by e-mail.

Run by whoever holds the warehouse file, so it sees every client (no sign-in scope)."""

from __future__ import annotations

import argparse
import itertools
import sys
from datetime import date, datetime
from pathlib import Path

from metrics import forecast, queries
from metrics.db import Warehouse, current
from metrics.scope import EVERYONE
from reports import delivery, files, mail
from reports.scope import ReportError
from settings import schedule_file, send_log

ERROR = 2
FAILED = 1  # a sending the server refused or could not take: tried again by the next --due


def _month(text: str) -> date:
    """A YYYY-MM argument as the first day of that month."""
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, got {text!r}") from error


def _address(text: str) -> str:
    """An e-mail address argument."""
    try:
        return mail.address(text)
    except ReportError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


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
    send = commands.add_parser(
        "send",
        help="e-mail the weekly status now, or every report of the schedule that is due",
        description="E-mail the weekly status (the summary in the body, the report attached) "
        "through the SMTP server of $STUDIO_SMTP_HOST, or with --due each report of the "
        "schedule file that has not gone for the last time its weekday came (this week's, or "
        "last week's before the weekday comes: a week missed is made up). Each sending is "
        "logged in $STUDIO_SEND_LOG (default data/sent.jsonl).",
    )
    send.add_argument("--db", help="warehouse path (default: $STUDIO_DB or data/studio.duckdb)")
    what = send.add_mutually_exclusive_group(required=True)
    what.add_argument("--client", help="client name")
    what.add_argument("--manager", help="account manager name: the whole portfolio")
    what.add_argument("--due", action="store_true", help="the schedule's reports due today")
    send.add_argument(
        "--to", action="append", type=_address, metavar="ADDRESS", help="recipient (repeatable)"
    )
    send.add_argument("--format", choices=list(mail.FORMATS), help="attachment (default: pptx)")
    send.add_argument(
        "--as-of", type=date.fromisoformat, help="YYYY-MM-DD (default: last day with data)"
    )
    send.add_argument(
        "--schedule",
        type=Path,
        help="with --due: the schedule file (default: $STUDIO_SCHEDULE or data/schedule.toml)",
    )
    send.add_argument(
        "--outbox", type=Path, metavar="DIR", help="write the messages into DIR as .eml files"
    )
    return main


def _send_usage(args: argparse.Namespace) -> str:
    """What is wrong with the send command's options ('' when nothing)."""
    if args.due and (args.to or args.format or args.as_of):
        return (
            "--due sends what the schedule file says: --to, --format and --as-of name one report."
        )
    if not args.due and args.schedule:
        return "--schedule goes with --due."
    if not args.due and not args.to:
        return "Name a recipient with --to ADDRESS (repeat it for more)."
    return ""


def send(args: argparse.Namespace) -> int:
    """Send one weekly status now, or the schedule's reports due today, and log each sending;
    1 when one failed (the server's reply on stderr)."""
    problem = _send_usage(args)
    if problem:
        raise ReportError(problem)
    entries = delivery.read_schedule(args.schedule or schedule_file()) if args.due else []
    from_ = mail.sender()
    transport = args.outbox or mail.server()
    warehouse, log, today = current(args.db), send_log(), date.today()
    if args.due:
        rows = delivery.send_due(warehouse, entries, transport, from_, log, today)
        if not rows:
            print(
                f"Nothing due on {today:%A %-d %b %Y}: each of the {len(entries)} reports of the "
                "schedule has gone for the last time its weekday came."
            )
    else:
        to = tuple(dict.fromkeys(args.to))  # a recipient named twice gets one message
        order = mail.Order(args.client, args.manager, to, mail.FORMATS[args.format or "pptx"])
        letter = mail.weekly_letter(warehouse, order, args.as_of, from_)
        with delivery.locked(log):
            rows = delivery.deliver(letter, order, transport, delivery.period(today))
            delivery.append(log, rows)
    for line, failed in sending_lines(rows):
        print(line, file=sys.stderr if failed else sys.stdout)
    return FAILED if any(row["result"] == "failed" for row in rows) else 0


def sending_lines(rows: list[dict[str, str]]) -> list[tuple[str, bool]]:
    """One line per message from the send log's rows, and whether it failed: 'Sent FILE to A, B
    (HOST:PORT)', 'Wrote PATH for A, B' or 'error: …: the server's reply'."""
    lines = []
    for (result, file, via, error, who), group in itertools.groupby(
        rows,
        key=lambda r: (r["result"], r["file"], r["via"], r["error"], r["client"] or r["manager"]),
    ):
        to = ", ".join(row["to"] for row in group)
        if result == "sent":
            lines.append((f"Sent {file} to {to} ({via})", False))
        elif result == "written":
            lines.append((f"Wrote {via} for {to}", False))
        else:
            lines.append((f"error: the weekly status of {who} to {to} failed: {error}", True))
    return lines


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


def _write(path: Path, data: bytes) -> None:
    """`data` written to the file at `path`; an error naming the file and why it cannot be."""
    try:
        path.write_bytes(data)
    except OSError as error:
        raise ReportError(f"Cannot write {path}: {error.strerror or error}.") from error


def main(argv: list[str] | None = None) -> int:
    """Build the report asked for and write it (or send it); 2 with a message when it cannot be
    made, 1 when a sending failed."""
    args = parser().parse_args(argv)
    if args.command == "backtest":
        print("\n".join(backtest_lines(current(args.db), args.months, args.as_of)))
        return 0
    try:
        if args.command == "send":
            return send(args)
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
        _write(args.out, data)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return ERROR
    print(f"Wrote {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
