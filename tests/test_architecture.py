"""The house rules that keep the code in its rooms: which part may import which, and a module
table in docs/architecture.md that names every module once and nothing that does not exist."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

from studio import ROOT

# Each part of the project and the parts it may import. Data flows one way: settings at the
# bottom, the import path (etl) on it, the read side (metrics) beside it, the write side
# (actions) and the reports above, the Streamlit edge (ui, app_pages, app) on top.
ALLOWED = {
    "settings": set(),
    "etl": {"settings"},
    "demo": {"settings", "etl"},
    "metrics": {"settings"},
    "reports": {"settings", "metrics"},
    "actions": {"settings", "etl", "metrics"},
    "ui": {"settings", "metrics", "actions", "reports"},
    "app_pages": {"settings", "metrics", "actions", "reports", "ui"},
    "app": {"ui"},
    "serve": set(),
    "studio_cli": {"settings", "etl", "demo", "reports", "actions"},
}
# Third-party packages only some parts may use.
RESERVED = {
    "streamlit": {"ui", "app_pages", "app", "serve"},
    "plotly": {"metrics", "ui", "app_pages"},
}
PLOTLY_MODULES = {"metrics/charts.py"}  # inside metrics, the one module that draws
SKIPPED = {".venv", "tests", "benchmarks", "data", "docs", "sql", ".git"}


def part_of(path: Path, root: Path) -> str:
    """The part a source file belongs to: its top folder, or its own name at the top."""
    relative = path.relative_to(root)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def source_files(root: Path) -> list[Path]:
    """Every Python file of the project (not its tests, benchmarks or data)."""
    return sorted(
        path
        for path in root.rglob("*.py")
        if not SKIPPED & set(path.relative_to(root).parts[:-1]) and not path.name.startswith(".")
    )


def imported(path: Path) -> set[str]:
    """The top-level names of every module `path` imports (at any depth of the file)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def forbidden_edges(root: Path) -> list[str]:
    """Each import that breaks the house rules, as 'file: imports name (why)'."""
    parts = {part_of(path, root) for path in source_files(root)}
    found = []
    for path in source_files(root):
        part, where = part_of(path, root), path.relative_to(root).as_posix()
        if part not in ALLOWED:
            found.append(f"{where}: {part} is not in the table of parts (tests/test_architecture)")
            continue
        for name in sorted(imported(path)):
            if name in parts and name != part and name not in ALLOWED[part]:
                found.append(f"{where}: imports {name} ({part} may import {ALLOWED[part]})")
            elif name in RESERVED and part not in RESERVED[name]:
                found.append(f"{where}: imports {name} (only {RESERVED[name]} may)")
            elif name == "plotly" and part == "metrics" and where not in PLOTLY_MODULES:
                found.append(f"{where}: imports plotly (in metrics only {PLOTLY_MODULES})")
    return found


def test_no_part_imports_what_it_must_not():
    assert forbidden_edges(ROOT) == []


@pytest.mark.parametrize(
    ("where", "line", "complaint"),
    [
        ("metrics/extra.py", "from etl import load", "metrics/extra.py: imports etl"),
        ("metrics/extra.py", "import actions.imports", "metrics/extra.py: imports actions"),
        ("etl/extra.py", "from metrics.db import read", "etl/extra.py: imports metrics"),
        ("reports/extra.py", "import streamlit as st", "reports/extra.py: imports streamlit"),
        ("reports/extra.py", "import plotly.express", "reports/extra.py: imports plotly"),
        ("metrics/extra.py", "import plotly", "metrics/extra.py: imports plotly"),
        (
            "app_pages/extra.py",
            "from etl.load import load_files",
            "app_pages/extra.py: imports etl",
        ),
        ("settings.py", "import etl", "settings.py: imports etl"),
        ("newpart/extra.py", "import os", "newpart/extra.py: newpart is not in the table"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path, where, line, complaint):
    for part in ("settings", "etl", "metrics", "actions", "reports", "ui", "app_pages"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "__init__.py").write_text("")
    (tmp_path / where).parent.mkdir(exist_ok=True)
    (tmp_path / where).write_text(f"def f():\n    {line}\n")
    assert any(found.startswith(complaint) for found in forbidden_edges(tmp_path))


def module_table(text: str) -> str:
    """The rows of the table under the heading "Modules"."""
    after = text.split("### Modules\n", 1)[-1].lstrip("\n")
    return "\n".join(itertools.takewhile(lambda line: line.startswith("|"), after.splitlines()))


def documented_modules(text: str) -> list[str]:
    """Every module the module table of docs/architecture.md names, as a path, in order."""
    found = []
    for row in re.findall(r"^\| `([^`]+)` \|(.*)$", module_table(text), flags=re.MULTILINE):
        place, description = row
        if place.endswith(".py"):
            found.append(place)
        else:
            found += [place + name for name in re.findall(r"`(\w+\.py)`", description)]
    return found


def code_modules(root: Path) -> set[str]:
    """Every module of the project, as a path (not `__init__`/`__main__`, which the commands
    and packages stand for)."""
    return {
        path.relative_to(root).as_posix()
        for path in source_files(root)
        if path.name not in ("__init__.py", "__main__.py")
    }


def module_table_problems(text: str, root: Path) -> list[str]:
    """What the module table gets wrong: a module named twice, missing, or not in the code."""
    named = documented_modules(text)
    actual = code_modules(root)
    twice = sorted({name for name in named if named.count(name) > 1})
    return (
        [f"{name} is named more than once" for name in twice]
        + [f"{name} is not in the table" for name in sorted(actual - set(named))]
        + [f"{name} does not exist" for name in sorted(set(named) - actual)]
    )


def test_the_module_table_names_each_module_once_and_only_real_ones():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert module_table_problems(text, ROOT) == []


def test_a_stale_missing_or_repeated_module_name_is_caught(tmp_path):
    (tmp_path / "metrics").mkdir()
    for name in ("db.py", "queries.py", "__init__.py"):
        (tmp_path / "metrics" / name).write_text("")
    (tmp_path / "ui.py").write_text("")
    table = (
        "### Modules\n\n| Module | What |\n|---|---|\n"
        "| `ui.py` | the helper |\n"
        "| `metrics/` | `db.py` (reads), `downloads.py` (gone), `db.py` again |\n"
        "\nText after the table: `metrics/` | `queries.py` is not a row of it.\n"
    )
    assert module_table_problems(table, tmp_path) == [
        "metrics/db.py is named more than once",
        "metrics/queries.py is not in the table",
        "metrics/downloads.py does not exist",
    ]
