"""Where Studio Accounts keeps its files, and the environment variables that move them.

Every command and the app take their paths from here; each is read when asked for, so a test or
a command can set the variable first. Relative defaults are under the folder the command runs in.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

CODE = Path(__file__).resolve().parent  # app.py, app_pages/ and sql/ sit beside this file
SQL = CODE / "sql"

WAREHOUSE_VARIABLE = "STUDIO_DB"
PROFILES_VARIABLE = "STUDIO_PROFILES"
SCENARIOS_VARIABLE = "STUDIO_SCENARIOS"
TEAM_VARIABLE = "STUDIO_TEAM"
DATA_FOLDER = Path("data")

# DuckDB must never fetch code from the internet while reading a client's files.
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


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


def demo_folder() -> Path:
    """Where the demo studio's export files are written: data/demo/."""
    return _absolute(DATA_FOLDER / "demo")


def bench_folder() -> Path:
    """Where the benchmark studios' export files are written: data/bench/."""
    return _absolute(DATA_FOLDER / "bench")
