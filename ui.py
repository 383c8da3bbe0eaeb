"""The one Streamlit helper: cached warehouse reads, the shared sidebar filters, KPI tiles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from metrics import periods, queries
from metrics.catalogue import kpi
from metrics.db import Warehouse, current
from metrics.queries import Filters

ALL = "All"


def warehouse() -> Warehouse:
    """The warehouse version current right now (an import switches it without a restart)."""
    return current()


@st.cache_data(ttl="1h", max_entries=512, show_spinner=False)
def _cached(name: str, warehouse: Warehouse, *args: Any) -> Any:
    return getattr(queries, name)(warehouse, *args)


def load(question: Callable[..., Any], *args: Any) -> Any:
    """Answer of a `metrics.queries` function for the current warehouse, cached per version."""
    return _cached(question.__name__, warehouse(), *args)


def sidebar_filters() -> Filters | None:
    """Draw the shared filters (bound to the URL) and return them; None when there is no data."""
    source = warehouse()
    if source.empty:
        return None
    first, last = load(queries.data_span)
    if last is None:
        return None
    as_of = last
    directory = load(queries.client_directory)
    with st.sidebar:
        preset = st.selectbox("Period", periods.PRESETS, key="period", bind="query-params")
        start, end = periods.resolve(preset, as_of)
        if preset == "Custom":
            chosen = st.date_input(
                "From – to",
                value=(start, end),
                min_value=first,
                max_value=as_of,
                key="range",
            )
            if isinstance(chosen, tuple) and len(chosen) == 2:
                start, end = chosen
        managers = [ALL, *sorted(directory["account_manager"].dropna().unique())]
        manager = st.selectbox("Account manager", managers, key="manager", bind="query-params")
        clients = (
            directory if manager == ALL else directory[directory["account_manager"] == manager]
        )
        client = st.selectbox(
            "Client", [ALL, *clients["client"]], key="client", bind="query-params"
        )
        st.caption(f"{periods.label(start, end)} · data up to {as_of:%d %b %Y}")
    return Filters(
        start=start,
        end=end,
        as_of=as_of,
        manager=None if manager == ALL else manager,
        client=None if client == ALL else client,
    )


def no_data() -> None:
    """Explain an empty warehouse and how to fill it."""
    st.info(
        "No data yet. Import your exports with `python -m etl load FILES…`, or run `make run`, "
        "which loads the demo studio."
    )


def kpi_tile(name: str, value: float | None, currency: str, column: Any = st) -> None:
    """A KPI from the catalogue as a metric tile with its definition as help text."""
    entry = kpi(name)
    column.metric(entry.label, entry.format(value, currency), help=entry.definition)


def filters() -> Filters | None:
    """The filters drawn by app.py for this run."""
    return st.session_state.get("filters")


def kpi_columns(names: list[str], currency: str) -> dict[str, Any]:
    """Table column settings for KPI columns: catalogue label, format and definition."""
    config = {}
    for name in names:
        entry = kpi(name)
        config[name] = st.column_config.NumberColumn(
            entry.label, help=entry.definition, format=entry.table_format(currency)
        )
    return config
