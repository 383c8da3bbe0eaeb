"""The team: who may sign in, in which role, and what each role may do.

The list is a JSON file outside the warehouse (`settings.team_file()`), so imports and undo never
touch it. It maps e-mail → role (and, for an account manager, their name as the exports spell it;
for a viewer, the clients they may see). Directors edit it on the Team page or with `studio team`.
"""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from settings import team_file

DIRECTOR, ADMIN, MANAGER, VIEWER = "director", "admin", "account_manager", "viewer"
ROLES = {
    DIRECTOR: "Director: sees every client, imports and undoes, manages the team",
    ADMIN: "Admin: sees every client, imports and undoes, fixes mappings and aliases",
    MANAGER: "Account manager: sees the clients they manage",
    VIEWER: "Viewer: sees the clients named for them",
}
WRITERS = (DIRECTOR, ADMIN)  # import, undo, mappings, aliases, new clients and projects
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The placeholder in .streamlit/secrets.example.toml: a copied example must not sign anyone in.
EXAMPLE_COOKIE_SECRET = (
    "replace-me-with-the-output-of-python3-c-import-secrets-print-secrets-token-hex-32"
)
MIN_COOKIE_SECRET = 32  # characters: the identity cookie is signed with it
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class TeamError(ValueError):
    """A team list or a change to it that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Person:
    """Someone who may use the app: their e-mail, role, name in the data, clients (viewers)."""

    email: str
    role: str
    name: str = ""
    clients: tuple[str, ...] = field(default=())

    @property
    def sees_everything(self) -> bool:
        """Directors and admins see every client."""
        return self.role in WRITERS

    @property
    def may_write(self) -> bool:
        """Whether they may import, undo, map columns and fix names."""
        return self.role in WRITERS

    @property
    def manages_team(self) -> bool:
        """Whether they may change the team list."""
        return self.role == DIRECTOR

    @property
    def shown_as(self) -> str:
        """How the app and the records name them."""
        return self.name or self.email


def auth_problem(auth: Mapping[str, Any]) -> str | None:
    """What is wrong with the `[auth]` section of the secrets for signing in, or None."""
    secret = str(auth.get("cookie_secret", ""))
    if secret == EXAMPLE_COOKIE_SECRET:
        return "cookie_secret is still the example's value: set a random one of your own"
    if len(secret) < MIN_COOKIE_SECRET:
        return f"cookie_secret must be a random string of at least {MIN_COOKIE_SECRET} characters"
    if not str(auth.get("redirect_uri", "")).endswith("/oauth2callback"):
        return "redirect_uri must be the app's address followed by /oauth2callback"
    providers = [auth, *(value for value in auth.values() if isinstance(value, Mapping))]
    if not any(all(provider.get(key) for key in PROVIDER_KEYS) for provider in providers):
        return f"the sign-in provider needs {', '.join(PROVIDER_KEYS)}"
    return None


def local_person() -> Person:
    """Personal mode's one user: this computer's account, allowed everything."""
    return Person(email="", role=DIRECTOR, name=getpass.getuser())


def checked(email: str, role: str, name: str = "", clients: tuple[str, ...] = ()) -> Person:
    """A team member built from what a director typed, or TeamError saying what is wrong."""
    email, name = email.strip().lower(), name.strip()
    clients = tuple(sorted({c.strip() for c in clients if c.strip()}))
    if not EMAIL.match(email):
        raise TeamError(f"{email!r} is not an e-mail address")
    if role not in ROLES:
        raise TeamError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if role == MANAGER and not name:
        raise TeamError("an account manager needs their name as the exports spell it")
    if role == VIEWER and not clients:
        raise TeamError("a viewer needs the clients they may see")
    return Person(email, role, name, clients if role == VIEWER else ())


def members() -> list[Person]:
    """Everyone on the team, by e-mail (TeamError when the file is damaged: nobody signs in)."""
    path = team_file()
    if not path.exists():
        return []
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        people = [
            checked(r["email"], r["role"], r.get("name", ""), tuple(r.get("clients", ())))
            for r in rows
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TeamError(f"the team list {path.name} cannot be read: {exc}") from exc
    return sorted(people, key=lambda person: person.email)


def find(email: str | None) -> Person | None:
    """The team member signed in with `email` (any case), or None for a stranger."""
    wanted = (email or "").strip().lower()
    return next((person for person in members() if person.email == wanted), None)


def _write(people: list[Person]) -> None:
    """Replace the team list with `people` (a crash mid-write leaves the old list)."""
    path = team_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        {**asdict(p), "clients": list(p.clients)} for p in sorted(people, key=lambda p: p.email)
    ]
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    partial.replace(path)


def put(person: Person, by: Person | None = None) -> None:
    """Add `person` or change their role, name or clients; `by` must be a director (None: the
    command line, run by whoever holds the files)."""
    _require_director(by)
    others = [p for p in members() if p.email != person.email]
    if by is not None and person.email == by.email and person.role != DIRECTOR:
        raise TeamError("you cannot take away your own director role: ask another director")
    _write([*others, person])


def remove(email: str, by: Person | None = None) -> None:
    """Take `email` off the team; a director cannot remove themselves."""
    _require_director(by)
    email = email.strip().lower()
    if by is not None and email == by.email:
        raise TeamError("you cannot remove yourself: ask another director")
    left = [p for p in members() if p.email != email]
    if len(left) == len(members()):
        raise TeamError(f"{email} is not on the team")
    _write(left)


def _require_director(by: Person | None) -> None:
    """Refuse a change of the team by anyone but a director."""
    if by is not None and not by.manages_team:
        raise PermissionError("only a director may change the team")


def require_writer(by: Person) -> None:
    """Refuse an import, undo or fix by anyone but a director or an admin."""
    if not by.may_write:
        raise PermissionError(f"{by.shown_as} may not change the data: ask an admin or director")


def main(argv: list[str] | None = None) -> int:
    """`studio team list|add|remove`: the team list from the command line."""
    parser = argparse.ArgumentParser(prog="studio team", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="everyone on the team")
    add = commands.add_parser("add", help="add someone, or change their role")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=tuple(ROLES))
    add.add_argument("--name", default="", help="an account manager's name as the exports spell it")
    add.add_argument("--client", action="append", default=[], help="a viewer's client (repeat)")
    drop = commands.add_parser("remove", help="take someone off the team")
    drop.add_argument("email")
    args = parser.parse_args(argv)
    try:
        if args.command == "add":
            put(checked(args.email, args.role, args.name, tuple(args.client)))
        elif args.command == "remove":
            remove(args.email)
        for person in members():
            extra = ", ".join(person.clients) or person.name
            print(f"{person.email}  {person.role}" + (f"  ({extra})" if extra else ""))
    except TeamError as exc:
        print(f"Nothing was changed: {exc}.", file=sys.stderr)
        return 1
    return 0
