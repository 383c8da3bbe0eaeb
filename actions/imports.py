"""Imports started from the app: the session's upload folder, a dry run of the real pipeline on
a throw-away copy (what an import would do), the import itself and its undo."""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from actions.team import Person, require_writer
from etl.formats import KINDS
from etl.load import KEPT, SUFFIXES, FileResult, ImportFailure, describe_replaced, load_files
from etl.sources import SourceError, Unrecognised, identify
from etl.textfile import LABELS as ENCODINGS
from etl.textfile import UTF8
from etl.warehouse import Undone, roll_back, undo_log
from metrics.db import run
from settings import warehouse_path

__all__ = [
    "ENCODINGS",
    "KEPT",
    "SUFFIXES",
    "UTF8",
    "FilePreview",
    "ImportFailure",
    "Preview",
    "commit",
    "describe_replaced",
    "preview",
    "recognised",
    "undo",
    "undone",
    "upload_folder",
    "upload_names",
]


@dataclass
class FilePreview:
    """One file of a dry run: what was detected and counted, its first rows as loaded, its
    rejects and its skipped rows (report furniture); what it replaces is in `result.replaced`."""

    result: FileResult
    rows: pd.DataFrame
    rejects: pd.DataFrame
    skipped: pd.DataFrame


@dataclass
class Preview:
    """A dry run of a set of files: each file, and the names they bring that match nothing."""

    files: list[FilePreview]
    unmatched: pd.DataFrame


UPLOAD_PREFIX = "studio-upload-"
UPLOAD_DAYS = 1  # a session's uploads are kept this long after it last wrote to its folder


def upload_folder() -> Path:
    """A new temporary folder for one session's uploaded exports; folders other sessions left
    untouched for a day are removed, so client data does not pile up in the temp folder."""
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    cutoff = time.time() - UPLOAD_DAYS * 86400
    for old in folder.parent.glob(f"{UPLOAD_PREFIX}*"):
        if old != folder and old.is_dir() and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def upload_names(names: list[str]) -> list[str]:
    """The file names uploads are saved under: the name without any folder, and apart when
    two uploads of one batch share a name ('week.csv', 'week (2).csv'), so none is lost."""
    taken: set[str] = set()
    chosen = []
    for name in names:
        base = Path(name.replace("\\", "/")).name.strip()
        if base in ("", ".", ".."):
            base = "upload.csv"
        stem, suffix = Path(base).stem, Path(base).suffix
        candidate, number = base, 1
        while candidate.lower() in taken:
            number += 1
            candidate = f"{stem} ({number}){suffix}"
        taken.add(candidate.lower())
        chosen.append(candidate)
    return chosen


def recognised(paths: list[Path]) -> tuple[list[Path], list[Path], list[str]]:
    """The files a format or saved profile recognises, the ones that need a column mapping, and
    why the others cannot be read at all (empty, damaged, far too large)."""
    known, unknown, refused = [], [], []
    for path in paths:
        try:
            identify(path)
            known.append(path)
        except Unrecognised:
            unknown.append(path)
        except SourceError as exc:
            refused.append(str(exc))
    return known, unknown, refused


def preview(paths: list[Path], date_order: str | None = None, complete: bool = False) -> Preview:
    """Load `paths` into a copy of the warehouse, inspect it and throw it away.

    Raises etl.load.ImportFailure exactly when the real import would fail."""
    seen: dict[str, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]] = {}
    unmatched: list[pd.DataFrame] = []

    def inspect(con: duckdb.DuckDBPyConnection) -> None:
        run_id = con.execute("SELECT max(run_id) FROM import_runs").fetchall()[0][0]
        files = con.execute(
            "SELECT file_name, file_id, kind FROM import_files WHERE run_id = $run", {"run": run_id}
        ).fetchall()
        for name, file_id, kind in files:
            seen[name] = (
                run(con, "import_preview_rows", table=KINDS[kind].table, file_id=file_id),
                run(con, "rejects", file_id=file_id),
                run(con, "skipped_rows", file_id=file_id),
            )
        file_ids = {file_id for _, file_id, _ in files}
        names = run(con, "unmatched_names")
        # Only the names these files bring; older ones are listed when no file is dropped.
        unmatched.append(
            names[[bool(set(ids) & file_ids) for ids in names["file_ids"]]].reset_index(drop=True)
        )

    results = load_files(
        paths,
        warehouse_path(),
        date_order,
        echo=lambda _: None,
        commit=False,
        inspect=inspect,
        complete=complete,
    )
    files = [FilePreview(r, *seen[r.name]) for r in results]
    return Preview(files, unmatched[0])


def commit(
    paths: list[Path], date_order: str | None, complete: bool, by: Person
) -> list[FileResult]:
    """Import `paths` into the warehouse in one run, recorded as `by`'s (raises ImportFailure,
    changing nothing; PermissionError unless `by` may change the data)."""
    require_writer(by)
    return load_files(
        paths,
        warehouse_path(),
        date_order,
        echo=lambda _: None,
        complete=complete,
        by=by.shown_as,
    )


def undo(seen: Path | None, run_id: int | None, by: Person) -> Undone:
    """Undo the last import, only if the warehouse is still the version `seen` and its last
    run is `run_id` (raises ValueError saying why not; PermissionError unless `by` may)."""
    require_writer(by)
    return roll_back(warehouse_path(), seen=seen, run=run_id, by=by.shown_as)


def undone() -> pd.DataFrame:
    """Every undo, newest first: when, by whom, which run and its files."""
    rows = undo_log(warehouse_path())
    frame = pd.DataFrame(rows, columns=["at", "by", "run", "files"])
    frame["at"] = pd.to_datetime(frame["at"])
    frame["files"] = [", ".join(files or []) for files in frame["files"]]
    return frame
