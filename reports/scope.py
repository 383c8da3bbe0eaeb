"""Who and which dates a report covers, checked against the warehouse and the viewer's scope
with clear errors."""

from __future__ import annotations

import calendar
import difflib
from datetime import date

from metrics import periods, queries
from metrics.db import Warehouse
from metrics.queries import Filters
from metrics.scope import Scope, of_clients


class ReportError(ValueError):
    """A report cannot be made as asked (unknown client, empty period…); the message says why."""


def known(name: str, names: list[str], what: str) -> str:
    """`name` as spelt in `names` (case-insensitive), or an error suggesting close names."""
    by_lower = {n.casefold(): n for n in names}
    if name.casefold() in by_lower:
        return by_lower[name.casefold()]
    raise ReportError(f"No {what} named {name!r}.{_hint(name, by_lower, what, 'Known')}")


def _hint(name: str, by_lower: dict[str, str], what: str, known_as: str) -> str:
    """' Did you mean 'Acme'?' with names close to `name`, else a few of the names."""
    close = [n for n in by_lower if name.casefold() in n][:3] or difflib.get_close_matches(
        name.casefold(), list(by_lower), n=3, cutoff=0.5
    )
    if close:
        return f" Did you mean {' or '.join(repr(by_lower[c]) for c in close)}?"
    names = sorted(by_lower.values())
    if not names:
        return ""
    return f" {known_as} {what}s: {', '.join(names[:8])}{'…' if len(names) > 8 else ''}."


def data_end(warehouse: Warehouse) -> date:
    """The last day with data; an error when nothing has been imported."""
    last = None if warehouse.empty else queries.data_span(warehouse)[1]
    if last is None:
        raise ReportError("The warehouse is empty: import exports first (python -m etl load).")
    return last


def visible(name: str, names: list[str], what: str, scope: Scope) -> str:
    """`name` as spelt among the `names` the viewer may see: for a viewer who sees every client,
    `known`; for one who does not, a name outside theirs (unknown or another manager's: the
    message does not tell them apart) is "not one of your clients", with close names of theirs."""
    if scope.everything:
        return known(name, names, what)
    by_lower = {n.casefold(): n for n in names}
    if name.casefold() in by_lower:
        return by_lower[name.casefold()]
    hint = _hint(name, by_lower, what, "Your")
    if what == "manager":
        raise ReportError(f"{name!r} manages none of your clients.{hint}")
    raise ReportError(f"{name!r} is not one of your clients: ask your director for access.{hint}")


def weekly_filters(
    warehouse: Warehouse,
    client: str | None,
    manager: str | None,
    as_of: date | None,
    scope: Scope,
) -> Filters:
    """The weekly report's subject: one client, a manager's portfolio, or (for a viewer who does
    not see every client) all their clients; the 4 weeks to `as_of` (the last day with data by
    default). A client or manager outside the viewer's scope, or an `as_of` after the last day
    with data, is an error."""
    last = data_end(warehouse)
    if as_of is not None and as_of > last:
        # Days with no data would read as a quiet week, not as days not imported yet.
        raise ReportError(
            f"{as_of:%-d %b %Y} is after the last day with data ({last:%-d %b %Y}): choose "
            "that day or an earlier one."
        )
    directory = queries.client_directory(warehouse, scope)
    if client is not None:
        client = visible(client, list(directory["client"]), "client", scope)
    if manager is not None:
        managers = list(directory["account_manager"].dropna().unique())
        manager = visible(manager, managers, "manager", scope)
    if client is None and manager is None and scope.everything:
        raise ReportError("Name a client or an account manager for the weekly report.")
    as_of = as_of or last
    start, end = periods.resolve("Last 4 weeks", as_of)
    return Filters(start=start, end=end, as_of=as_of, client=client, manager=manager, scope=scope)


def recipients_scope(warehouse: Warehouse, filters: Filters) -> Scope:
    """The clients a mailed report of `filters` is about, as its account manager sees them in
    the app: the manager's portfolio (a client's manager's, for a client's report), else the
    client alone. A mail may reach people who do not see the studio: no figure in it (a share
    of revenue, the forecast's seasons) may come from other portfolios."""
    manager = filters.manager
    if manager is None and filters.client is not None:
        directory = queries.client_directory(warehouse, filters.scope)
        managers = directory.loc[directory["client"] == filters.client, "account_manager"]
        manager = managers.dropna().iloc[0] if managers.notna().any() else None
    if manager is None:
        return of_clients([filters.client] if filters.client else [], name=filters.subject)
    return queries.manager_scope(warehouse, manager)


def monthly_filters(warehouse: Warehouse, client: str, month: date, scope: Scope) -> Filters:
    """The monthly report's subject: one client (in the viewer's scope) and one calendar month,
    as of its last day (or the last day with data when the month is not over)."""
    last = data_end(warehouse)
    names = list(queries.client_directory(warehouse, scope)["client"])
    client = visible(client, names, "client", scope)
    start = month.replace(day=1)
    end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if start > last:
        raise ReportError(f"{start:%B %Y} is after the last day with data ({last:%-d %b %Y}).")
    return Filters(
        start=start,
        end=min(end, last),
        as_of=min(end, last),
        client=client,
        scope=scope,
        calendar_step=1,
    )
