"""`studio`: the one command of an installed Studio Accounts.

    studio load FILE_OR_DIR...      import exports          (the same as `python -m etl load`)
    studio rollback | rebuild       undo an import, rebuild the views (`python -m etl ...`)
    studio demo [--as-of DATE]...   write and import the demo studio      (`python -m demo`)
    studio report weekly|monthly|backtest|send  the weekly status / monthly workbook / forecast
                                    accuracy / the weekly status by e-mail (`python -m reports`)
    studio team list|add|remove     who may sign in in team mode, and their roles
    studio run [--port N] [--db P]  serve the app on this computer

Each subcommand hands its arguments to the module's own `main(argv)`, so `studio COMMAND --help`
shows that command's options. `studio run` starts Streamlit on the installed serve.py (app.py
behind a server where a page opened from a link connects at once) with the
options of the app's Streamlit config (.streamlit/config.toml beside app.py in a checkout, the
copy in studio_streamlit/ when installed from a wheel), passed as `--section.key=value` flags,
so they apply whichever folder it runs in.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from settings import CODE, WAREHOUSE_VARIABLE, warehouse_path

CONFIG_PLACES = (".streamlit", "studio_streamlit")  # checkout, installed wheel
SECRETS = Path(".streamlit") / "secrets.toml"  # where Streamlit looks, from the current folder
DEFAULT_PORT = 8501


def _etl(command: str) -> Callable[[list[str]], int]:
    """`python -m etl COMMAND ARGS…`."""

    def run(argv: list[str]) -> int:
        from etl.cli import main

        return main([command, *argv])

    return run


def _demo(argv: list[str]) -> int:
    """`python -m demo ARGS…`."""
    from demo.__main__ import main

    return main(argv)


def _team(argv: list[str]) -> int:
    """The team list: `studio team list|add|remove`."""
    from actions.team import main

    return main(argv)


def _report(argv: list[str]) -> int:
    """`python -m reports ARGS…`."""
    from reports.__main__ import main

    return main(argv)


def streamlit_config() -> Path:
    """The app's Streamlit config: in a checkout .streamlit/config.toml, installed the copy the
    wheel ships (the same file)."""
    for place in CONFIG_PLACES:
        path = CODE / place / "config.toml"
        if path.is_file():
            return path
    raise FileNotFoundError(f"no Streamlit config.toml in {' or '.join(CONFIG_PLACES)} of {CODE}")


def _options(table: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(section.key, value) for every option of a parsed config, nested tables flattened."""
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _options(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _text(value: Any) -> str:
    """A TOML value as Streamlit's command line reads it."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def streamlit_flags(config: Path) -> list[str]:
    """The options of `config` as `--section.key=value` flags (a list repeats its flag)."""
    flags = []
    for key, value in _options(tomllib.loads(config.read_text(encoding="utf-8"))):
        for item in value if isinstance(value, list) else [value]:
            flags.append(f"--{key}={_text(item)}")
    return flags


def team_problem(secrets: Path) -> str | None:
    """Why the app may not listen beyond this computer with `secrets`, or None: sign-in must be
    set up (a valid [auth] section) and someone must be able to manage the team."""
    from actions import team

    try:
        auth = tomllib.loads(secrets.read_text(encoding="utf-8")).get("auth")
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return f"{secrets} cannot be read ({exc})"
    if not isinstance(auth, dict):
        return f"{secrets} has no [auth] section (see .streamlit/secrets.example.toml)"
    try:
        directors = [p for p in team.members() if p.role == team.DIRECTOR]
    except team.TeamError as exc:
        return str(exc)
    if not directors:
        return "nobody on the team is a director: `studio team add EMAIL --role director`"
    return team.auth_problem(auth)


def _run(argv: list[str]) -> int:
    """Bring an existing warehouse's views up to date, then serve the app until interrupted."""
    parser = argparse.ArgumentParser(
        prog="studio run",
        description="Serve the app on http://127.0.0.1:PORT (this computer only), with the "
        "options of its Streamlit config. Views built from older SQL are rebuilt first.",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"({DEFAULT_PORT})")
    parser.add_argument("--db", help="warehouse path (default $STUDIO_DB or data/studio.duckdb)")
    parser.add_argument(
        "--team",
        action="store_true",
        help="team mode: listen on every address of this computer; needs sign-in set up in the "
        "secrets file and a director on the team (README, Team mode)",
    )
    parser.add_argument(
        "--secrets", type=Path, default=SECRETS, help=f"the secrets file with [auth] ({SECRETS})"
    )
    args = parser.parse_args(argv)
    flags = [*streamlit_flags(streamlit_config()), f"--server.port={args.port}"]
    if args.team:
        problem = team_problem(args.secrets)
        if problem:
            print(f"Team mode is not set up, nothing was started: {problem}.", file=sys.stderr)
            return 1
        flags = [flag for flag in flags if not flag.startswith("--server.address=")]
        flags += ["--server.address=0.0.0.0", f"--secrets.files={args.secrets.absolute()}"]
    pointer = warehouse_path(args.db)
    if pointer.exists():
        from etl.load import ImportFailure, rebuild

        try:
            rebuild(pointer, if_stale=True)
        except ImportFailure as exc:
            print(f"Rebuild failed, nothing was changed: {exc}", file=sys.stderr)
            return 1
    else:
        print(
            f"No warehouse at {pointer} yet: import exports on the Import page or with "
            "`studio load`, or build the demo studio with `studio demo`."
        )
    os.environ[WAREHOUSE_VARIABLE] = str(pointer)  # the app reads its warehouse from here
    # Streamlit takes this process over: only the app's own files import it.
    os.execv(
        sys.executable, [sys.executable, "-m", "streamlit", "run", str(CODE / "serve.py"), *flags]
    )


COMMANDS: dict[str, tuple[Callable[[list[str]], int], str]] = {
    "load": (_etl("load"), "import export files (CSV/XLSX) into the warehouse"),
    "rollback": (_etl("rollback"), "undo the last import"),
    "rebuild": (_etl("rebuild"), "rebuild the views from the raw tables (after an upgrade)"),
    "demo": (_demo, "write the demo studio's export files and import them"),
    "team": (_team, "who may sign in in team mode, and their roles (list, add, remove)"),
    "report": (
        _report,
        "weekly account status (weekly), monthly client workbook (monthly), forecast accuracy "
        "(backtest) or the weekly status by e-mail (send)",
    ),
    "run": (_run, f"serve the app on http://127.0.0.1:{DEFAULT_PORT} (--port, --db)"),
}


def _parser() -> argparse.ArgumentParser:
    """`studio COMMAND ARGS…`: the command, and its arguments left for it to read."""
    listing = "\n".join(f"  {name:<9} {about}" for name, (_, about) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="studio",
        description="Studio Accounts: per-client profitability, on-time delivery and account "
        "growth.",
        epilog=f"commands:\n{listing}\n\n`studio COMMAND --help` shows a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=COMMANDS, metavar="COMMAND", help="one of those below")
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS", help="its arguments")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `studio COMMAND ARGS…` and return its exit code."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    run, _ = COMMANDS[args.command]
    return run(args.args)


if __name__ == "__main__":
    sys.exit(main())
