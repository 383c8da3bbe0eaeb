"""Paths come from one place: the environment moves them, and the defaults sit under the folder a
command runs in (so an installed `studio` keeps its data beside the user, not in the package)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb
import pytest

import settings


def test_defaults_are_under_the_current_folder(tmp_path, monkeypatch):
    for variable in ("STUDIO_DB", "STUDIO_PROFILES", "STUDIO_SCENARIOS"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    assert settings.warehouse_path() == tmp_path / "data" / "studio.duckdb"
    assert settings.profiles_folder() == tmp_path / "profiles"
    assert settings.scenarios_folder() == tmp_path / "data" / "scenarios"
    assert settings.demo_folder() == tmp_path / "data" / "demo"


def test_the_environment_moves_each_path_and_an_explicit_one_wins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STUDIO_DB", "elsewhere/w.duckdb")
    monkeypatch.setenv("STUDIO_PROFILES", str(tmp_path / "p"))
    monkeypatch.setenv("STUDIO_SCENARIOS", "~/scenarios")
    assert settings.warehouse_path() == tmp_path / "elsewhere" / "w.duckdb"
    assert settings.warehouse_path("other.duckdb") == tmp_path / "other.duckdb"
    assert settings.profiles_folder() == tmp_path / "p"
    assert settings.scenarios_folder().parts[-1] == "scenarios"
    assert "~" not in str(settings.scenarios_folder())


def test_the_code_folder_holds_the_sql_and_the_app():
    assert (settings.SQL / "queries" / "attention.sql").is_file()
    assert (settings.CODE / "app.py").is_file()


def test_duckdb_memory_is_limited_and_the_environment_moves_the_limit(tmp_path, monkeypatch):
    monkeypatch.delenv("STUDIO_MEMORY_LIMIT", raising=False)
    assert settings.memory_limit() == "500MB"
    monkeypatch.setenv("STUDIO_MEMORY_LIMIT", " 2GB ")
    config = settings.duckdb_config(tmp_path / "spill")
    assert config["autoinstall_known_extensions"] is False
    con = duckdb.connect(config=config)
    limit, spill = con.execute(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchone()
    con.close()
    assert (limit, spill) == ("1.8 GiB", str(tmp_path / "spill"))  # DuckDB's way of saying 2GB
    monkeypatch.setenv("STUDIO_MEMORY_LIMIT", "lots")
    with pytest.raises(ValueError, match="STUDIO_MEMORY_LIMIT is 'lots': give a size"):
        settings.memory_limit()


def test_readers_of_one_process_spill_to_one_folder_of_their_own():
    folder = settings.reader_spill_folder()
    assert folder == settings.reader_spill_folder()  # one file opened twice needs equal settings
    assert str(os.getpid()) in folder.name and folder.parent == Path(tempfile.gettempdir())
