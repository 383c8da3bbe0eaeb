"""Column-mapping profiles saved, shared and deleted from the app; the import path reads them
(etl.profiles), and what the page needs to build one is named here."""

from __future__ import annotations

from pathlib import Path

from actions.team import Person, require_writer
from etl.formats import closest
from etl.profiles import (
    FIELDS,
    Profile,
    ProfileError,
    from_json,
    guess,
    mapped_values,
    problems,
    saved,
    unusable,
)
from etl.sources import SourceError, sample
from settings import profiles_folder as folder

__all__ = [
    "FIELDS",
    "Profile",
    "ProfileError",
    "SourceError",
    "closest",
    "delete",
    "from_json",
    "guess",
    "mapped_values",
    "problems",
    "sample",
    "save",
    "saved",
    "unusable",
]


def save(profile: Profile, by: Person) -> Path:
    """Write `profile` to its file (replacing one of the same name) and return the path
    (PermissionError unless `by` may change how the data is read)."""
    require_writer(by)
    wrong = problems(profile)
    if wrong:
        raise ProfileError("; ".join(wrong))
    folder().mkdir(parents=True, exist_ok=True)
    path = folder() / f"{profile.slug}.json"
    path.write_text(profile.to_json() + "\n", encoding="utf-8")
    return path


def delete(profile: Profile, by: Person) -> None:
    """Remove a saved profile (PermissionError unless `by` may)."""
    require_writer(by)
    (folder() / f"{profile.slug}.json").unlink(missing_ok=True)
