"""The weekly status by e-mail (issue #20): `python -m reports send` against a local SMTP server
(aiosmtpd on 127.0.0.1, started and stopped by each test), the outbox, the send log and the
schedule's once-per-week rule, on the demo studio (and the hand-made one for odd names)."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import ipaddress
import json
import os
import re
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pandas as pd
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pptx import Presentation
from test_reports import imported, slide_texts, studio_copy

from metrics import periods, queries
from metrics.catalogue import kpi
from metrics.db import current
from metrics.queries import Filters
from metrics.scope import EVERYONE
from reports import content, delivery, files, mail, pdf
from reports.__main__ import main
from reports.scope import weekly_filters
from studio import DEMO_AS_OF, PROJECTS, ROOT, write_workbook

CLIENT = "Northwind Grocers"
DIRECTOR, MANAGER = "director@studio.example", "am@studio.example"
SCHEDULE = f"""
# The director's Monday deck, and the manager's Markdown.
[[report]]
client = "{CLIENT}"
to = ["{DIRECTOR}", "{MANAGER}"]
weekday = "Monday"
"""


class Inbox:
    """A local SMTP server's handler: the messages it took, and the replies it refuses with."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.refuse_data = ""  # e.g. '550 …': every message refused
        self.refuse_rcpt: set[str] = set()  # these recipients refused, the others served

    async def handle_RCPT(self, server, session, envelope, address, options) -> str:
        if address in self.refuse_rcpt:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse_data:
            return self.refuse_data
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The send log of this test; a sender; no SMTP server or login from the caller's setup."""
    for name in ("STUDIO_SMTP_HOST", "STUDIO_SMTP_PORT", "STUDIO_SMTP_USER",
                 "STUDIO_SMTP_PASSWORD", "STUDIO_SCHEDULE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STUDIO_MAIL_FROM", "Studio Accounts <reports@studio.example>")
    monkeypatch.setenv("STUDIO_SEND_LOG", str(tmp_path / "log" / "sent.jsonl"))
    return tmp_path / "log" / "sent.jsonl"


@pytest.fixture
def inbox(log: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A local SMTP server on 127.0.0.1 that $STUDIO_SMTP_HOST/PORT point at, for one test."""
    handler, port = Inbox(), free_port()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    monkeypatch.setenv("STUDIO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("STUDIO_SMTP_PORT", str(port))
    try:
        yield handler
    finally:
        server.stop()


@pytest.fixture
def schedule(tmp_path: Path) -> Path:
    """The schedule above in a file."""
    path = tmp_path / "schedule.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    return path


def logged(log: Path) -> list[dict[str, str]]:
    """The send log's rows."""
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def attachment(message: EmailMessage) -> tuple[str, bytes | str]:
    """The one attachment's file name and content (text for the Markdown)."""
    (part,) = list(message.iter_attachments())
    return part.get_filename(), part.get_content()


def page_figures(demo_db: Path, client: str, as_of: date) -> dict[str, list[str]]:
    """Each key figure as the Weekly review page works it out (client_period and receivables
    for the last 4 weeks and the 4 before), formatted as the catalogue shows it: the label, then
    the last 4 weeks, the 4 weeks before."""
    warehouse = current(str(demo_db))
    currency = queries.reporting_currency(warehouse)
    start, end = periods.resolve("Last 4 weeks", as_of)
    now = Filters(start=start, end=end, as_of=as_of, client=client)
    figures = {}
    for chosen in (now, now.previous()):
        _, total = queries.client_period(warehouse, chosen)
        _, owed = queries.receivables(warehouse, chosen)
        overdue = 0.0 if pd.isna(owed.get("overdue")) else owed.get("overdue")  # as the page
        if "overdue" in queries.unknown_balances(warehouse, chosen):  # Xero dates no payment
            overdue = None
        row = {**total.to_dict(), "overdue": overdue}
        for name, column in content.KEY_FIGURES.items():
            entry = kpi(name)
            figures.setdefault(name, [entry.label]).append(entry.format(row[column], currency))
    return figures


def test_send_delivers_the_deck_with_the_pages_figures(demo_db, inbox, log):
    done = subprocess.run(
        [sys.executable, "-m", "reports", "send", "--db", str(demo_db), "--client", CLIENT.lower(),
         "--to", DIRECTOR, "--to", MANAGER],
        cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    warehouse = current(str(demo_db))
    filters = weekly_filters(warehouse, CLIENT, None, None, EVERYONE)
    assert filters.as_of == DEMO_AS_OF  # the last day with data
    name = files.weekly_name(filters, ".pptx")
    assert done.stdout == f"Sent {name} to {DIRECTOR}, {MANAGER} ({inbox_address()})\n"
    ((recipients, message),) = inbox.messages
    assert recipients == [DIRECTOR, MANAGER]
    assert message["To"] == f"{DIRECTOR}, {MANAGER}"
    assert message["From"] == "Studio Accounts <reports@studio.example>"
    report = content.weekly(warehouse, filters)
    flags = "".join(f" · {alert}" for alert in report.alerts)
    assert message["Subject"] == f"Weekly status — {CLIENT} — week to 27 Nov 2026{flags}"
    body = message.get_body(("plain",)).get_content()
    summary = report.summary
    assert summary.startswith("Revenue ") and summary in body
    assert f"Attached: {name}, the full report as a PowerPoint deck (Summary; " in body
    file, data = attachment(message)
    assert file == name == "weekly-status-northwind-grocers-2026-11-27.pptx"
    texts = slide_texts(data)
    assert Presentation(io.BytesIO(data)).slides[0].shapes[0].text_frame.text.endswith(CLIENT)
    for label, period, before in page_figures(demo_db, CLIENT, DEMO_AS_OF).values():
        row = texts[texts.index(label) : texts.index(label) + 7]
        assert (row[4], row[5]) == (period, before), label
    (row,) = [r for r in logged(log) if r["to"] == DIRECTOR]
    assert row["result"] == "sent" and row["client"] == CLIENT and row["file"] == name
    assert row["period"] == delivery.period(date.today()) and row["error"] == ""


def inbox_address() -> str:
    """The local server as the log and the command name it."""
    return f"127.0.0.1:{os.environ['STUDIO_SMTP_PORT']}"


@pytest.fixture(scope="module")
def accented_db(studio_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made studio with Acme's account manager, Maya Patel, named Zoë Ålund."""
    folder = studio_copy(studio_dir, tmp_path_factory)
    clients = folder / "clients.csv"
    clients.write_text(clients.read_text().replace("Maya Patel", "Zoë Ålund"))
    projects = [tuple("Zoë Ålund" if v == "Maya Patel" else v for v in row) for row in PROJECTS]
    write_workbook(folder / "projects.xlsx", "Projects", projects)
    return imported(folder, tmp_path_factory)


def test_a_subject_with_accented_names_keeps_every_space(accented_db):
    order = mail.Order(None, "zoë ålund", (DIRECTOR,), ".md")
    letter = mail.weekly_letter(current(str(accented_db)), order, date(2026, 3, 2), DIRECTOR)
    data = letter.message.as_bytes()
    message = email.message_from_bytes(data, policy=email.policy.default)
    # Folded by Python's own rule, this subject read "…portfolio— week to 2 Mar 2026…".
    assert message["Subject"] == (
        "Weekly status — Zoë Ålund's portfolio — week to 2 Mar 2026 · 1 deliverable late"
    )
    assert max(len(line) for line in data.splitlines()) <= 78


LONG = "Very Long Client Name " + "Extraordinarily Lengthy Holdings " * 6 + "GmbH & Co. KG"
NORD, SUD = f"{LONG} Nord", f"{LONG} Süd"


@pytest.fixture(scope="module")
def long_names_db(studio_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made studio plus two clients of 200-odd characters alike but for their last
    word, each with 2 hours on 11 Feb 2026 (data to 2 Mar 2026)."""
    folder = studio_copy(studio_dir, tmp_path_factory)
    for name in (NORD, SUD):
        with (folder / "clients.csv").open("a", newline="") as out:
            csv.writer(out).writerow([name, "Maya Patel", ""])
        with (folder / "harvest_time.csv").open("a", newline="") as out:
            csv.writer(out).writerow(["2026-02-11", name, f"{name[-4:]} job", "", "Design", "",
                                      "2", "Yes", "No", "Ada", "Lovelace", "Designer", "", "",
                                      "Euro - EUR"])  # fmt: skip
    return imported(folder, tmp_path_factory)


def test_long_client_names_go_to_the_outbox_under_short_distinct_names(
    long_names_db, log, tmp_path, capsys
):
    outbox, schedule = tmp_path / "outbox", tmp_path / "long.toml"
    schedule.write_text("".join(
        f'[[report]]\nclient = "{name}"\nto = ["{DIRECTOR}"]\nformat = "md"\nweekday = "monday"\n'
        for name in (NORD, SUD)
    ))  # fmt: skip
    db = ["--db", str(long_names_db), "--outbox", str(outbox)]
    assert main(["send", "--client", NORD, "--to", MANAGER, *db]) == 0
    assert main(["send", "--due", "--schedule", str(schedule), *db]) == 0  # due all week
    assert capsys.readouterr().err == ""
    head = "weekly-status-very-long-client-name-extraordinarily-lengthy-holdings-extraordinarily"
    names = sorted(path.name for path in outbox.iterdir())
    assert len(names) == 3 and all(re.fullmatch(rf"{head}-[0-9a-f]{{8}}-2026-03-02(-2)?\.eml", n)
                                   for n in names)  # fmt: skip
    assert len({n.removesuffix("-2.eml").removesuffix(".eml") for n in names}) == 2  # Nord, Süd
    assert [(r["client"], r["to"], r["result"]) for r in logged(log)] == [
        (NORD, MANAGER, "written"), (NORD, DIRECTOR, "written"), (SUD, DIRECTOR, "written"),
    ]  # fmt: skip


def test_an_outbox_that_cannot_be_written_fails_each_report_and_the_run_goes_on(
    studio_db, log, tmp_path, capsys
):
    outbox, schedule = tmp_path / "outbox", tmp_path / "two.toml"
    outbox.write_text("a file where the folder should be")
    schedule.write_text(
        f'[[report]]\nclient = "Acme Corporation"\nto = ["{DIRECTOR}"]\nformat = "md"\n'
        'weekday = "monday"\n\n'
        f'[[report]]\nmanager = "Tom Becker"\nto = ["{MANAGER}"]\nformat = "md"\n'
        'weekday = "monday"\n'
    )
    db = ["--db", str(studio_db), "--outbox", str(outbox)]
    assert main(["send", "--client", "Acme Corporation", "--to", MANAGER, *db]) == 1
    assert main(["send", "--due", "--schedule", str(schedule), *db]) == 1  # due all week
    why = f"[Errno 17] File exists: '{outbox}'"
    assert capsys.readouterr() == ("", "".join(
        f"error: the weekly status of {who} to {to} failed: {why}\n"
        for who, to in (("Acme Corporation", MANAGER), ("Acme Corporation", DIRECTOR),
                        ("Tom Becker", MANAGER))
    ))  # fmt: skip
    assert [(r["to"], r["result"], r["via"], r["error"]) for r in logged(log)] == [
        (MANAGER, "failed", str(outbox), why), (DIRECTOR, "failed", str(outbox), why),
        (MANAGER, "failed", str(outbox), why),
    ]  # fmt: skip


def test_a_report_whose_font_cannot_be_read_fails_alone_and_the_next_goes(
    studio_db, log, tmp_path, monkeypatch, capsys
):
    fonts = tmp_path / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        (fonts / name).mkdir(parents=True)  # there, but folders: reading one fails
    monkeypatch.setattr(pdf, "FONT_DIR", fonts)
    schedule = tmp_path / "two.toml"
    schedule.write_text("".join(
        f'[[report]]\nclient = "Acme Corporation"\nto = ["{DIRECTOR}"]\nformat = "{kind}"\n'
        'weekday = "monday"\n'
        for kind in ("pdf", "md")
    ))  # fmt: skip
    due = ["send", "--due", "--db", str(studio_db), "--schedule", str(schedule), "--outbox",
           str(tmp_path / "outbox")]  # fmt: skip
    assert main(due) == 1
    assert capsys.readouterr().err == (
        f"error: the weekly status of Acme Corporation to {DIRECTOR} failed: [Errno 21] Is a "
        f"directory: '{fonts / 'DejaVuSans.ttf'}'\n"
    )
    assert [(r["format"], r["result"]) for r in logged(log)] == [
        ("pdf", "failed"),
        ("md", "written"),
    ]


def test_the_outbox_holds_eml_files_that_parse_back(demo_db, log, tmp_path, capsys):
    outbox = tmp_path / "outbox"
    args = ["send", "--db", str(demo_db), "--manager", "Marco Bianchi", "--to", DIRECTOR,
            "--format", "md", "--as-of", "2026-11-20", "--outbox", str(outbox)]  # fmt: skip
    assert main(args) == 0  # no SMTP server needed
    assert main(args) == 0  # a second message does not overwrite the first
    first, second = sorted(outbox.iterdir())
    assert (first.name, second.name) == (
        "weekly-status-marco-bianchi-2026-11-20-2.eml", "weekly-status-marco-bianchi-2026-11-20.eml",
    )  # fmt: skip
    message = email.message_from_bytes(second.read_bytes(), policy=email.policy.default)
    assert message["Subject"].startswith(
        "Weekly status — Marco Bianchi's portfolio — week to 20 Nov 2026"
    )
    file, data = attachment(message)
    assert file == "weekly-status-marco-bianchi-2026-11-20.md"
    assert data.startswith("# Weekly account status: Marco Bianchi's portfolio\n")  # text
    assert "Week to 20 Nov 2026 · last 4 weeks" in data  # UTF-8 kept
    assert f"Wrote {second} for {DIRECTOR}" in capsys.readouterr().out
    assert [r["result"] for r in logged(log)] == ["written", "written"]


def test_a_refused_send_exits_non_zero_is_logged_and_goes_with_the_next_due(
    demo_db, inbox, log, schedule, capsys
):
    due = ["send", "--due", "--db", str(demo_db), "--schedule", str(schedule)]
    inbox.refuse_data = "550 5.7.1 Relaying denied"
    assert main(due) == 1
    error = capsys.readouterr().err
    assert "failed: 550 5.7.1 Relaying denied" in error and DIRECTOR in error
    assert [(r["to"], r["result"]) for r in logged(log)] == [
        (DIRECTOR, "failed"), (MANAGER, "failed"),
    ]  # fmt: skip
    inbox.refuse_data = ""
    assert main(due) == 0
    assert [recipients for recipients, _ in inbox.messages] == [[DIRECTOR, MANAGER]]
    assert main(due) == 0  # the same week again: nothing more is sent
    assert len(inbox.messages) == 1
    assert "Nothing due on " in capsys.readouterr().out
    assert [r["result"] for r in logged(log)] == ["failed", "failed", "sent", "sent"]


def test_a_refused_recipient_alone_gets_the_report_on_the_next_due(
    demo_db, inbox, log, schedule, capsys
):
    due = ["send", "--due", "--db", str(demo_db), "--schedule", str(schedule)]
    inbox.refuse_rcpt = {MANAGER}
    assert main(due) == 1
    assert f"to {MANAGER} failed: 550 5.1.1 No such mailbox here" in capsys.readouterr().err
    inbox.refuse_rcpt = set()
    assert main(due) == 0
    assert [recipients for recipients, _ in inbox.messages] == [[DIRECTOR], [MANAGER]]


def test_a_server_that_is_not_there_is_a_clear_failure(demo_db, log, monkeypatch, capsys):
    monkeypatch.setenv("STUDIO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("STUDIO_SMTP_PORT", str(free_port()))
    args = ["send", "--db", str(demo_db), "--client", CLIENT, "--to", DIRECTOR, "--format", "md"]
    assert main(args) == 1
    assert "failed: [Errno 111] Connection refused" in capsys.readouterr().err
    assert [r["result"] for r in logged(log)] == ["failed"]


def test_the_schedule_sends_once_a_week_from_its_weekday(demo_db, inbox, log, tmp_path):
    path = tmp_path / "wednesday.toml"
    path.write_text(
        f'[[report]]\nmanager = "marco bianchi"\nto = ["{MANAGER}"]\nformat = "md"\n'
        'weekday = "wednesday"\n'
    )
    entries = delivery.read_schedule(path)
    server, warehouse = mail.server(), current(str(demo_db))

    def run(day: date) -> int:
        """Messages the run on `day` sent."""
        rows = delivery.send_due(warehouse, entries, server, mail.sender(), log, day)
        return len(rows)

    # Mon 30 Nov: last Wednesday's, never sent; Wed 2 Dec: this week's; Thu 3 Dec: already;
    # Mon 7 Dec: Wed 2 Dec's, already; Sat 12 Dec: this week's.
    assert [run(date(2026, m, d)) for m, d in ((11, 30), (12, 2), (12, 3), (12, 7), (12, 12))] == [
        1, 1, 0, 0, 1,
    ]  # fmt: skip
    # Last week's as of its Wednesday; this week's as of the last day with data.
    assert [(r["period"], r["as_of"]) for r in logged(log)] == [
        ("2026-W48", "2026-11-25"),
        ("2026-W49", "2026-11-27"),
        ("2026-W50", "2026-11-27"),
    ]
    assert logged(log)[0]["manager"] == "Marco Bianchi"  # as the warehouse spells the name
    assert len(inbox.messages) == 3


def test_a_week_failed_or_missed_goes_with_the_next_run_as_of_its_weekday(
    studio_db, inbox, log, tmp_path
):
    # A Friday report whose computer was off from Friday to Sunday is due on Monday.
    friday = delivery.Entry(mail.Order("Northwind Grocers", None, ("d@x.example",)), 4, 1)
    assert delivery.due_day(friday, date(2026, 12, 14)) == date(2026, 12, 11)
    assert delivery.pending(friday, [], date(2026, 12, 14), "sent") == ("d@x.example",)

    path = tmp_path / "late.toml"  # the hand-made studio has data to Mon 2 Mar 2026
    path.write_text(
        f'[[report]]\nclient = "Acme Corporation"\nto = ["{DIRECTOR}"]\nformat = "md"\n'
        'weekday = "friday"\n\n'
        f'[[report]]\nmanager = "Tom Becker"\nto = ["{MANAGER}"]\nformat = "md"\n'
        'weekday = "sunday"\n'
    )
    entries = delivery.read_schedule(path)
    server, warehouse = mail.server(), current(str(studio_db))

    def run(day: date) -> list[tuple[str, ...]]:
        """Who, for which week, as of which day and how, for each message of the run on `day`."""
        rows = delivery.send_due(warehouse, entries, server, mail.sender(), log, day)
        return [(r["client"] or r["manager"], r["period"], r["as_of"], r["result"]) for r in rows]

    # Sunday 1 Mar, the last day of week 9: both reports due, both turned away.
    inbox.refuse_data = "451 4.3.0 Try again later"
    assert [(who, week, result) for who, week, _, result in run(date(2026, 3, 1))] == [
        ("Acme Corporation", "2026-W09", "failed"),
        ("Tom Becker", "2026-W09", "failed"),
    ]
    inbox.refuse_data = ""
    assert run(date(2026, 3, 2)) == [
        ("Acme Corporation", "2026-W09", "2026-02-27", "sent"),
        ("Tom Becker", "2026-W09", "2026-03-01", "sent"),
    ]  # Monday, week 10: week 9's reports, each as of its own weekday
    assert run(date(2026, 3, 3)) == []  # made up once, and not again
    assert run(date(2026, 3, 6)) == [("Acme Corporation", "2026-W10", "2026-03-02", "sent")]
    assert [attachment(message)[0] for _, message in inbox.messages] == [
        "weekly-status-acme-corporation-2026-02-27.md",
        "weekly-status-tom-becker-2026-03-01.md",
        "weekly-status-acme-corporation-2026-03-02.md",
    ]


def test_an_outbox_run_of_the_schedule_does_not_count_as_sent(demo_db, inbox, log, schedule):
    entries = delivery.read_schedule(schedule)
    monday, warehouse = date(2026, 11, 30), current(str(demo_db))
    outbox = schedule.parent / "outbox"
    written = delivery.send_due(warehouse, entries, outbox, mail.sender(), log, monday)
    assert [r["result"] for r in written] == ["written", "written"]
    assert delivery.send_due(warehouse, entries, outbox, mail.sender(), log, monday) == []
    sent = delivery.send_due(warehouse, entries, mail.server(), mail.sender(), log, monday)
    assert [r["result"] for r in sent] == ["sent", "sent"] and len(inbox.messages) == 1


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        (None, "No schedule file at {path}: write one"),
        ("[[report]\nclient = 1", "The schedule file {path} is not valid TOML: "),
        ('title = "x"', "The schedule file {path} should hold [[report]] tables"),
        (SCHEDULE + '\n[[report]]\nclient = "A"\nto = ["a@b.example"]\nweekday = "mon"\n',
         "{path}, [[report]] number 2: weekday should be a day of the week (monday … sunday), "
         "not 'mon'."),
        ('[[report]]\nclient = "A"\nmanager = "B"\nto = ["a@b.example"]\nweekday = "monday"',
         "{path}, [[report]] number 1: expected either client"),
        ('[[report]]\nclient = "A"\nto = "a@b.example"\nweekday = "monday"',
         '{path}, [[report]] number 1: expected to = ["name@example.com", …]'),
        ('[[report]]\nclient = "A"\nto = ["a.b.example"]\nweekday = "monday"',
         "{path}, [[report]] number 1: 'a.b.example' is not an e-mail address"),
        ('[[report]]\nclient = "A"\nto = ["a@b.example"]\nweekday = "monday"\nformat = "xlsx"',
         "{path}, [[report]] number 1: format should be one of pptx, pdf, md, not 'xlsx'."),
        ('[[report]]\nclient = "A"\nto = ["a@b.example"]\nweekdays = "monday"',
         "{path}, [[report]] number 1: unknown key 'weekdays'; the keys are client, manager"),
    ],
)  # fmt: skip
def test_a_bad_schedule_file_says_which_file_entry_and_what_was_expected(
    log, tmp_path, capsys, text, complaint
):
    path = tmp_path / "schedule.toml"
    if text is not None:
        path.write_text(text)
    assert main(["send", "--due", "--schedule", str(path)]) == 2
    assert f"error: {complaint.format(path=path)}" in capsys.readouterr().err
    assert not log.exists()


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--client", CLIENT, "--to", DIRECTOR], "error: No SMTP server: set $STUDIO_SMTP_HOST"),
        (["--client", "Northwind", "--to", DIRECTOR, "--outbox", "x"],
         "error: No client named 'Northwind'. Did you mean 'Northwind Grocers'?"),
        (["--manager", "Nobody", "--to", DIRECTOR, "--outbox", "x"], "error: No manager named"),
        (["--client", CLIENT, "--to", DIRECTOR, "--as-of", "2030-01-01", "--outbox", "x"],
         "error: 1 Jan 2030 is after the last day with data (27 Nov 2026): choose that day"),
        (["--client", CLIENT], "error: Name a recipient with --to ADDRESS"),
        (["--due", "--to", DIRECTOR], "error: --due sends what the schedule file says"),
    ],
)  # fmt: skip
def test_what_cannot_be_sent_is_refused_with_status_2(demo_db, log, capsys, args, complaint):
    assert main(["send", "--db", str(demo_db), *args]) == 2
    assert complaint in capsys.readouterr().err
    assert not log.exists()


def test_a_bad_address_or_no_sender_is_refused(demo_db, log, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["send", "--client", CLIENT, "--to", "director at studio"])
    assert exit_.value.code == 2
    assert "'director at studio' is not an e-mail address" in capsys.readouterr().err
    monkeypatch.delenv("STUDIO_MAIL_FROM")
    assert main(["send", "--client", CLIENT, "--to", DIRECTOR, "--outbox", "x"]) == 2
    assert "error: No sender address: set $STUDIO_MAIL_FROM" in capsys.readouterr().err


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key, and the key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, private


def test_the_login_goes_over_starttls_and_never_in_clear(
    demo_db, inbox, log, tmp_path, monkeypatch, capsys
):
    args = ["send", "--db", str(demo_db), "--client", CLIENT, "--to", DIRECTOR, "--format", "md"]
    monkeypatch.setenv("STUDIO_SMTP_USER", "reports")
    monkeypatch.setenv("STUDIO_SMTP_PASSWORD", "s3cret")
    assert main(args) == 1  # the plain server of `inbox` offers no STARTTLS
    assert "does not offer STARTTLS: the password is not sent unencrypted" in (
        capsys.readouterr().err
    )
    assert inbox.messages == []

    cert, key = self_signed(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    logins = []

    def authenticate(server, session, envelope, mechanism, data) -> AuthResult:
        logins.append((session.ssl is not None, data))
        ok = data == LoginPassword(b"reports", b"s3cret")
        return AuthResult(success=ok, handled=False)  # handled: aiosmtpd answers a refusal

    secure, port = Inbox(), free_port()
    server = Controller(secure, hostname="127.0.0.1", port=port, tls_context=tls,
                        require_starttls=True, authenticator=authenticate, auth_required=True)  # fmt: skip
    server.start()
    try:
        monkeypatch.setenv("STUDIO_SMTP_PORT", str(port))
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this certificate
        assert main(args) == 0, capsys.readouterr().err
        monkeypatch.setenv("STUDIO_SMTP_PASSWORD", "wrong")
        assert main(args) == 1
    finally:
        server.stop()
    assert "failed: 535 5.7.8 Authentication credentials invalid" in capsys.readouterr().err
    assert logins and all(over_tls for over_tls, _ in logins)  # PLAIN, then LOGIN when refused
    assert len(secure.messages) == 1


def test_a_mailed_report_is_computed_over_its_managers_clients_alone(demo_db):
    # A mail may reach people who do not see the whole studio: the manager's portfolio, and a
    # client's report as its manager sees it (no share of the studio's revenue, no studio seasons).
    warehouse = current(str(demo_db))
    directory = queries.client_directory(warehouse, EVERYONE)
    manager = directory.loc[directory["client"] == CLIENT, "account_manager"].iloc[0]
    theirs = tuple(sorted(directory.loc[directory["account_manager"] == manager, "client"]))
    for order in (
        mail.Order(None, manager, (MANAGER,), ".md"),
        mail.Order(CLIENT, None, (MANAGER,), ".md"),
    ):
        letter = mail.weekly_letter(warehouse, order, None, DIRECTOR)
        assert tuple(sorted(letter.filters.scope.clients)) == theirs
        assert len(theirs) < len(directory)
