"""Who and which dates a report covers, checked against the warehouse with clear errors."""

from __future__ import annotations

import calendar
import difflib
from datetime import date

from metrics import periods, queries
from metrics.db import Warehouse
from metrics.queries import Filters


class ReportError(ValueError):
    """A report cannot be made as asked (unknown client, empty period…); the message says why."""


def known(name: str, names: list[str], what: str) -> str:
    """`name` as spelt in `names` (case-insensitive), or an error suggesting close names."""
    by_lower = {n.casefold(): n for n in names}
    if name.casefold() in by_lower:
        return by_lower[name.casefold()]
    close = [n for n in by_lower if name.casefold() in n][:3] or difflib.get_close_matches(
        name.casefold(), list(by_lower), n=3, cutoff=0.5
    )
    hint = (
        f" Did you mean {' or '.join(repr(by_lower[c]) for c in close)}?"
        if close
        else f" Known {what}s: {', '.join(sorted(names)[:8])}{'…' if len(names) > 8 else ''}."
    )
    raise ReportError(f"No {what} named {name!r}.{hint}")


def data_end(warehouse: Warehouse) -> date:
    """The last day with data; an error when nothing has been imported."""
    last = None if warehouse.empty else queries.data_span(warehouse)[1]
    if last is None:
        raise ReportError("The warehouse is empty: import exports first (python -m etl load).")
    return last


def weekly_filters(
    warehouse: Warehouse, client: str | None, manager: str | None, as_of: date | None
) -> Filters:
    """The weekly report's scope: one client or a manager's portfolio, the 4 weeks to `as_of`
    (the last day with data by default)."""
    last = data_end(warehouse)
    directory = queries.client_directory(warehouse)
    if client is not None:
        client = known(client, list(directory["client"]), "client")
    if manager is not None:
        manager = known(manager, list(directory["account_manager"].dropna().unique()), "manager")
    as_of = as_of or last
    start, end = periods.resolve("Last 4 weeks", as_of)
    return Filters(start=start, end=end, as_of=as_of, client=client, manager=manager)


def monthly_filters(warehouse: Warehouse, client: str, month: date) -> Filters:
    """The monthly report's scope: one client and one calendar month, as of its last day (or
    the last day with data when the month is not over)."""
    last = data_end(warehouse)
    client = known(client, list(queries.client_directory(warehouse)["client"]), "client")
    start = month.replace(day=1)
    end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if start > last:
        raise ReportError(f"{start:%B %Y} is after the last day with data ({last:%-d %b %Y}).")
    return Filters(start=start, end=min(end, last), as_of=min(end, last), client=client)
