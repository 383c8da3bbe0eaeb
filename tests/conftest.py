"""Shared fixtures: the hand-made studio (exports written by hand) and the demo studio (generated
by demo.studio), each written once per test run and loaded once into a warehouse."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from demo.studio import write_demo
from etl.load import load_files
from studio import DEMO_AS_OF, DEMO_SEED, FIXTURES, PROJECTS, write_workbook


@pytest.fixture(autouse=True)
def account_log_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test its own account log (none written yet), never the developer's
    data/account_log.jsonl; the path, for tests that write or read it."""
    path = tmp_path_factory.mktemp("account_log") / "account_log.jsonl"
    monkeypatch.setenv("STUDIO_ACCOUNT_LOG", str(path))
    return path


@pytest.fixture(scope="session")
def studio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made studio's export files in a folder of their own."""
    folder = tmp_path_factory.mktemp("studio")
    for source in (FIXTURES / "studio").iterdir():
        shutil.copy(source, folder / source.name)
    write_workbook(folder / "projects.xlsx", "Projects", PROJECTS)
    return folder


@pytest.fixture(scope="session")
def studio_db(studio_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse (pointer path) holding the hand-made studio."""
    pointer = tmp_path_factory.mktemp("warehouse") / "studio.duckdb"
    load_files([studio_dir], pointer, echo=lambda _: None)
    return pointer


@pytest.fixture(scope="session")
def demo_exports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The demo studio's nine export files (seed DEMO_SEED, as of DEMO_AS_OF), written once
    per test run, as write_demo returns them (sorted). Tests read them and never change them."""
    return write_demo(tmp_path_factory.mktemp("demo") / "exports", seed=DEMO_SEED, as_of=DEMO_AS_OF)


@pytest.fixture(scope="session")
def demo_db(demo_exports: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse (pointer path) holding the demo studio, imported once per test run (one
    import run). Tests only read it; a test that imports or undoes works on a copy
    (copy_warehouse)."""
    pointer = tmp_path_factory.mktemp("demo_warehouse") / "studio.duckdb"
    load_files(demo_exports, pointer, echo=lambda _: None)
    return pointer


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes]]:
    """What the download buttons drawn so far would build when clicked, by file name."""
    builds = {}
    register = MediaFileManager.add_deferred

    def remember(self, build, mimetype, coordinates, file_name=None, **options):
        builds[file_name] = build
        return register(self, build, mimetype, coordinates, file_name=file_name, **options)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    return builds
