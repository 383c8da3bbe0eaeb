"""Browser tests: the real app served on a free port, driven by headless Debian chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from studio import ROOT, copy_warehouse

CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests without chromium, except in CI where a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            "CI needs /usr/bin/chromium for the browser tests (apt-get install chromium)"
        )
    skip = pytest.mark.skip(reason="no /usr/bin/chromium: install Debian's chromium package")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's chromium, not a browser downloaded by Playwright."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"],
    }


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(
    command: list[str], url: str, what: str, env: dict[str, str] | None = None
) -> Iterator[None]:
    """Run a server `command` until the caller is done, once it answers at `url` (60 s at
    most); yield nothing."""
    process = subprocess.Popen(
        command, cwd=ROOT, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError(f"{what} did not start within 60 s")
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=20)


def serve(pointer: Path, *flags: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the app on the warehouse at `pointer` until the caller is done; yield its URL."""
    yield from serve_on(free_port(), pointer, *flags, env=env)


def serve_on(
    port: int, pointer: Path, *flags: str, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Run the app on `port` (and the Streamlit `flags`) until the caller is done; yield its
    URL (under the flags' --server.baseUrlPath, if any)."""
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", *flags]  # fmt: skip
    base = flags[flags.index("--server.baseUrlPath") + 1] if "--server.baseUrlPath" in flags else ""
    url = f"http://127.0.0.1:{port}/{base}".rstrip("/")
    with running(
        command, f"{url}/_stcore/health", "the app", {"STUDIO_DB": str(pointer), **(env or {})}
    ):
        yield url


@pytest.fixture(scope="session")
def app_url(studio_db: Path) -> Iterator[str]:
    """The app serving the hand-made studio."""
    yield from serve(studio_db)


@pytest.fixture
def fresh_app(studio_db: Path, tmp_path: Path) -> Iterator[str]:
    """The app on its own copy of the hand-made studio, for a test that changes the data."""
    yield from serve(copy_warehouse(studio_db, tmp_path / "warehouse"))
