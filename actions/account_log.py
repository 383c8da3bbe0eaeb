"""The account log written from the app: a call, meeting, e-mail, issue, decision, opportunity or
risk per client (and optionally project), with the people present, a follow-up (who, by when,
done) and, for issues and risks, whether it is open or resolved.

The log is one JSON-lines file outside the warehouse (`settings.account_log_file()`), so imports
and undo never touch it. Nothing is overwritten: a new entry appends its version 1, an edit (a
follow-up marked done, an issue resolved) appends the entry again with the next version number,
so the earlier text is kept and the entry is its last version (metrics/account_log.py reads it).
Each version records who wrote it: the signed-in team member, or the name typed in personal
mode. Appends take an exclusive lock on the file, write one line in one call to a file opened
for appending, and are flushed to disk before the lock is let go.

Who may write: whoever may change the client's plans (`actions.plans.may_plan`): a director or an
admin for any client, an account manager for their own clients, a viewer for none."""

from __future__ import annotations

import fcntl
import json
import os
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from actions.plans import may_plan, refuse_unless
from actions.team import Person
from metrics import account_log, queries
from metrics.db import current
from metrics.labels import possessive
from metrics.scope import of_clients
from settings import account_log_file

EARLIEST = date(2000, 1, 1)  # an entry dated before this is a typing mistake


class LogError(ValueError):
    """An entry that cannot be written as typed; the message says what to fix."""


def may_log(by: Person, client: str) -> bool:
    """Whether `by` may write in `client`'s log: a director or an admin any client's, an account
    manager their own clients', a viewer none."""
    return may_plan(by, client)


def require_logger(by: Person, client: str) -> None:
    """Refuse an entry for `client` by anyone who may not write it (PermissionError)."""
    refuse_unless(may_log(by, client), by, "write in this client's log", "write in the account log")


@dataclass(frozen=True)
class Entry:
    """What is typed for an entry (the same for a new one and an edit)."""

    client: str
    kind: str
    entry_date: date
    summary: str
    people: str = ""
    project: str = ""  # a project code of the client, or none
    follow_up: str = ""  # what is to be done
    follow_up_owner: str = ""
    follow_up_due: date | None = None
    follow_up_done: bool = False
    status: str = ""  # issues and risks: open (the default) or resolved


def write(entry: Entry, *, by: Person, author: str = "", today: date | None = None) -> dict:
    """Add `entry` to the log as `by` (in personal mode named `author`); the version written.

    PermissionError unless `by` may; LogError for an entry that cannot be written as typed
    (nothing is written then)."""
    record = _record(entry, by, author, today or date.today())
    return _append(str(uuid.uuid4()), None, record)


def revise(
    entry_id: str,
    version: int,
    entry: Entry,
    *,
    by: Person,
    author: str = "",
    today: date | None = None,
) -> dict:
    """Write `entry` as the next version of the log entry `entry_id`, which the writer saw as
    `version`; the version written. The client stays the entry's: an entry does not move.

    LogError when the entry is not there or was changed since (someone else's edit is never
    overwritten unseen), or as `write`."""
    earlier = _visible_current(entry_id, by)
    if entry.client != earlier["client"]:
        raise LogError("an entry stays with its client: log a new entry for the other client")
    record = _record(entry, by, author, today or date.today())
    return _append(entry_id, version, record)


def resolve(entry_id: str, version: int, *, by: Person, author: str = "") -> dict:
    """Mark an issue or a risk resolved (a new version of it)."""
    earlier = _visible_current(entry_id, by)
    if earlier["kind"] not in account_log.WITH_STATUS:
        raise LogError("only an issue or a risk is resolved")
    return revise(entry_id, version, _entry(earlier, status="resolved"), by=by, author=author)


def follow_up_done(entry_id: str, version: int, *, by: Person, author: str = "") -> dict:
    """Mark an entry's follow-up done (a new version of it)."""
    earlier = _visible_current(entry_id, by)
    if not earlier["follow_up_owner"]:
        raise LogError("this entry has no follow-up")
    return revise(entry_id, version, _entry(earlier, follow_up_done=True), by=by, author=author)


def _entry(version: dict[str, Any], **changes: Any) -> Entry:
    """An entry as typed, from one of its stored versions, with `changes`."""
    due = version["follow_up_due"]
    fields = {
        "client": version["client"],
        "kind": version["kind"],
        "entry_date": date.fromisoformat(version["entry_date"]),
        "summary": version["summary"],
        "people": version["people"],
        "project": version["project"],
        "follow_up": version["follow_up"],
        "follow_up_owner": version["follow_up_owner"],
        "follow_up_due": date.fromisoformat(due) if due else None,
        "follow_up_done": version["follow_up_done"],
        "status": version["status"],
    }
    return Entry(**{**fields, **changes})


def _visible_current(entry_id: str, by: Person) -> dict[str, Any]:
    """The last version of an entry `by` may change (LogError for none: the same whether it
    does not exist or is another manager's client's)."""
    last = account_log.history(account_log.read().versions, entry_id)
    if not last or not may_log(by, last[-1]["client"]):
        raise LogError("no such entry in the log of your clients")
    return last[-1]


def _clean(text: object, what: str, multiline: bool = False) -> str:
    """Typed text without control characters (a line break kept where one may be), trimmed."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise LogError(f"{what} must be text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        c if (c == "\n" and multiline) or unicodedata.category(c) != "Cc" else " " for c in text
    ).strip()


def _record(entry: Entry, by: Person, author: str, today: date) -> dict[str, Any]:
    """The version to write for `entry`, checked; LogError saying what to fix."""
    client = _clean(entry.client, "the client")
    if not client:
        raise LogError("choose the client the entry is about")
    require_logger(by, client)
    if entry.kind not in account_log.KINDS:
        raise LogError(f"the kind must be one of {', '.join(account_log.KINDS.values())}")
    if not isinstance(entry.entry_date, date):
        raise LogError("the entry needs a date")
    entry_date = entry.entry_date
    if isinstance(entry_date, datetime):
        entry_date = entry_date.date()
    if entry_date > today:
        raise LogError(f"the date ({entry_date:%-d %b %Y}) is after today: log what happened")
    if entry_date < EARLIEST:
        raise LogError(f"the date ({entry_date:%-d %b %Y}) is before {EARLIEST.year}")
    summary = _clean(entry.summary, "the summary", multiline=True)
    if not summary:
        raise LogError("write a short summary of what happened")
    texts = {
        "summary": summary,
        "people": _clean(entry.people, "the people present"),
        "follow_up": _clean(entry.follow_up, "the follow-up"),
        "follow_up_owner": _clean(entry.follow_up_owner, "who follows up"),
    }
    for name, text in texts.items():
        limit = account_log.LIMITS[name]
        if len(text) > limit:
            raise LogError(f"{_NAMES[name]} is {len(text):,} characters: keep it within {limit:,}")
    due = entry.follow_up_due
    owner = texts["follow_up_owner"]
    if (texts["follow_up"] or due is not None) and not owner:
        raise LogError("a follow-up needs an owner: who follows it up")
    if owner and due is None:
        raise LogError(f"a follow-up needs a due date: by when {owner} follows it up")
    if due is not None and due < entry_date:
        raise LogError(
            f"the follow-up is due ({due:%-d %b %Y}) before the entry's date "
            f"({entry_date:%-d %b %Y})"
        )
    if entry.kind in account_log.WITH_STATUS:
        status = entry.status or "open"
        if status not in account_log.STATUSES:
            raise LogError(f"an {entry.kind}'s status is open or resolved, not {status!r}")
    else:
        status = ""
    project = _clean(entry.project, "the project")
    if project:
        warehouse = current()
        known = {} if warehouse.empty else queries.every_project(warehouse, of_clients([client]))
        if project not in known:
            raise LogError(f"{project} is not one of {possessive(client)} projects")
    name = by.shown_as if by.email else (_clean(author, "your name") or by.shown_as)
    if not name:
        raise LogError("write your name: each entry says who wrote it")
    if len(name) > account_log.LIMITS["author"]:
        raise LogError(f"your name is over {account_log.LIMITS['author']} characters")
    return {
        "written_at": datetime.now().isoformat(timespec="seconds"),
        "author": name,
        "author_email": by.email,
        "client": client,
        "project": project,
        "kind": entry.kind,
        "entry_date": entry_date.isoformat(),
        **texts,
        "follow_up_due": due.isoformat() if due else None,
        "follow_up_done": bool(entry.follow_up_done) and bool(owner),
        "status": status,
    }


_NAMES = {
    "summary": "the summary",
    "people": "the people present",
    "follow_up": "the follow-up",
    "follow_up_owner": "who follows up",
}


def _append(entry_id: str, seen: int | None, record: dict[str, Any]) -> dict[str, Any]:
    """Append `record` as the next version of `entry_id` (version 1 when `seen` is None, else
    only if the entry is still at version `seen`), under the log's lock; the version written."""
    path = account_log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as log:  # O_APPEND: every write lands at the end
        fcntl.flock(log, fcntl.LOCK_EX)
        try:
            versions = account_log.read(path).versions
            last = max((v["version"] for v in versions if v["id"] == entry_id), default=0)
            if seen is not None and last != seen:
                raise LogError(
                    "the entry was changed by someone else since you opened it: "
                    "look at it again before you change it"
                )
            version = account_log.checked({"id": entry_id, "version": last + 1, **record})
            line = json.dumps(version, ensure_ascii=False).encode("utf-8") + b"\n"
            size = log.seek(0, os.SEEK_END)
            if size and not _ends_a_line(path, size):
                line = b"\n" + line  # a line cut short by a crash stays apart from this one
            os.write(log.fileno(), line)
            os.fsync(log.fileno())
        finally:
            fcntl.flock(log, fcntl.LOCK_UN)
    return version


def _ends_a_line(path: Path, size: int) -> bool:
    """Whether the file of `size` bytes at `path` ends with a line break."""
    with path.open("rb") as log:
        log.seek(size - 1)
        return log.read(1) == b"\n"
