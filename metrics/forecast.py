"""Account plans and the layered revenue forecast: its months, its band and its backtest
(docs/forecast.md). The forecast itself is SQL (sql/metrics/revenue_forecast.sql and the
layers it sums); this module picks the origins and puts the band on it."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from metrics import periods
from metrics.db import Warehouse, read
from metrics.queries import Filters
from metrics.scope import Scope

METHODS = ("forecast", "last_year", "run_rate")
HORIZONS = (3, 6)  # months ahead the backtest reports
BACKTEST_MONTHS = 24  # origins per horizon, the latest whose months are complete
LONGEST_LEAD = 12  # the forecast runs 12 months past the as-of month
BELOW_PLAN = 0.10  # a forecast this far under the revenue target needs attention


def backtest_origins(as_of: date, months: int = BACKTEST_MONTHS) -> list[date]:
    """The month-ends a backtest forecasts from: enough before the as-of date's last full month
    for `months` origins at every lead up to LONGEST_LEAD."""
    last_full = periods.months_back(as_of + timedelta(days=1), 1)
    # The day before a month's first day is the last day of the month before it.
    return [
        periods.months_back(last_full, back) - timedelta(days=1)
        for back in range(months + LONGEST_LEAD)
    ]


def accuracy(
    warehouse: Warehouse, scope: Scope, as_of: date, months: int = BACKTEST_MONTHS
) -> pd.DataFrame:
    """Per method and horizon: the WAPE of monthly revenue per client over the latest `months`
    month-ends, each forecast made with only what was known on that day."""
    return read(
        warehouse,
        "forecast_accuracy",
        as_of,
        origins=backtest_origins(as_of, months),
        horizons=list(HORIZONS),
        months=months,
        **scope.params(),
    )


def band(warehouse: Warehouse, scope: Scope, as_of: date) -> pd.DataFrame:
    """Per lead (months ahead), the 10th and 90th percentiles of actual ÷ forecast revenue
    summed to that lead, from the backtest before `as_of`."""
    return read(
        warehouse,
        "forecast_band",
        as_of,
        origins=backtest_origins(as_of),
        months=BACKTEST_MONTHS,
        **scope.params(),
    ).set_index("lead")


def _ratio(bands: pd.DataFrame, lead: pd.Series, column: str) -> pd.Series:
    """The band's ratio for each lead (the as-of month's rest counts as the first month ahead;
    1 where the backtest has no case)."""
    ratios = bands[column].reindex(lead.clip(lower=1, upper=LONGEST_LEAD).to_numpy())
    return pd.Series(ratios.fillna(1.0).to_numpy(), index=lead.index)


def plans(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Per client: the year's targets, revenue, margin and on-time rate to date, the forecast
    for the year with its P10–P90 band, and the gap to the revenue target."""
    table = read(warehouse, "plan_forecast", filters.as_of, **filters.params())
    bands = band(warehouse, filters.scope, filters.as_of)
    lead = table["last_lead"].fillna(1)
    for column in ("low", "high"):
        table[f"forecast_{column}"] = table["revenue_to_date"] + table["forecast_rest"] * _ratio(
            bands, lead, column
        )
    table["gap"] = table["forecast_year"] - table["revenue_target"]
    table["gap_pct"] = table["gap"] / table["revenue_target"].where(table["revenue_target"] > 0)
    return table.drop(columns="last_lead")


def outlook(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Per month from January to 12 months ahead: revenue to date, the forecast's layers and,
    through the year, revenue so far plus the forecast with its band, month by month."""
    months = read(warehouse, "forecast_months", filters.as_of, **filters.params())
    months["forecast"] = months[["contracted", "pipeline", "baseline"]].sum(axis=1)
    bands = band(warehouse, filters.scope, filters.as_of)
    this_year = pd.to_datetime(months["month"]).dt.year == filters.as_of.year
    ahead = months["lead"] >= 0
    so_far = months["actual"].where(this_year).cumsum()
    to_come = months["forecast"].where(this_year & ahead, 0.0).cumsum()
    months["cumulative_actual"] = so_far.where(this_year & (months["lead"] <= 0))
    earned = months.loc[this_year & (months["lead"] <= 0), "actual"].sum()
    for column, ratio in (
        ("cumulative_forecast", 1.0),
        ("cumulative_low", _ratio(bands, months["lead"], "low")),
        ("cumulative_high", _ratio(bands, months["lead"], "high")),
    ):
        months[column] = (earned + to_come * ratio).where(this_year & ahead)
    return months
