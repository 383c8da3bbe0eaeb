"""Read-only access to one warehouse version; every query runs from a file in sql/queries."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from settings import SQL, current_version, duckdb_config, reader_spill_folder, warehouse_path

QUERIES = SQL / "queries"
_connections: dict[Path, duckdb.DuckDBPyConnection] = {}
_lock = threading.Lock()
_shared_caches: list[functools._lru_cache_wrapper] = []  # every `shared` function's, for `forget`


@dataclass(frozen=True)
class Warehouse:
    """One committed version of the warehouse; a new import gives a new version (and cache key)."""

    version: Path | None

    @property
    def empty(self) -> bool:
        """True when nothing has been imported yet."""
        return self.version is None


def current(explicit: str | None = None) -> Warehouse:
    """The version the warehouse pointer resolves to right now."""
    return Warehouse(current_version(warehouse_path(explicit)))


def _connection(version: Path) -> duckdb.DuckDBPyConnection:
    """One shared read-only connection per version file (each query takes its own cursor)."""
    with _lock:
        if version not in _connections:
            # Keep the previous version open for sessions still reading it; close older ones.
            for stale in sorted(_connections)[:-1]:
                _connections.pop(stale).close()
            config = duckdb_config(reader_spill_folder())
            _connections[version] = duckdb.connect(str(version), read_only=True, config=config)
        return _connections[version]


@functools.cache
def _sql(name: str) -> str:
    """The text of `sql/queries/<name>.sql`."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def read(
    warehouse: Warehouse, name: str, as_of: date | None = None, **params: object
) -> pd.DataFrame:
    """Run `sql/queries/<name>.sql` with bound parameters, its views computed as of `as_of` and,
    when the parameters hold the viewer's scope (`visible`, metrics/scope.py), over its clients;
    `origins` (a list of dates) makes the forecast views forecast from each of them instead, and
    `plan_year` makes the plan views (client_plan) show that year's plans.

    Parameters the query does not use are left out, so callers can pass a whole filter set."""
    cursor = _connection(warehouse.version).cursor()
    try:
        if as_of is not None:
            cursor.execute("SET VARIABLE as_of = $as_of::DATE", {"as_of": as_of})
        if params.get("visible") is not None:
            # Views that sum over clients (client_ttm and those built on it) read the scope here.
            cursor.execute(
                "SET VARIABLE visible = $visible::VARCHAR[]", {"visible": params["visible"]}
            )
        if params.get("plan_year") is not None:
            cursor.execute("SET VARIABLE plan_year = $year::INT", {"year": params["plan_year"]})
        if params.get("origins") is not None:
            cursor.execute(
                "SET VARIABLE forecast_origins = $origins::DATE[]", {"origins": params["origins"]}
            )
        return run(cursor, name, **params)
    finally:
        cursor.close()


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run `sql/queries/<name>.sql` on `con` with the parameters it uses."""
    sql = _sql(name)
    return con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).df()


T = TypeVar("T")


def shared(size: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """A decorator: the function's answers cached for its last `size` argument sets (a warehouse
    version never changes, so its answers for a viewer and day hold), each computed once even
    when several sessions ask at the same moment: the others wait for it instead of computing
    it too."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        cached = functools.lru_cache(maxsize=size)(function)
        _shared_caches.append(cached)
        locks: dict[tuple, threading.Lock] = {}
        guard = threading.Lock()

        @functools.wraps(function)
        def answer(*args: object, **named: object) -> T:
            key = (args, tuple(sorted(named.items())))
            with guard:
                lock = locks.setdefault(key, threading.Lock())
            with lock:
                result = cached(*args, **named)
            with guard:
                locks.pop(key, None)
            return result

        return answer

    return decorate


def forget() -> None:
    """Empty every shared cache (for a benchmark that times pages cold)."""
    for cache in _shared_caches:
        cache.cache_clear()


# Tables of all a viewer's clients, computed once per version, viewer and day.
once = shared(64)
