"""The command line as a user runs it: exit codes, messages, and the demo studio end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.load import load_files, rebuild
from etl.warehouse import current_version, roll_back
from studio import DEMO_AS_OF, DEMO_SEED, ROOT, copy_warehouse, query

TABLES = ("raw_clients", "raw_rate_card", "raw_projects", "raw_deliverables", "raw_time_entries",
          "raw_expenses", "raw_invoices")  # fmt: skip


def run_etl(
    *args: str, env: dict | None = None, module: str = "etl"
) -> subprocess.CompletedProcess:
    """`python -m etl ARGS…` (or another module's command) from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def table_counts(pointer: Path) -> dict[str, int]:
    """Rows per raw table."""
    return {t: query(pointer, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def test_load_prints_each_file_and_exits_zero(studio_dir, tmp_path):
    result = run_etl("load", "--db", str(tmp_path / "w.duckdb"), str(studio_dir))
    assert result.returncode == 0, result.stderr
    assert (
        "harvest_time.csv: Harvest detailed time report, UTF-8 — 8 rows: loaded 5, rejected 3, "
        "skipped 0" in result.stdout
    )
    assert (
        "xero_invoices.csv: Xero invoices export, UTF-8 — 5 rows: loaded 5, rejected 0, skipped 0"
        in result.stdout
    )
    assert "Reconciled: hours 20.50 = 20.50" in result.stdout


def test_an_unreadable_file_exits_non_zero_naming_it(tmp_path):
    odd = tmp_path / "notes.csv"
    odd.write_text("Colour,Size\nred,L\n")
    result = run_etl("load", str(odd), env={"STUDIO_DB": str(tmp_path / "w.duckdb")})
    assert result.returncode == 1
    assert "notes.csv: not a recognised export" in result.stderr
    assert "nothing was changed" in result.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_an_import_beyond_the_memory_limit_says_how_to_raise_it_and_changes_nothing(
    studio_dir, tmp_path
):
    pointer = tmp_path / "w.duckdb"
    result = run_etl(
        "load", "--db", str(pointer), str(studio_dir), env={"STUDIO_MEMORY_LIMIT": "1MB"}
    )
    assert result.returncode == 1
    assert (
        "Import failed, nothing was changed: DuckDB needed more memory than its limit of 1MB "
        "allows ($STUDIO_MEMORY_LIMIT); set a larger one, e.g. STUDIO_MEMORY_LIMIT=2GB"
    ) in result.stderr
    assert not pointer.exists()
    assert [p.name for p in (tmp_path / "w.versions").iterdir()] == [".lock"]  # no spill left


@pytest.fixture(scope="module")
def demo(
    demo_exports: list[Path], demo_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, subprocess.CompletedProcess, dict[str, int]]:
    """`python -m demo` run once, as a user runs it, into a copy of the test run's demo
    warehouse (conftest's demo_db: the same files imported once already), so the command is
    tested and the demo is imported twice into the same warehouse without writing or
    importing it a third time."""
    folder = tmp_path_factory.mktemp("demo_command")
    out, pointer = folder / "exports", copy_warehouse(demo_db, folder / "warehouse")
    counts = table_counts(pointer)
    as_of = DEMO_AS_OF.isoformat()
    args = ("--out", str(out), "--db", str(pointer), "--as-of", as_of, "--seed", str(DEMO_SEED))
    second = run_etl(*args, module="demo")
    assert second.returncode == 0, second.stderr
    return out, pointer, second, counts


def test_the_demo_loads_without_rejects(demo, demo_db, demo_exports):
    out, _, second, _ = demo
    # The first import (conftest, the same files): one run, nothing rejected, skipped or replaced.
    first = "SELECT files, rows_rejected, rows_skipped, rows_replaced FROM import_runs"
    # Nine files: the seven exports and templates, then targets.csv and pipeline.csv.
    assert query(demo_db, first) == [(9, 0, 0, 0)]
    # The command writes the same bytes in its own process, and imports them cleanly again,
    # replacing the first import's rows.
    assert [(p.name, p.read_bytes()) for p in sorted(out.iterdir())] == [
        (p.name, p.read_bytes()) for p in demo_exports
    ]
    assert "Wrote 9 demo export files to" in second.stdout
    read = query(demo_db, "SELECT rows_read FROM import_runs")[0][0]
    summary = f"Imported 9 file(s): {read:,} rows read, 0 rejected, 0 skipped; "
    assert summary in second.stdout
    assert not second.stdout.endswith(f"{summary}0 earlier rows replaced.\n")


def test_loading_the_demo_twice_leaves_the_counts_unchanged(demo):
    _, pointer, _, counts = demo
    assert table_counts(pointer) == counts
    assert counts["raw_time_entries"] >= 150_000
    assert counts["raw_projects"] >= 1_000
    assert query(pointer, "SELECT count(*) FROM import_runs") == [(2,)]


def test_rebuild_if_stale_only_rebuilds_views_built_from_other_sql(studio_dir, tmp_path):
    pointer = tmp_path / "w.duckdb"
    assert run_etl("load", "--db", str(pointer), str(studio_dir)).returncode == 0
    fresh = run_etl("rebuild", "--if-stale", "--db", str(pointer))
    assert "up to date" in fresh.stdout
    con = duckdb.connect(str(pointer.resolve()))  # as if built by an older release
    con.execute("UPDATE settings SET value = 'older' WHERE key = 'sql_version'")
    con.close()
    stale = run_etl("rebuild", "--if-stale", "--db", str(pointer))
    assert stale.returncode == 0 and "Rebuilt; reconciled: hours 20.50" in stale.stdout


def test_rollback_returns_to_the_warehouse_before_the_last_import(studio_dir, tmp_path):
    pointer = tmp_path / "w.duckdb"
    assert run_etl("load", "--db", str(pointer), str(studio_dir / "clients.csv")).returncode == 0
    before = table_counts(pointer)
    assert run_etl("load", "--db", str(pointer), str(studio_dir)).returncode == 0
    assert table_counts(pointer) != before
    # Told which run to undo, it refuses when the last import is another one.
    moved = run_etl("rollback", "--db", str(pointer), "--run", "1")
    assert moved.returncode == 1
    assert "Nothing was undone: the warehouse changed since you looked" in moved.stderr
    assert "its last import is now run 2" in moved.stderr
    result = run_etl("rollback", "--db", str(pointer), "--run", "2")
    assert result.returncode == 0
    assert result.stdout.startswith("Undid run 2 (clients.csv, deliverables.csv, ")
    assert "the warehouse is back at v00001.duckdb." in result.stdout
    assert table_counts(pointer) == before
    assert run_etl("rollback", "--db", str(pointer)).returncode == 1  # nothing earlier


def test_rollback_skips_a_rebuild_made_after_the_last_import(studio_dir, tmp_path):
    pointer = tmp_path / "studio.duckdb"
    load_files([studio_dir / "clients.csv"], pointer, echo=lambda _: None)
    before = current_version(pointer)
    load_files([studio_dir / "harvest_time.csv"], pointer, echo=lambda _: None)
    rebuild(pointer, echo=lambda _: None)  # a third version, holding the same runs
    assert roll_back(pointer).version == before


def test_undo_after_undos_and_a_new_import_returns_to_where_that_import_started(tmp_path):
    def projects(*codes: str) -> Path:
        path = tmp_path / f"{'_'.join(codes)}.csv"
        rows = "".join(f"Acme,Project {code},{code},Hours,20\n" for code in codes)
        path.write_text("Client,Project,Project Code,Budget By,Budget\n" + rows)
        return path

    pointer = tmp_path / "studio.duckdb"
    for code in ("X-1", "X-2", "X-3"):
        load_files([projects(code)], pointer, echo=lambda _: None)
    roll_back(pointer)
    roll_back(pointer)  # back to X-1 alone
    load_files([projects("Y-1")], pointer, echo=lambda _: None)
    roll_back(pointer)
    assert query(pointer, "SELECT project_code FROM projects") == [("X-1",)]
