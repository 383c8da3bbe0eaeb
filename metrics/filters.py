"""What a page asks about: the period, the as-of date, the manager, client and service line, the
revenue basis and the viewer's scope; and a table computed for all the viewer's clients
narrowed to what the filters name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from metrics import periods
from metrics.scope import EVERYONE, Scope


@dataclass(frozen=True)
class Filters:
    """What every page is scoped to: a period, an as-of date, an account manager, a client,
    a service line, the revenue basis (earned or billed), and the viewer's scope (the clients
    they may see: every client unless sign-in says otherwise)."""

    start: date
    end: date
    as_of: date
    manager: str | None = None
    client: str | None = None
    service_line: str | None = None
    basis: str = "earned"
    scope: Scope = EVERYONE
    # Months back to the period it is compared with when it follows the calendar (a month 1, a
    # quarter 3, a year 12: periods.CALENDAR_STEPS); 0 when it rolls.
    calendar_step: int = 0

    @property
    def subject(self) -> str:
        """Whose figures these are: the client, else the manager, else the viewer's clients."""
        return self.client or self.manager or self.scope.label

    def previous(self) -> Filters:
        """The same filters over the period the period is compared with (`periods.previous`)."""
        start, end = periods.previous(self.start, self.end, self.calendar_step)
        return replace(self, start=start, end=end)

    def params(self) -> dict[str, object]:
        """The filter values as SQL parameters."""
        return {
            "start": self.start,
            "end": self.end,
            "basis": self.basis,
            "manager": self.manager,
            "client": self.client,
            "service_line": self.service_line,
            **self.scope.params(),
        }


def narrowed(table: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of a per-client table (with its `client` and `account_manager`) for the manager
    and client the filters name (all when they name none)."""
    keep = pd.Series(True, index=table.index)
    if filters.manager is not None:
        keep &= table["account_manager"] == filters.manager
    if filters.client is not None:
        keep &= table["client"] == filters.client
    return table[keep].reset_index(drop=True)
