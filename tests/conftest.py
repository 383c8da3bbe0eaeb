"""Shared fixtures: the hand-made studio (exports written by hand) loaded into a warehouse."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from etl.load import load_files
from studio import FIXTURES, PROJECTS, write_workbook


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
