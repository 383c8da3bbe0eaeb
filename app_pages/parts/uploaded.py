"""Files uploaded on the Import page: saved under their own names, and the cached dry run of
their import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

import ui
from actions import imports, profiles


def saved_uploads(files: list[Any], key: str = "upload_folder") -> list[Path]:
    """The uploaded files written under their own names (kept apart when two share one) to
    this session's temporary folder (made on the first upload: a view without one leaves no
    folder behind)."""
    if not files and key not in st.session_state:
        return []
    if key not in st.session_state:
        st.session_state[key] = str(imports.upload_folder())
    folder = Path(st.session_state[key])
    folder.mkdir(exist_ok=True)  # removed if the session sat idle for a day
    paths = []
    for upload, name in zip(files, imports.upload_names([f.name for f in files]), strict=True):
        path = folder / name
        path.write_bytes(upload.getvalue())
        paths.append(path)
    for stale in set(folder.iterdir()) - set(paths):
        stale.unlink()
    return paths


@st.cache_data(max_entries=8, show_spinner="Checking the files with a dry run of the import…")
def _dry_run(
    paths: tuple[str, ...],
    stamp: tuple,
    version: str,
    saved: str,
    date_order: str | None,
    complete: bool,
) -> imports.Preview:
    return imports.preview([Path(p) for p in paths], date_order, complete)


def dry_run(paths: list[Path], date_order: str | None, complete: bool) -> imports.Preview:
    """What importing `paths` would do, cached until the files, the warehouse or the saved
    profiles change."""
    stamp = tuple((p.stat().st_size, p.stat().st_mtime_ns) for p in paths)
    saved = "".join(profile.to_json() for profile in profiles.saved())
    version = str(ui.warehouse().version)
    return _dry_run(tuple(map(str, paths)), stamp, version, saved, date_order, complete)
