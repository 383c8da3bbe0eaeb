"""Fixes to name matching made in the app (an alias, a new client or project), imported as small
studio-template files through the same pipeline as any export, so they are kept in the
warehouse, listed in the import history, carried into every later version and can be undone."""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime
from pathlib import Path

from actions.team import Person, require_writer
from etl.formats import TEMPLATE_ALIASES, TEMPLATE_CLIENTS, TEMPLATE_PROJECTS, Format
from etl.load import FileResult, load_files
from settings import warehouse_path


def write_template(fmt: Format, rows: list[dict[str, str]], path: Path) -> Path:
    """A CSV in the layout of studio template `fmt`, every column present; rows by field name."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([column.headers[0] for column in fmt.columns.values()])
        writer.writerows([row.get(name, "") for name in fmt.columns] for row in rows)
    return path


def _record(fmt: Format, rows: list[dict[str, str]], by: Person) -> list[FileResult]:
    """Import `rows` as one template file named after the change and the time, as `by`'s
    (PermissionError unless they may change the data)."""
    require_writer(by)
    with tempfile.TemporaryDirectory() as folder:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = write_template(fmt, rows, Path(folder) / f"app-{fmt.kind}-{stamp}.csv")
        return load_files([path], warehouse_path(), echo=lambda _: None, by=by.shown_as)


def confirm_client_alias(alias: str, client: str, by: Person) -> list[FileResult]:
    """Record that `alias` is another spelling of the known client `client`."""
    return _record(TEMPLATE_ALIASES, [{"alias": alias, "client": client}], by)


def confirm_project_alias(
    alias: str, client: str, project_code: str, by: Person
) -> list[FileResult]:
    """Record that the project `alias` of `client` in exports is the project `project_code`."""
    row = {"alias": alias, "client": client, "project_code": project_code}
    return _record(TEMPLATE_ALIASES, [row], by)


def create_client(client: str, by: Person) -> list[FileResult]:
    """Add `client` to the known clients (as a row of the clients template)."""
    return _record(TEMPLATE_CLIENTS, [{"client": client}], by)


def create_project(project_code: str, project: str, client: str, by: Person) -> list[FileResult]:
    """Add a project (as a row of the projects template), so time under its name links to it."""
    row = {"project_code": project_code, "project": project, "client": client}
    return _record(TEMPLATE_PROJECTS, [row], by)
