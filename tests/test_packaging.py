"""The installable project: the wheel holds everything the app reads at runtime, `studio` offers
every command, and the lock files pin every package of this environment."""

from __future__ import annotations

import configparser
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

import studio_cli
from studio import ROOT

COMMANDS = ("load", "rollback", "rebuild", "demo", "team", "report", "run")
# Not part of the checkout's package: the environment, generated files, test and bench tooling.
LEFT_OUT = {".git", ".venv", "build", "dist", "data", "screenshots", "profiles", "__pycache__",
            ".hypothesis", ".pytest_cache", ".ruff_cache"}  # fmt: skip
NOT_PACKAGED = {"tests", "benchmarks", "docs"}
PROJECT = "studio-accounts"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[\w,-]+\])?==([^\s;\\]+)")


def normal(name: str) -> str:
    """A distribution name as package indexes compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    """{name: version} of a lock file; every pin must carry a hash."""
    found: dict[str, str] = {}
    blocks = re.split(r"\n(?=\S)", lock.read_text())
    for block in blocks:
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{lock.name}: {match[1]} has no hash"
            found[normal(match[1])] = match[2]
    return found


def declared(requirements: list[str]) -> dict[str, str]:
    """{name: version} of `name==version` requirements; anything else is not a pin."""
    found = {}
    for requirement in requirements:
        match = PIN.match(requirement)
        assert match, f"pyproject.toml: {requirement!r} is not pinned with =="
        found[normal(match[1])] = match[2]
    return found


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel built offline from a copy of the checkout (the build writes into its source)."""
    source = tmp_path_factory.mktemp("source") / "studio-accounts"
    shutil.copytree(
        ROOT, source, ignore=lambda _, names: [n for n in names if n in LEFT_OUT or n.endswith(".egg-info")]
    )  # fmt: skip
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--quiet", "--wheel-dir", str(out), str(source)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("studio_accounts-*.whl")
    return zipfile.ZipFile(path)


def test_the_wheel_holds_every_sql_file_page_module_and_the_streamlit_config(wheel):
    names = set(wheel.namelist())
    sql = [p.relative_to(ROOT).as_posix() for p in (ROOT / "sql").rglob("*.sql")]
    assert len(sql) > 50
    assert not [name for name in sql if name not in names]
    pages = re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text())
    assert sorted(pages) == sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py")
    )  # app.py names every page file
    assert {"app.py", *pages} <= names
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "app_pages").glob("*.py")} <= names
    # Every module of the checkout outside the tests and benchmarks, new packages included.
    tops = [p for p in ROOT.iterdir() if p.name not in LEFT_OUT | NOT_PACKAGED]
    found = [p for top in tops for p in ([top] if top.is_file() else top.rglob("*.py"))]
    modules = [p.relative_to(ROOT).as_posix() for p in found if p.suffix == ".py"]
    assert {"settings.py", "ui.py", "studio_cli.py", "etl/cli.py"} <= set(modules)
    assert not [name for name in modules if name not in names]
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/"))]
    config = wheel.read("studio_streamlit/config.toml")
    assert config == (ROOT / ".streamlit" / "config.toml").read_bytes()


def test_the_wheel_declares_the_studio_command(wheel):
    (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    parsed = configparser.ConfigParser()
    parsed.read_string(wheel.read(entry_points).decode())
    assert dict(parsed["console_scripts"]) == {"studio": "studio_cli:main"}
    assert callable(studio_cli.main)


def studio(*args: str, script: bool = False) -> subprocess.CompletedProcess:
    """`studio ARGS…` as the installed script (beside this Python) or `python -m studio_cli`."""
    command = [str(Path(sys.executable).with_name("studio"))] if script else [sys.executable, "-m", "studio_cli"]  # fmt: skip
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("script", [True, False], ids=["studio", "python -m studio_cli"])
def test_studio_help_lists_every_command(script):
    if script:
        assert Path(sys.executable).with_name("studio").exists(), (
            "no `studio` beside this Python: install the project (make does: pip install --no-deps -e .)"
        )
    shown = studio("--help", script=script)
    assert shown.returncode == 0, shown.stderr
    listed = re.findall(r"^  (\w+) ", shown.stdout.split("commands:")[1], flags=re.MULTILINE)
    assert listed == list(COMMANDS)


def test_each_command_keeps_its_own_arguments():
    report = studio("report", "--help")
    assert report.returncode == 0, report.stderr
    assert "{weekly,monthly,backtest,send}" in report.stdout
    demo = studio("demo", "--help")
    assert "--as-of" in demo.stdout and "--scale" in demo.stdout
    run = studio("run", "--help")
    assert "--port" in run.stdout and "--db" in run.stdout
    unknown = studio("serve")
    assert unknown.returncode == 2
    assert "invalid choice: 'serve'" in unknown.stderr


def test_studio_run_passes_every_option_of_the_streamlit_config_as_a_flag():
    path = studio_cli.streamlit_config()
    assert path == ROOT / ".streamlit" / "config.toml"
    flags = studio_cli.streamlit_flags(path)
    config = tomllib.loads(path.read_text())
    expected = {f"{section}.{key}" for section, options in config.items() for key in options}
    keys = [flag.removeprefix("--").split("=")[0] for flag in flags]
    assert sorted(keys) == sorted(expected)
    # Each one is an option this Streamlit knows (a renamed one would be refused at start).
    assert not [key for key in keys if key not in streamlit_config._config_options_template]
    assert "--server.address=127.0.0.1" in flags
    assert "--client.showErrorDetails=none" in flags
    assert "--client.disableDataExport=true" in flags
    assert "--server.maxUploadSize=200" in flags


def test_the_locks_pin_every_dependency_at_the_version_pyproject_declares(pyproject):
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    project = pyproject["project"]
    direct = declared(project["dependencies"])
    extra = declared(project["optional-dependencies"]["dev"])
    assert {name: runtime.get(name) for name in direct} == direct
    assert {name: dev.get(name) for name in direct | extra} == direct | extra
    assert {name: dev.get(name) for name in runtime} == runtime  # one resolution for both
    # The offline wheel build uses the dev environment's setuptools: the build's own pin.
    assert declared(pyproject["build-system"]["requires"]) == {"setuptools": extra["setuptools"]}


def test_the_dev_lock_pins_every_package_installed_here():
    lock = pins(ROOT / "requirements-dev.txt")
    installed = {normal(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    # The project itself (installed from the checkout) and pip (the venv's own installer).
    assert installed.pop(PROJECT, None) is not None, "the project is not installed (make does)"
    installed.pop("pip")
    unpinned = {name: version for name, version in installed.items() if lock.get(name) != version}
    assert not unpinned, (
        f"installed but not pinned at this version in requirements-dev.txt: {unpinned}"
    )
