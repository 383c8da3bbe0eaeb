"""The warehouse on disk: versioned DuckDB files behind a pointer that is switched atomically.

`data/studio.duckdb` is a symlink to `data/studio.versions/vNNNNN.duckdb`. An import copies the
current version, loads into the copy and only then moves the pointer, so readers never see a
half-loaded warehouse and a failed or killed import leaves the pointer where it was.
"""

from __future__ import annotations

import fcntl
import getpass
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from settings import current_version, duckdb_config, reader_spill_folder

KEEP_VERSIONS = 6
LOCK_POLL_SECONDS = 0.2


class WarehouseBusy(Exception):
    """Another import or undo held the warehouse for longer than the caller would wait."""


def versions_dir(pointer: Path) -> Path:
    """Folder holding the versions behind `pointer`."""
    return pointer.with_name(pointer.stem + ".versions")


def list_versions(pointer: Path) -> list[Path]:
    """Committed versions, oldest first."""
    folder = versions_dir(pointer)
    return sorted(folder.glob("v*.duckdb")) if folder.exists() else []


def connect_read_only(version: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one version file (with the settings the app's have: one process
    may hold both)."""
    config = duckdb_config(reader_spill_folder())
    return duckdb.connect(str(version), read_only=True, config=config)


@contextmanager
def _lock(
    folder: Path, what: str, wait: float = 300, echo: Callable[[str], None] = print
) -> Iterator[None]:
    """Serialise writers: one import (or undo) at a time per warehouse. The holder writes what
    it does and since when next to the lock, so a writer that has to wait can say for what;
    after `wait` seconds it gives up with WarehouseBusy."""
    folder.mkdir(parents=True, exist_ok=True)
    holder = folder / ".lock.json"
    with (folder / ".lock").open("a") as handle:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                other = _holder(holder)
                if not told:
                    echo(f"Waiting for {other} to finish…")
                    told = True
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(
                        f"{other} is still running after {wait:.0f} s of waiting; "
                        "nothing was changed. Try again when it has finished"
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        try:
            since = datetime.now().isoformat(timespec="seconds")
            holder.write_text(json.dumps({"what": what, "since": since, "pid": os.getpid()}))
            yield
        finally:
            holder.unlink(missing_ok=True)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _holder(holder: Path) -> str:
    """What the writer holding the lock said it does: 'the import of a.csv started at 10:42'."""
    try:
        said = json.loads(holder.read_text())
        since = datetime.fromisoformat(said["since"])
        return f"{said['what']} (started {since:%-d %b %H:%M:%S}, process {said['pid']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another import"


def _point(pointer: Path, target: Path) -> None:
    """Atomically make `pointer` a symlink to `target`."""
    temporary = pointer.with_name(pointer.name + ".switch")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(os.path.relpath(target, pointer.parent))
    temporary.replace(pointer)


def _connect_work(work: Path) -> duckdb.DuckDBPyConnection:
    """A writable connection to the copy `work`, spilling beside it (`_spill`)."""
    return duckdb.connect(str(work), config=duckdb_config(_spill(work)))


def _spill(work: Path) -> Path:
    """Where DuckDB writes what does not fit in its memory limit while `work` is loaded: a folder
    beside the copy, removed with it (and, beside the versions, by the next import when the
    process was killed: its name holds `.tmp`)."""
    return work.with_name(work.name + ".spill")


def _discard(con: duckdb.DuckDBPyConnection, work: Path) -> None:
    """Close and delete a copy that will not become a version."""
    con.close()
    work.unlink(missing_ok=True)
    work.with_name(work.name + ".wal").unlink(missing_ok=True)
    shutil.rmtree(_spill(work), ignore_errors=True)


@contextmanager
def new_version(
    pointer: Path,
    commit: bool = True,
    what: str = "",
    wait: float = 300,
    echo: Callable[[str], None] = print,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable copy of the current warehouse that becomes current only if the block succeeds;
    without `commit` (a dry run) the copy is always thrown away, and is made without waiting
    for a running import (`_throwaway_copy`). `what` (the files) says what is running to a
    writer that has to wait for it (`_lock`)."""
    if not commit:
        with _throwaway_copy(pointer) as con:
            yield con
        return
    folder = versions_dir(pointer)
    doing = f"the import of {what}" if what else "a rebuild of the views"
    with _lock(folder, doing, wait, echo):
        for stale in folder.glob("*.tmp*"):  # left by an import that was killed
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink()
        existing = list_versions(pointer)
        number = int(existing[-1].stem[1:]) + 1 if existing else 1
        target = folder / f"v{number:05d}.duckdb"
        work = target.with_suffix(".duckdb.tmp")
        source = current_version(pointer)
        if source is not None:
            shutil.copyfile(source, work)
        con = _connect_work(work)
        try:
            yield con
            if commit:
                if source is not None:  # the history an undo walks back along
                    con.execute(
                        "INSERT OR REPLACE INTO settings VALUES ('previous_version', $name)",
                        {"name": source.name},
                    )
                con.execute("CHECKPOINT")
                con.close()
                shutil.rmtree(_spill(work), ignore_errors=True)
        except BaseException:
            _discard(con, work)
            raise
        if not commit:
            _discard(con, work)
            return
        work.replace(target)
        _point(pointer, target)
        for old in list_versions(pointer)[:-KEEP_VERSIONS]:
            old.unlink()


@contextmanager
def _throwaway_copy(pointer: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable copy of the current version in the temporary folder, for a dry run. A
    committed version file never changes, so it is copied without the writers' lock: a
    preview never waits behind a running import."""
    handle, name = tempfile.mkstemp(prefix="studio-preview-", suffix=".duckdb")
    os.close(handle)
    work = Path(name)
    source = current_version(pointer)
    if source is not None:
        shutil.copyfile(source, work)
    else:
        work.unlink()  # DuckDB makes a new database where there is no file
    con = _connect_work(work)
    try:
        yield con
    finally:
        _discard(con, work)


@contextmanager
def scratch_folder(pointer: Path, commit: bool = True) -> Iterator[Path]:
    """A folder for an import's working files (UTF-8 copies of exports), removed afterwards:
    beside the versions for an import (one a killed import left is removed by the next,
    `new_version`), in the temporary folder for a dry run, which holds no lock."""
    place = versions_dir(pointer) if commit else None
    folder = Path(
        tempfile.mkdtemp(prefix="scratch.tmp" if commit else "studio-scratch-", dir=place)
    )
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Undone:
    """What an undo did: the version now current, and the import run it took back."""

    version: Path
    run: int | None
    files: list[str]

    def __str__(self) -> str:
        files = f" ({', '.join(self.files)})" if self.files else ""
        return f"Undid run {self.run}{files}; the warehouse is back at {self.version.name}."


UNDO_LOG = "undos.jsonl"  # beside the versions: an undo leaves no trace in the version it restores


def roll_back(
    pointer: Path, seen: Path | None = None, run: int | None = None, by: str | None = None
) -> Undone:
    """Point the warehouse back to the version it was before its last import and say so
    (versions made by a rebuild after that import go back with it).

    Refused when the warehouse moved on since the user looked: its current version is not
    `seen`, or its last import is not run `run` (given either). Each undo is logged with
    when, `by` whom (else this computer's user), the run and its files (`undo_log`)."""
    folder = versions_dir(pointer)
    with _lock(folder, "an undo of the last import"):
        current = current_version(pointer)
        if current is None:
            raise ValueError("there is no warehouse to roll back")
        last_run, target = _lineage(current)[1], current
        if (seen is not None and current != seen) or (run is not None and last_run != run):
            raise ValueError(
                f"the warehouse changed since you looked: its last import is now run "
                f"{last_run}. Nothing was undone; look at the import history and try again"
            )
        while True:
            previous = _lineage(target)[0] or _numbered_before(pointer, target)
            if previous is None or not (folder / previous).exists():
                raise ValueError("there is no earlier version to roll back to")
            target = folder / previous
            if _lineage(target)[1] != last_run:
                break
        files = _run_files(current, last_run)
        _point(pointer, target)
        entry = {
            "at": datetime.now().isoformat(timespec="seconds"),
            "by": by or getpass.getuser(),
            "run": last_run,
            "files": files,
        }
        with (folder / UNDO_LOG).open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")
        return Undone(target, last_run, files)


def undo_log(pointer: Path) -> list[dict]:
    """Every undo of the warehouse at `pointer`, newest first (lines that cannot be read are
    left out: the log is a record, never a reason to fail)."""
    path = versions_dir(pointer) / UNDO_LOG
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries[::-1]


def _run_files(version: Path, run: int | None) -> list[str]:
    """The names of the files import run `run` of `version` read."""
    con = connect_read_only(version)
    try:
        sql = "SELECT file_name FROM import_files WHERE run_id = $run ORDER BY file_name"
        return [name for (name,) in con.execute(sql, {"run": run}).fetchall()]
    finally:
        con.close()


def _numbered_before(pointer: Path, version: Path) -> str | None:
    """The version numbered just before `version` (warehouses made before versions recorded
    where they came from)."""
    older = [v for v in list_versions(pointer) if v < version]
    return older[-1].name if older else None


def _lineage(version: Path) -> tuple[str | None, int | None]:
    """The version a version was made from, and the number of the last import run it holds."""
    con = connect_read_only(version)
    try:
        previous = con.execute(
            "SELECT value FROM settings WHERE key = 'previous_version'"
        ).fetchall()
        last_run = first_row(con.execute("SELECT max(run_id) FROM import_runs"))[0]
    finally:
        con.close()
    return (previous[0][0] if previous else None), last_run


def bound(sql: str, params: dict) -> dict:
    """The parameters `sql` names ($name): DuckDB refuses any it does not use."""
    return {name: value for name, value in params.items() if f"${name}" in sql}


def first_row(result: duckdb.DuckDBPyConnection) -> tuple | None:
    """The first row of a result, read to the end (DuckDB 2 keeps unfinished results open)."""
    rows = result.fetchall()
    return rows[0] if rows else None
