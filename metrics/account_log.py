"""The account log as the read side sees it: calls, meetings, e-mails, issues, decisions,
opportunities and risks per client, each with its follow-up, kept in one JSON-lines file outside
the warehouse (`settings.account_log_file()`, written only by actions/account_log.py).

Each line is one version of an entry: an edit appends the entry again with the next version
number, so earlier text is kept; an entry is its last version. A line that cannot be read (cut
short by a crash, edited by hand) is left out and counted, never lets a page fail. Which entries
a viewer sees is decided in SQL by the client's scope, like every other client figure
(`queries.account_log`, sql/queries/account_log.sql); this module only reads and checks lines."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from settings import account_log_file

KINDS = {
    "call": "Call",
    "meeting": "Meeting",
    "email": "E-mail",
    "issue": "Issue",
    "decision": "Decision",
    "opportunity": "Opportunity",
    "risk": "Risk",
}
WITH_STATUS = ("issue", "risk")  # the kinds that are open until resolved
STATUSES = {"open": "Open", "resolved": "Resolved"}
# The longest texts kept: a summary is a few lines, not minutes of the meeting.
LIMITS = {"summary": 1000, "people": 300, "follow_up": 300, "follow_up_owner": 100, "author": 100}
TEXTS = ("author", "author_email", "client", "project", "summary", "people", "follow_up",
         "follow_up_owner")  # fmt: skip


@dataclass(frozen=True)
class Stamp:
    """The log file as it is now (its size and change time): a new entry gives a new stamp,
    so answers cached with it are read again after every write."""

    path: Path
    size: int
    changed: int


def stamp() -> Stamp:
    """The stamp of the log file right now (size 0 when there is no log yet)."""
    path = account_log_file()
    try:
        info = path.stat()
    except FileNotFoundError:
        return Stamp(path, 0, 0)
    return Stamp(path, info.st_size, info.st_mtime_ns)


def checked(record: Any) -> dict[str, Any]:
    """One version of an entry as stored (dates as ISO text), checked field by field:
    ValueError (or TypeError) when a field is missing or not what it must be."""
    if not isinstance(record, dict):
        raise TypeError("an entry is a JSON object")
    entry = {name: record.get(name, "") for name in TEXTS}
    for name in TEXTS:
        if not isinstance(entry[name], str):
            raise TypeError(f"{name} must be text")
        if name in LIMITS and len(entry[name]) > LIMITS[name]:
            raise ValueError(f"{name} is over {LIMITS[name]} characters")
    entry_id, version = record.get("id"), record.get("version")
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise ValueError("an entry needs an id")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("an entry needs a version number from 1")
    datetime.fromisoformat(str(record.get("written_at")))
    date.fromisoformat(str(record.get("entry_date")))
    due = record.get("follow_up_due") or None
    if due is not None:
        date.fromisoformat(str(due))
    kind, status = record.get("kind"), record.get("status") or ""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if status not in (STATUSES if kind in WITH_STATUS else ("",)):
        raise ValueError(f"a {kind} cannot have the status {status!r}")
    if not entry["client"].strip() or not entry["summary"].strip():
        raise ValueError("an entry needs a client and a summary")
    if not isinstance(record.get("follow_up_done", False), bool):
        raise TypeError("follow_up_done must be true or false")
    return {
        "id": entry_id,
        "version": version,
        "written_at": str(record["written_at"]),
        **entry,
        "kind": kind,
        "entry_date": str(record["entry_date"]),
        "follow_up_due": due,
        "follow_up_done": bool(record.get("follow_up_done", False)),
        "status": status,
    }


@dataclass(frozen=True)
class Reading:
    """Every readable version in the log, in the order written, and how many lines were not."""

    versions: list[dict[str, Any]]
    damaged: int


def read(path: Path | None = None) -> Reading:
    """The log file's versions (none when there is no log yet)."""
    path = path or account_log_file()
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:
        return Reading([], 0)
    versions, damaged = [], 0
    for line in lines:
        if not line.strip():
            continue
        try:
            versions.append(checked(json.loads(line)))
        except (ValueError, TypeError, RecursionError):
            damaged += 1
    return Reading(versions, damaged)


def current(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entry as its last version (the highest number; the later line of two alike)."""
    last: dict[str, dict[str, Any]] = {}
    for version in versions:
        kept = last.get(version["id"])
        if kept is None or version["version"] >= kept["version"]:
            last[version["id"]] = version
    return list(last.values())


def history(versions: list[dict[str, Any]], entry_id: str) -> list[dict[str, Any]]:
    """Every version of one entry, the first first."""
    return sorted((v for v in versions if v["id"] == entry_id), key=lambda v: v["version"])


def as_parameter(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Versions as the SQL parameter `$log` (sql/queries/account_log.sql): dates as dates."""
    return [
        {
            **version,
            "written_at": datetime.fromisoformat(version["written_at"]),
            "entry_date": date.fromisoformat(version["entry_date"]),
            "follow_up_due": (
                date.fromisoformat(version["follow_up_due"]) if version["follow_up_due"] else None
            ),
        }
        for version in versions
    ]
