"""The weekly status delivered on a schedule: the schedule file (who gets which report, on which
weekday), the send log (one JSON line per recipient of every sending) and what is due: each
report of the last time its weekday came, until it has gone (a week missed is made up)."""

from __future__ import annotations

import fcntl
import json
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from metrics.db import Warehouse
from reports import mail
from reports.mail import Letter, Order
from reports.scope import ReportError, data_end
from settings import SmtpServer

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ENTRY_KEYS = ("client", "manager", "to", "format", "weekday")
SCHEDULE_EXAMPLE = (
    '[[report]]\nclient = "Acme"\nto = ["director@studio.example"]\nweekday = "monday"'
)

# A transport is the SMTP server, or the outbox folder the messages are written to instead.
Transport = SmtpServer | Path


@dataclass(frozen=True)
class Entry:
    """One report of the schedule: what to send to whom, the weekday it goes on (0 is Monday)
    and its place in the file (1 is the first [[report]])."""

    order: Order
    weekday: int
    number: int


def period(day: date) -> str:
    """The period a weekly report is sent once in: the ISO week of `day`, as '2026-W48'."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def delivered(transport: Transport) -> str:
    """The log's result for a message that went: 'sent' by SMTP, 'written' to an outbox. Each
    counts only for its own kind of run, so trying a schedule with --outbox sends nothing less."""
    return "written" if isinstance(transport, Path) else "sent"


def read_schedule(path: Path) -> list[Entry]:
    """The entries of the schedule file at `path`; an error naming the file, the entry and what
    was expected when it cannot be read."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(
            f"No schedule file at {path}: write one (README, 'Sending the weekly status by "
            "e-mail'), or name it with --schedule FILE or $STUDIO_SCHEDULE."
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"Cannot read the schedule file {path}: {error}.") from error
    except tomllib.TOMLDecodeError as error:
        raise ReportError(f"The schedule file {path} is not valid TOML: {error}.") from error
    reports = data.get("report")
    if set(data) != {"report"} or not isinstance(reports, list) or not reports:
        raise ReportError(
            f"The schedule file {path} should hold [[report]] tables and nothing else, e.g.\n"
            f"{SCHEDULE_EXAMPLE}"
        )
    return [_entry(table, number, path) for number, table in enumerate(reports, 1)]


def _entry(table: dict[str, object], number: int, path: Path) -> Entry:
    """The schedule's [[report]] number `number`, checked key by key."""

    def wrong(what: str) -> ReportError:
        return ReportError(f"{path}, [[report]] number {number}: {what}")

    unknown = sorted(set(table) - set(ENTRY_KEYS))
    if unknown:
        raise wrong(f"unknown key {unknown[0]!r}; the keys are {', '.join(ENTRY_KEYS)}.")
    client, manager = table.get("client"), table.get("manager")
    if (client is None) == (manager is None):
        raise wrong('expected either client = "NAME" or manager = "NAME" (one of them).')
    name = client if client is not None else manager
    if not isinstance(name, str) or not name.strip():
        raise wrong("the client or manager should be a name in quotes.")
    to = table.get("to")
    if not isinstance(to, list) or not to or not all(isinstance(a, str) for a in to):
        raise wrong('expected to = ["name@example.com", …], a list of addresses.')
    try:
        addresses = tuple(mail.address(a) for a in to)
    except ReportError as error:
        raise wrong(str(error)) from error
    kind = table.get("format", "pptx")
    if kind not in mail.FORMATS:
        raise wrong(f"format should be one of {', '.join(mail.FORMATS)}, not {kind!r}.")
    weekday = table.get("weekday")
    if not isinstance(weekday, str) or weekday.strip().lower() not in WEEKDAYS:
        raise wrong(f"weekday should be a day of the week (monday … sunday), not {weekday!r}.")
    order = Order(
        client.strip() if isinstance(client, str) else None,
        manager.strip() if isinstance(manager, str) else None,
        addresses,
        mail.FORMATS[kind],
    )
    return Entry(order, WEEKDAYS.index(weekday.strip().lower()), number)


@contextmanager
def locked(log: Path) -> Iterator[None]:
    """The send log held for one run, so two runs at once (cron and a hand, or a slow run and
    the next) cannot both find a report unsent and both send it."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_log(log: Path) -> list[dict[str, str]]:
    """Every row of the send log (none when there is no log yet)."""
    if not log.exists():
        return []
    rows = []
    for line in log.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut short by a killed run: that sending is not known to have gone
    return rows


def append(log: Path, rows: list[dict[str, str]]) -> None:
    """Add `rows` to the end of the send log."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _same(a: str | None, b: str | None) -> bool:
    """Two names (or addresses) alike but for case; both missing counts as alike."""
    return (a or "").casefold() == (b or "").casefold()


def due_day(entry: Entry, today: date) -> date:
    """The day the report of `entry` due on `today` was due: the last day up to `today` that
    falls on its weekday (last week's before the weekday comes this week)."""
    return today - timedelta(days=(today.weekday() - entry.weekday) % 7)


def pending(entry: Entry, rows: list[dict[str, str]], today: date, done: str) -> tuple[str, ...]:
    """The recipients of `entry` still to get the report due on `today` (that of the week of
    `due_day`): those without a `done` row of this report in the log for that week. So a failed
    sending is tried again, a week missed goes after it ended, and one delivered is not
    repeated."""
    order, week = entry.order, period(due_day(entry, today))
    return tuple(
        to
        for to in order.to
        if not any(
            row.get("result") == done
            and row.get("period") == week
            and row.get("format") == order.suffix.lstrip(".")
            and _same(row.get("client"), order.client)
            and _same(row.get("manager"), order.manager)
            and _same(row.get("to"), to)
            for row in rows
        )
    )


def _row(order: Order, to: str, week: str, result: str, **details: str) -> dict[str, str]:
    """One line of the send log: when, the week the report is for, which report (as of which
    day, under which subject and file name), to whom, through what (server or .eml file), how
    it went and why not."""
    return {
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "period": week,
        "report": "weekly",
        "client": order.client or "",
        "manager": order.manager or "",
        "format": order.suffix.lstrip("."),
        **dict.fromkeys(("as_of", "subject", "file"), ""),
        "to": to,
        "via": "",
        "result": result,
        "error": "",
        **details,
    }


def deliver(letter: Letter, order: Order, transport: Transport, week: str) -> list[dict[str, str]]:
    """Send `letter`, the report for `week`, through the SMTP server (or write it to the outbox
    folder) and return its log rows, one per recipient: delivered, or failed with the server's
    (or system's) reply."""
    # The names as the warehouse spells them, so the log agrees with the report.
    order = Order(letter.filters.client, letter.filters.manager, order.to, order.suffix)
    details = {
        "as_of": letter.filters.as_of.isoformat(),
        "subject": str(letter.message["Subject"]),
        "file": letter.file,
    }
    via = str(transport) if isinstance(transport, Path) else f"{transport.host}:{transport.port}"
    try:
        if isinstance(transport, Path):
            via, refused = str(mail.write_eml(letter.message, transport, letter.file)), {}
        else:
            refused = mail.smtp_send(letter.message, transport)
    except OSError as error:  # a server down or an outbox that cannot be written: none got it
        refused = dict.fromkeys(order.to, mail.error_line(error))
    return [
        _row(order, to, week, "failed", via=via, error=refused[to], **details)
        if to in refused
        else _row(order, to, week, delivered(transport), via=via, **details)
        for to in order.to
    ]


def send_due(
    warehouse: Warehouse,
    entries: list[Entry],
    transport: Transport,
    from_: str,
    log: Path,
    today: date,
) -> list[dict[str, str]]:
    """Send each entry of the schedule's report due on `today` to the recipients still waiting
    for it, at most one report an entry, and log every sending as it goes (a report that cannot
    be made or sent is logged as failed for each of them, and the run goes on); the rows
    logged."""
    logged = []
    with locked(log):
        rows = read_log(log)
        for entry in entries:
            to = pending(entry, rows, today, delivered(transport))
            if not to:
                continue
            order = Order(entry.order.client, entry.order.manager, to, entry.order.suffix)
            day = due_day(entry, today)
            week = period(day)
            try:
                # A week gone by gets the report it was due, not one running into the new week.
                as_of = None if week == period(today) else min(day, data_end(warehouse))
                letter = mail.weekly_letter(warehouse, order, as_of, from_)
            except (ReportError, OSError) as error:
                done = [_row(order, a, week, "failed", error=mail.error_line(error)) for a in to]
            else:
                done = deliver(letter, order, transport, week)
            append(log, done)
            logged += done
    return logged
