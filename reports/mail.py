"""The weekly status as an e-mail: the summary in the body and the report attached, sent through
the studio's SMTP server or written to a folder as an .eml file."""

from __future__ import annotations

import re
import smtplib
import ssl
from dataclasses import dataclass, replace
from datetime import date
from email import headerregistry
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy, Policy, default
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from pathlib import Path

from metrics.db import Warehouse
from metrics.queries import Filters
from metrics.scope import EVERYONE
from reports import content, files
from reports import scope as subject
from reports.scope import ReportError
from settings import SMTP_HOST_VARIABLE, SmtpServer, mail_sender, smtp_server

FORMATS = {"pptx": ".pptx", "pdf": ".pdf", "md": ".md"}
KINDS = {".pptx": "PowerPoint deck", ".pdf": "PDF", ".md": "Markdown file"}
# One address, name@domain.tld: no spaces, brackets, quotes or separators, so a typo or a list
# pasted into one --to is refused rather than handed to the server.
ADDRESS = re.compile(r"[^\s@<>()\[\],;:\"\\]+@[^\s@<>()\[\],;:\"\\]+\.[^\s@<>()\[\],;:\"\\.]+")
TIMEOUT = 60  # seconds to wait for a server that does not answer


class Subject(headerregistry.UnstructuredHeader):
    """The Subject header, written as encoded words that hold every space of the subject."""

    def fold(self, *, policy: Policy) -> str:
        """The header as the message carries it: 'Subject: =?utf-8?…?=', lines folded."""
        # Python's own folding (before CPython gh-144156) drops a space it folds at between two
        # encoded words, which readers then ignore: "Zoë Ålund's portfolio— week to …".
        value = Header(str(self), "utf-8", header_name=self.name).encode(
            linesep=policy.linesep, maxlinelen=policy.max_line_length
        )
        return f"{self.name}: {value}{policy.linesep}"


HEADERS = headerregistry.HeaderRegistry()
HEADERS.map_to_type("subject", Subject)
POLICY: EmailPolicy = default.clone(header_factory=HEADERS)


@dataclass(frozen=True)
class Order:
    """One weekly status to send: about a client or a manager's portfolio, to whom, as which
    file format ('.pptx', '.pdf' or '.md')."""

    client: str | None
    manager: str | None
    to: tuple[str, ...]
    suffix: str = ".pptx"

    def label(self) -> str:
        """Who the report is about as the order names them: "client 'Acme'"."""
        return f"client {self.client!r}" if self.client else f"manager {self.manager!r}"


@dataclass(frozen=True)
class Letter:
    """A weekly status ready to go: the message and the report's subject and file name."""

    message: EmailMessage
    filters: Filters
    file: str


def address(text: str) -> str:
    """`text` as one e-mail address, or an error saying it is not one."""
    if not ADDRESS.fullmatch(text.strip()):
        raise ReportError(f"{text!r} is not an e-mail address: expected one like name@example.com.")
    return text.strip()


def sender() -> str:
    """Who the reports come from ('Studio <reports@studio.example>' or just the address), or an
    error saying how to set it."""
    found = mail_sender()
    if not found:
        raise ReportError("No sender address: set $STUDIO_MAIL_FROM (e.g. reports@studio.example).")
    name, mailbox = parseaddr(found)
    try:
        return formataddr((name, address(mailbox)))
    except ReportError as error:
        raise ReportError(f"$STUDIO_MAIL_FROM: {error}") from error


def server() -> SmtpServer:
    """The SMTP server from the environment, or an error saying how to set one up."""
    try:
        found = smtp_server()
    except ValueError as error:
        raise ReportError(str(error)) from error
    if found is None:
        raise ReportError(
            f"No SMTP server: set ${SMTP_HOST_VARIABLE} (and STUDIO_SMTP_PORT, STUDIO_SMTP_USER, "
            "STUDIO_SMTP_PASSWORD), or write the messages to a folder with --outbox DIR."
        )
    return found


def _one_line(text: str) -> str:
    """`text` with every run of white space (line breaks in a name too) made one space."""
    return " ".join(text.split())


def weekly_letter(warehouse: Warehouse, order: Order, as_of: date | None, from_: str) -> Letter:
    """The weekly status of `order` as of `as_of` (the last day with data by default) as an
    e-mail from `from_`: subject with who and which week, the summary in the body, the report
    attached under its download name."""
    render = files.weekly_renderer(order.suffix)
    filters = subject.weekly_filters(warehouse, order.client, order.manager, as_of, EVERYONE)
    filters = replace(filters, scope=subject.recipients_scope(warehouse, filters))
    report = content.weekly(warehouse, filters)
    name = files.weekly_name(filters, order.suffix)
    message = EmailMessage(policy=POLICY)
    message["From"] = from_
    message["To"] = ", ".join(order.to)
    # Who and which week, then what needs chasing: a subject that differs week to week.
    flags = "".join(f" · {alert}" for alert in report.alerts)
    message["Subject"] = _one_line(
        f"Weekly status — {content.scope_label(filters)} — week to {filters.as_of:%-d %b %Y}{flags}"
    )
    message["Date"] = formatdate(localtime=True)
    # The sender's domain, not the computer's name: finding that can wait on DNS.
    message["Message-ID"] = make_msgid(domain=parseaddr(from_)[1].rpartition("@")[2])
    sections = "; ".join(_one_line(section.title) for section in report.sections)
    message.set_content(
        f"{_one_line(report.title)}\n{_one_line(report.subtitle)}\n\n"
        f"{_one_line(report.summary)}\n\n"
        f"Attached: {name}, the full report as a {KINDS[order.suffix]} ({sections}).\n\n"
        "-- \nSent by Studio Accounts.\n"
    )
    maintype, subtype = files.MIME_TYPES[order.suffix].split("/")
    message.add_attachment(
        render(report),
        maintype=maintype,
        subtype=subtype,
        filename=name,
        params={"charset": "utf-8"} if maintype == "text" else {},  # the Markdown is UTF-8
    )
    return Letter(message, filters, name)


def smtp_send(message: EmailMessage, smtp: SmtpServer) -> dict[str, str]:
    """Send `message` through `smtp` (STARTTLS when the server offers it, then the login when a
    user is set); the recipients the server refused, each with its reply. A failure that
    reaches no one raises OSError (smtplib's errors are OSErrors too)."""
    with smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT) as connection:
        connection.ehlo()
        if connection.has_extn("starttls"):
            connection.starttls(context=ssl.create_default_context())
            connection.ehlo()
        elif smtp.user:
            raise smtplib.SMTPNotSupportedError(
                f"{smtp.host} does not offer STARTTLS: the password is not sent unencrypted"
            )
        if smtp.user:
            connection.login(smtp.user, smtp.password)
        try:
            refused = connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            refused = error.recipients
    return {to: f"{code} {reply.decode(errors='replace')}" for to, (code, reply) in refused.items()}


def error_line(error: Exception) -> str:
    """A failed sending as one line: the server's code and reply, else what the connection,
    the system or the report said."""
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"{error.smtp_code} {_one_line(text)}"
    return _one_line(str(error)) or type(error).__name__


def write_eml(message: EmailMessage, folder: Path, file: str) -> Path:
    """`message` written to `folder` as FILE_STEM.eml (FILE_STEM-2.eml, … beside one already
    there: nothing is overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, number = Path(file).stem, 1
    while True:
        path = folder / (f"{stem}.eml" if number == 1 else f"{stem}-{number}.eml")
        try:
            with path.open("xb") as out:
                out.write(message.as_bytes())
            return path
        except FileExistsError:
            number += 1
