"""Saved what-if scenarios: one JSON file each, in a folder outside the warehouse, so imports
never touch them and they survive a restart ($STUDIO_SCENARIOS, default data/scenarios/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from settings import file_slug
from settings import scenarios_folder as folder


class ScenarioError(ValueError):
    """A scenario that cannot be saved under its name; the message says why."""


HEADLINES = ("earned_revenue", "gross_profit", "margin_pct", "delivery_margin_pct")


def _file(name: str) -> Path:
    """The file of the scenario called `name` (its name made safe for a file name)."""
    return folder() / f"{file_slug(name) or 'scenario'}.json"


def _encode(value: Any) -> Any:
    """JSON for the values inputs hold besides numbers and text: dates and tables."""
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, pd.DataFrame):
        return {"$rows": json.loads(value.to_json(orient="records"))}
    raise TypeError(f"cannot save a {type(value).__name__}")


def _decode(value: dict) -> Any:
    """Dates and tables back from their JSON form."""
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    if "$rows" in value:
        return pd.DataFrame(value["$rows"])
    return value


@dataclass(frozen=True)
class Viewer:
    """Who looks at the scenarios: their e-mail ("" on a personal computer) and the clients
    they may see (None: every client)."""

    email: str = ""
    clients: tuple[str, ...] | None = None

    def sees(self, row: dict[str, Any]) -> bool:
        """Whether a scenario (its headline row) is theirs or shared, and about their clients."""
        mine = row["owner"] == self.email or row["shared"]
        return mine and (self.clients is None or set(row["clients"]) <= set(self.clients))


EVERYONE = Viewer()  # the command line and a personal computer


def clients_in(inputs: dict[str, Any], clients: list[str]) -> tuple[str, ...]:
    """The clients among `clients` that a scenario's inputs name (the one it is about)."""
    named = {value for value in inputs.values() if isinstance(value, str)}
    return tuple(client for client in clients if client in named)


def save(
    name: str,
    level: str,
    inputs: dict[str, Any],
    table: pd.DataFrame,
    owner: Viewer = EVERYONE,
    shared: bool = True,
    clients: tuple[str, ...] = (),
) -> Path:
    """Keep a scenario: its inputs (to reopen it), its figures (to list and compare it), whose
    it is, whether the team may see it and which clients it is about. A scenario of the same
    name is replaced; one whose name only looks alike ("Acme" and "ACME!" share a file name),
    or someone else's, is never overwritten."""
    path = _file(name)
    other = _name_in(path)
    # Someone else's scenario is not named: it may be private, and its name say what about.
    if other is not None and _owner_in(path) not in (None, owner.email):
        raise ScenarioError("someone else has a scenario of that name: choose another name")
    if other is not None and other != name.strip():
        raise ScenarioError(
            f"a saved scenario is called “{other}”, too alike to keep apart from "
            f"“{name.strip()}”: choose another name, or save it as “{other}” to replace it"
        )
    record = {
        "name": name.strip(),
        "level": level,
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "owner": owner.email,
        "shared": shared,
        "clients": sorted(clients),
        "inputs": inputs,
        "table": table.to_dict(orient="records"),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(record, default=_encode, indent=1), encoding="utf-8")
    partial.replace(path)  # a crash mid-write never leaves half a scenario
    return path


def _name_in(path: Path) -> str | None:
    """The name of the scenario saved in `path` (None when there is none, or it is unreadable,
    so the new one may take its place)."""
    try:
        name = json.loads(path.read_text(encoding="utf-8"))["name"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return name if isinstance(name, str) else None


def saved_as(name: str, owner: Viewer = EVERYONE) -> str | None:
    """The name of `owner`'s scenario that saving as `name` would replace: None when there is
    none, or when it is someone else's (saving then refuses without naming it)."""
    path = _file(name)
    return _name_in(path) if _owner_in(path) in (None, owner.email) else None


def _owner_in(path: Path) -> str | None:
    """The e-mail of whoever saved the scenario in `path` (None when it cannot be told)."""
    try:
        return str(json.loads(path.read_text(encoding="utf-8")).get("owner", ""))
    except (OSError, ValueError, AttributeError):
        return None


def load(name: str, viewer: Viewer = EVERYONE) -> dict[str, Any]:
    """A saved scenario `viewer` may see: name, level, saved_at, inputs and table."""
    path = _file(name)
    if not viewer.sees(_headline_row(path)):
        raise ScenarioError(f"“{name}” is not one of your scenarios")
    record = json.loads(path.read_text(encoding="utf-8"), object_hook=_decode)
    record["table"] = pd.DataFrame(record["table"])
    return record


def _read_all() -> list[tuple[str, dict[str, Any] | str]]:
    """Every scenario file with its headline row, or why it cannot be used."""
    found: list[tuple[str, dict[str, Any] | str]] = []
    for path in sorted(folder().glob("*.json")):
        try:
            found.append((path.name, _headline_row(path)))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            found.append((path.name, _why(exc)))
    return found


def _headline_row(path: Path) -> dict[str, Any]:
    """The scenario in `path` as one row (name, level, saved_at and its figures), checked so
    that listing, opening and comparing it cannot fail."""
    record = json.loads(path.read_text(encoding="utf-8"))
    name, level, saved_at = (str(record[key]) for key in ("name", "level", "saved_at"))
    if not isinstance(record["inputs"], dict):
        raise TypeError("inputs")
    figures = {str(row["measure"]): row["scenario"] for row in record["table"]}
    if any(str(row["label"]) == "" for row in record["table"]) or set(HEADLINES) - set(figures):
        raise KeyError("figures")
    if any(not isinstance(figures[m], int | float | None) for m in HEADLINES):
        raise TypeError("figures")
    if _file(name) != path:
        raise ValueError(f"its name “{name}” belongs to another file name")
    # Scenarios saved before they had owners are everyone's: there was one user then.
    owner, shared = str(record.get("owner", "")), bool(record.get("shared", True))
    clients = [str(client) for client in record.get("clients", [])]
    whose = {"owner": owner, "shared": shared, "clients": clients}
    return {"name": name, "level": level, "saved_at": saved_at, **whose, **figures}


def _why(exc: Exception) -> str:
    """Why a scenario file cannot be read, in a user's words."""
    if isinstance(exc, OSError):
        return f"it cannot be read ({exc.strerror or exc})"
    if isinstance(exc, UnicodeDecodeError | json.JSONDecodeError):
        return "it is not a saved scenario (not readable JSON)"
    if isinstance(exc, ValueError):
        return f"{exc} (renamed by hand, or a copy)"
    return "it is not a saved scenario (a name, level, date or figures are missing)"


def unusable(viewer: Viewer = EVERYONE) -> list[tuple[str, str]]:
    """Scenario files that cannot be opened, and why: listed on the page and left alone (in
    team mode only for those who see every client: a file's name may name a client)."""
    if viewer.clients is not None:
        return []
    return [(name, found) for name, found in _read_all() if isinstance(found, str)]


def saved(viewer: Viewer = EVERYONE) -> pd.DataFrame:
    """Every saved scenario `viewer` may open, newest first, with its headline figures."""
    rows = [found for _, found in _read_all() if isinstance(found, dict) and viewer.sees(found)]
    if not rows:
        return pd.DataFrame(columns=["name", "level", "saved_at"])
    found = pd.DataFrame(rows)
    found["saved_at"] = pd.to_datetime(found["saved_at"], errors="coerce")
    return found.sort_values("saved_at", ascending=False, ignore_index=True)


def compare(names: list[str], viewer: Viewer = EVERYONE) -> pd.DataFrame:
    """Saved scenarios side by side: one row per measure, one column per scenario."""
    tables = {name: load(name, viewer)["table"].set_index("measure") for name in names}
    first = next(iter(tables.values()))
    frame = pd.DataFrame({"measure": first.index, "label": first["label"].to_numpy()})
    for name, table in tables.items():
        frame[name] = table["scenario"].reindex(first.index).to_numpy()
    return frame
