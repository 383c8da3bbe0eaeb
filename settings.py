"""Where Studio Accounts keeps its files, and the environment variables that move them.

Every command and the app take their paths from here; each is read when asked for, so a test or
a command can set the variable first. Relative defaults are under the folder the command runs in.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CODE = Path(__file__).resolve().parent  # app.py, app_pages/ and sql/ sit beside this file
SQL = CODE / "sql"

WAREHOUSE_VARIABLE = "STUDIO_DB"
PROFILES_VARIABLE = "STUDIO_PROFILES"
SCENARIOS_VARIABLE = "STUDIO_SCENARIOS"
TEAM_VARIABLE = "STUDIO_TEAM"
ACCOUNT_LOG_VARIABLE = "STUDIO_ACCOUNT_LOG"
MEMORY_LIMIT_VARIABLE = "STUDIO_MEMORY_LIMIT"
SCHEDULE_VARIABLE = "STUDIO_SCHEDULE"
SEND_LOG_VARIABLE = "STUDIO_SEND_LOG"
SMTP_HOST_VARIABLE = "STUDIO_SMTP_HOST"
SMTP_PORT_VARIABLE = "STUDIO_SMTP_PORT"
SMTP_USER_VARIABLE = "STUDIO_SMTP_USER"
SMTP_PASSWORD_VARIABLE = "STUDIO_SMTP_PASSWORD"
MAIL_FROM_VARIABLE = "STUDIO_MAIL_FROM"
# The mail submission port, where a server offers STARTTLS before a login.
DEFAULT_SMTP_PORT = 587
DATA_FOLDER = Path("data")

# DuckDB must never fetch code from the internet while reading a client's files.
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
# What DuckDB may hold in memory for one database: an import's copy of the warehouse, or each
# version the app has open (the current one, and the one before while sessions still read it).
# Beyond it DuckDB writes what it holds (the parsed rows of a big file, a large sort or join) to
# a spill folder. The import of the huge demo studio (5.25 M time entries) then peaks under
# 1 GB, where DuckDB's own default (80% of the computer's memory) let it take 2.1 GB
# (docs/performance.md, "Memory").
DEFAULT_MEMORY_LIMIT = "500MB"
MEMORY_SIZE = re.compile(r"\d+(\.\d+)?\s*([KMGT]i?B|bytes)", re.IGNORECASE)


def memory_limit() -> str:
    """DuckDB's memory limit per database: $STUDIO_MEMORY_LIMIT (e.g. `2GB`), else 500MB."""
    limit = os.environ.get(MEMORY_LIMIT_VARIABLE, "").strip() or DEFAULT_MEMORY_LIMIT
    if not MEMORY_SIZE.fullmatch(limit):
        raise ValueError(f"${MEMORY_LIMIT_VARIABLE} is {limit!r}: give a size such as 500MB or 2GB")
    return limit


def duckdb_config(spill: Path) -> dict[str, object]:
    """The settings every DuckDB connection opens with: no extension fetched, DuckDB's memory
    held to `memory_limit()`, and what does not fit written to the folder `spill` (made only
    when needed; DuckDB removes its files when the database is closed). Two connections to one
    file in one process must use the same settings, or the second is refused."""
    return {**DUCKDB_CONFIG, "memory_limit": memory_limit(), "temp_directory": str(spill)}


def reader_spill_folder() -> Path:
    """Where read-only connections (the app, reports, the checks before an undo) spill: a folder
    of this process in the temporary folder, so that no import's clean-up of the versions
    folder can remove it under a running query."""
    return Path(tempfile.gettempdir()) / f"studio-spill-{os.getpid()}"


def file_slug(name: str, joiner: str = "-") -> str:
    """`name` in lower case, each run of characters other than letters, digits, `_` and `joiner`
    made one `joiner`, and trimmed of joiners ('' when nothing is left)."""
    # Saved scenarios have always been named by this rule, and are found again by file name; with
    # "_" it gives saved profiles their old names too, unless a name has letters beyond a–z.
    return re.sub(rf"[^\w{re.escape(joiner)}]+", joiner, name.lower()).strip(joiner)


def _absolute(path: str | os.PathLike) -> Path:
    """`path` made absolute against the current folder, `~` expanded."""
    return Path(path).expanduser().absolute()


def warehouse_path(explicit: str | os.PathLike | None = None) -> Path:
    """The warehouse pointer: `--db`, else $STUDIO_DB, else data/studio.duckdb."""
    return _absolute(
        explicit or os.environ.get(WAREHOUSE_VARIABLE) or DATA_FOLDER / "studio.duckdb"
    )


def current_version(pointer: Path) -> Path | None:
    """The version file the warehouse pointer resolves to, or None when there is none yet."""
    return pointer.resolve() if pointer.exists() else None


def profiles_folder() -> Path:
    """Saved column-mapping profiles: $STUDIO_PROFILES, else profiles/."""
    return _absolute(os.environ.get(PROFILES_VARIABLE) or "profiles")


def scenarios_folder() -> Path:
    """Saved what-if scenarios: $STUDIO_SCENARIOS, else data/scenarios/."""
    return _absolute(os.environ.get(SCENARIOS_VARIABLE) or DATA_FOLDER / "scenarios")


def team_file() -> Path:
    """Who may sign in in team mode, and their roles: $STUDIO_TEAM, else data/team.json."""
    return _absolute(os.environ.get(TEAM_VARIABLE) or DATA_FOLDER / "team.json")


def schedule_file() -> Path:
    """Who gets which weekly status by e-mail, on which day: $STUDIO_SCHEDULE, else
    data/schedule.toml (outside the warehouse files, so imports and undo never touch it)."""
    return _absolute(os.environ.get(SCHEDULE_VARIABLE) or DATA_FOLDER / "schedule.toml")


def send_log() -> Path:
    """Every e-mail sending, one JSON line each: $STUDIO_SEND_LOG, else data/sent.jsonl
    (outside the warehouse files, so imports and undo never touch it)."""
    return _absolute(os.environ.get(SEND_LOG_VARIABLE) or DATA_FOLDER / "sent.jsonl")


def account_log_file() -> Path:
    """The account log (calls, meetings, issues, follow-ups), one JSON line per entry version:
    $STUDIO_ACCOUNT_LOG, else data/account_log.jsonl (outside the warehouse files, so imports
    and undo never touch it)."""
    return _absolute(os.environ.get(ACCOUNT_LOG_VARIABLE) or DATA_FOLDER / "account_log.jsonl")


def demo_folder() -> Path:
    """Where the demo studio's export files are written: data/demo/."""
    return _absolute(DATA_FOLDER / "demo")


def bench_folder() -> Path:
    """Where the benchmark studios' export files are written: data/bench/."""
    return _absolute(DATA_FOLDER / "bench")


@dataclass(frozen=True)
class SmtpServer:
    """The SMTP server the reports are sent through, and the login when it needs one."""

    host: str
    port: int
    user: str
    password: str = field(repr=False)


def smtp_server() -> SmtpServer | None:
    """$STUDIO_SMTP_HOST, _PORT (default 587), _USER and _PASSWORD; None when no host is set."""
    host = os.environ.get(SMTP_HOST_VARIABLE, "").strip()
    if not host:
        return None
    port = os.environ.get(SMTP_PORT_VARIABLE, "").strip() or str(DEFAULT_SMTP_PORT)
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"${SMTP_PORT_VARIABLE} is {port!r}: give a port number such as 587")
    return SmtpServer(
        host,
        int(port),
        os.environ.get(SMTP_USER_VARIABLE, "").strip(),
        os.environ.get(SMTP_PASSWORD_VARIABLE, ""),
    )


def mail_sender() -> str:
    """The address reports are sent from: $STUDIO_MAIL_FROM, else $STUDIO_SMTP_USER when it is
    an address ('' when neither is)."""
    sender = os.environ.get(MAIL_FROM_VARIABLE, "").strip()
    user = os.environ.get(SMTP_USER_VARIABLE, "").strip()
    return sender or (user if "@" in user else "")
