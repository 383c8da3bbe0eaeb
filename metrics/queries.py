"""One typed function per question a page asks; filters are bound as SQL parameters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from metrics.db import Warehouse, read


@dataclass(frozen=True)
class Filters:
    """The shared filters every page applies: a period, an account manager, a client."""

    start: date
    end: date
    as_of: date
    manager: str | None = None
    client: str | None = None


def data_span(warehouse: Warehouse) -> tuple[date | None, date | None]:
    """First and last dates with time entries or invoices."""
    row = read(warehouse, "data_span").iloc[0]
    return (
        None if pd.isna(row.first_date) else row.first_date.date(),
        None if pd.isna(row.last_date) else row.last_date.date(),
    )


def client_directory(warehouse: Warehouse) -> pd.DataFrame:
    """Clients and their account managers."""
    return read(warehouse, "client_directory")


def client_profitability(warehouse: Warehouse, filters: Filters) -> tuple[pd.DataFrame, pd.Series]:
    """Per client in the period (hours, revenue, costs, gross profit, margin) and the totals."""
    rows = read(
        warehouse,
        "client_profitability",
        as_of=filters.as_of,
        start=filters.start,
        end=filters.end,
        manager=filters.manager,
        client=filters.client,
    )
    is_total = rows["client"].isna()
    totals = rows[is_total].iloc[0] if is_total.any() else pd.Series(dtype=object)
    return rows[~is_total].reset_index(drop=True), totals


def reporting_currency(warehouse: Warehouse) -> str:
    """The currency every amount is reported in."""
    return str(read(warehouse, "reporting_currency").iloc[0]["currency"])
