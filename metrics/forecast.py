"""Account plans and the layered revenue forecast: its months, its band and its backtest
(docs/forecast.md). The forecast itself is SQL (sql/metrics/revenue_forecast.sql and the
layers it sums); this module picks the origins and puts the band on it."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from metrics import labels, periods
from metrics.attention import RULES
from metrics.db import Warehouse, once, read
from metrics.filters import Filters, narrowed
from metrics.scope import Scope

METHODS = ("forecast", "last_year", "run_rate")
HORIZONS = (3, 6)  # months ahead the backtest reports
BACKTEST_MONTHS = 24  # origins per horizon, the latest whose months are complete
LONGEST_LEAD = 12  # the forecast runs 12 months past the as-of month


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


MIN_CASES = 12  # a client's own band needs this many past forecasts, else the studio's counts


# The plan table and the outlook both need the band.
@once
def band(warehouse: Warehouse, scope: Scope, as_of: date) -> pd.DataFrame:
    """Per client (and for all clients, client None) and lead (months ahead): the 10th and
    90th percentiles of actual ÷ forecast revenue summed to that lead, from the backtest
    before `as_of`."""
    return read(
        warehouse,
        "forecast_band",
        as_of,
        origins=backtest_origins(as_of),
        months=BACKTEST_MONTHS,
        **scope.params(),
    )


@once
def _band_lookup(warehouse: Warehouse, scope: Scope, as_of: date) -> dict[tuple, tuple]:
    """The band as (client, lead) -> (low, high): a client's own where it has MIN_CASES past
    forecasts, all clients' under the client None."""
    # Looked up in a dictionary: merging the band into each view's few rows cost more than the
    # rest of the view's forecast.
    bands = band(warehouse, scope, as_of)
    usable = bands[bands["client"].isna() | (bands["cases"] >= MIN_CASES)]
    return {
        (client if isinstance(client, str) else None, int(lead)): (low, high)
        for client, lead, low, high in usable[["client", "lead", "low", "high"]].itertuples(
            index=False
        )
    }


def _ratios(lookup: dict[tuple, tuple], clients: pd.Series, lead: pd.Series) -> pd.DataFrame:
    """The band's low and high ratio for each (client, lead): the client's own where it has
    MIN_CASES past forecasts, else all clients'; the as-of month's rest counts as the first
    month ahead; 1 where the backtest has no case at all. The range always holds the forecast
    itself: past misses that lean one way (a client forecast low for years) widen it on that
    side, never move it clear of the forecast shown beside it."""
    missing = (float("nan"), float("nan"))
    rows = []
    for client, ahead in zip(clients, lead.clip(lower=1, upper=LONGEST_LEAD), strict=True):
        # No client (a portfolio) finds the studio's band as its own: the same answer.
        own = lookup.get((client, int(ahead)), missing)
        studio = lookup.get((None, int(ahead)), missing)
        pairs = zip(own, studio, strict=True)
        low, high = (next((r for r in pair if pd.notna(r)), 1.0) for pair in pairs)
        rows.append([min(low, 1.0), max(high, 1.0)])
    return pd.DataFrame(rows, columns=["low", "high"], index=lead.index, dtype=float)


@once
def _every_plan(warehouse: Warehouse, scope: Scope, as_of: date, year: int) -> pd.DataFrame:
    """Every client's plan row for `year` in the viewer's scope with its band: the forecast runs
    once per version, viewer, day and year, for all their clients, and each page view narrows
    it."""
    table = read(
        warehouse,
        "plan_forecast",
        as_of,
        manager=None,
        client=None,
        plan_year=year,
        **scope.params(),
    )
    lookup = _band_lookup(warehouse, scope, as_of)
    ratios = _ratios(lookup, table["client"], table["last_lead"].fillna(1))
    for column in ("low", "high"):
        table[f"forecast_{column}"] = (
            table["revenue_to_date"] + table["forecast_rest"] * ratios[column]
        )
    table["link"] = [labels.page_link("client", client=name) for name in table["client"]]
    return table.drop(columns="last_lead")


def plan_years(as_of: date) -> list[int]:
    """The years whose plans can be set against a whole year's forecast: the as-of date's, and
    in December the next (the forecast runs 12 months past the as-of month)."""
    return [as_of.year, as_of.year + 1] if as_of.month == 12 else [as_of.year]


def plans(warehouse: Warehouse, filters: Filters, year: int | None = None) -> pd.DataFrame:
    """Per client: the year's targets (the as-of date's year unless `year` names one of
    `plan_years`), revenue, margin and on-time rate to date, the forecast for the year with its
    P10–P90 band, and how far it is from the revenue target."""
    chosen = year or filters.as_of.year
    return narrowed(_every_plan(warehouse, filters.scope, filters.as_of, chosen), filters)


def plan_rows(warehouse: Warehouse, filters: Filters) -> list[dict[str, object]]:
    """`plans` as the SQL parameter `$plans` (sql/queries/attention.sql): client, forecast for
    the year, revenue target and gap, margin to date and margin target."""
    columns = [
        "client", "forecast_year", "revenue_target", "gap_pct", "margin_to_date", "margin_target",
    ]  # fmt: skip
    table = plans(warehouse, filters)[columns].astype(object)
    return table.where(table.notna(), None).to_dict("records")


def plan_totals(table: pd.DataFrame) -> pd.Series:
    """The portfolio's plan, earned revenue and forecast for the year (forecast of the clients
    with a plan beside their plan), and how many clients are over 10% below plan."""
    planned = table[table["revenue_target"].notna()]
    return pd.Series(
        {
            "revenue_target": planned["revenue_target"].sum() if len(planned) else None,
            "planned_forecast": planned["forecast_year"].sum() if len(planned) else None,
            "forecast_year": table["forecast_year"].sum(),
            "revenue_to_date": table["revenue_to_date"].sum(),
            "below_plan": int((planned["gap_pct"] < -RULES.below_plan_gap).sum()),
            "planned": len(planned),
        }
    )


def client_plan(warehouse: Warehouse, filters: Filters, year: int | None = None) -> pd.Series:
    """The plan row of the client the filters name (empty when it has no revenue, forecast or
    plan in the year)."""
    table = plans(warehouse, filters, year)
    return table.iloc[0] if len(table) == 1 else pd.Series(dtype=object)


@once
def _every_outlook(warehouse: Warehouse, scope: Scope, as_of: date) -> pd.DataFrame:
    """Per client in the viewer's scope and month: earned revenue and the forecast's layers,
    once per version, viewer and day."""
    return read(warehouse, "forecast_client_months", as_of, **scope.params())


def holds_revenue(months: pd.DataFrame) -> bool:
    """Whether an `outlook` holds any revenue earned or forecast (a lost client's holds none)."""
    return bool(months[["actual", "contracted", "pipeline", "baseline"]].to_numpy().any())


def outlook(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Per month from January to 12 months ahead: revenue earned, the forecast's layers and,
    through December, the year so far: earned to the last full month, then earned plus the
    forecast with its band (starting from the last full month, so the lines join)."""
    every = _every_outlook(warehouse, filters.scope, filters.as_of)
    figures = ["actual", "contracted", "pipeline", "baseline"]
    # Every month once, in order, with the filtered clients' sums (0 where none of theirs).
    months = every.drop_duplicates("month")[["month", "lead"]].reset_index(drop=True)
    sums = narrowed(every, filters).groupby("month", sort=False)[figures].sum()
    months[figures] = sums.reindex(months["month"], fill_value=0.0).to_numpy()
    months["forecast"] = months["contracted"] + months["pipeline"] + months["baseline"]
    lead = months["lead"]
    # One client's outlook takes its own band; a portfolio's, all clients'.
    ratios = _ratios(
        _band_lookup(warehouse, filters.scope, filters.as_of),
        pd.Series(filters.client, index=months.index, dtype=object),
        lead,
    )
    this_year = pd.to_datetime(months["month"]).dt.year == filters.as_of.year
    earned = months["actual"].where(this_year & (lead <= 0), 0.0).cumsum()
    months["cumulative_actual"] = earned.where(this_year & (lead < 0))
    to_come = months["forecast"].where(this_year & (lead >= 0), 0.0).cumsum()
    joined = this_year & (lead >= -1)
    for column, ratio in (
        ("cumulative_forecast", 1.0),
        ("cumulative_low", ratios["low"]),
        ("cumulative_high", ratios["high"]),
    ):
        months[column] = (earned + to_come * ratio).where(joined)
    return months
