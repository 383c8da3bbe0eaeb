"""Growth: revenue by client over time, trailing-12-month growth, retention, concentration."""

import streamlit as st

import ui
from metrics import charts, forecast, queries

st.title("Account growth")
filters = ui.page_filters()
currency = ui.load(queries.reporting_currency)
revenue = ui.revenue_name(filters)
st.caption(
    f"Trailing 12 months to {filters.as_of:%-d %b %Y} against the 12 months before · revenue on "
    f"the {filters.basis} basis · retention (with new and lost clients), concentration and "
    f"the forecast's accuracy are for {filters.scope.among}"
)

kept = ui.load(queries.retention, filters)
shares = ui.load(queries.concentration, filters)
tiles = st.columns(5)
with tiles[0]:
    ui.kpi_tile("net_revenue_retention_pct", ui.value(kept, "net_revenue_retention_pct"), currency)
with tiles[1]:
    ui.count_tile("New clients", kept["new_clients"], "Revenue now, none in the year before.")
with tiles[2]:
    ui.count_tile("Lost clients", kept["lost_clients"], "Revenue in the year before, none now.")
with tiles[3]:
    ui.kpi_tile("top_1_share", ui.value(shares, "top_1_share"), currency)
with tiles[4]:
    ui.kpi_tile("top_5_share", ui.value(shares, "top_5_share"), currency)

monthly = ui.load(queries.revenue_by_client_month, filters)
if monthly.empty:
    st.info("No revenue in the last 24 months for the chosen filters.")
    st.stop()
st.plotly_chart(
    charts.revenue_by_client_over_time(monthly, revenue, currency, filters.as_of),
    theme=None,
    width="stretch",
)

year = ui.plan_heading("Plans for {year}", filters.as_of)
st.caption(
    "Earned basis, each client's whole year. Forecast = earned so far + contracted work + the "
    "weighted pipeline + the client's usual work not yet booked; the likely range spans how far "
    "the backtest's forecasts missed (their 10th to 90th percentile) and always holds the "
    "forecast. The forecast's change is against the plan of the clients with one."
)
plans = ui.load(forecast.plans, filters, year)
totals = forecast.plan_totals(plans)
tiles = st.columns(4)
with tiles[0]:
    ui.kpi_tile("revenue_target", ui.value(totals, "revenue_target"), currency)
with tiles[1]:
    ui.kpi_tile(
        "forecast_year",
        ui.value(totals, "planned_forecast"),
        currency,
        ui.value(totals, "revenue_target"),
    )
with tiles[2]:
    ui.kpi_tile("revenue_to_date", ui.value(totals, "revenue_to_date", 0.0), currency)
with tiles[3]:
    ui.count_tile(
        "Clients over 10% below plan",
        totals["below_plan"],
        f"Forecast for the year over 10% under plan, of {totals['planned']} clients with a plan.",
    )
if totals["planned"]:
    st.plotly_chart(
        charts.plan_vs_forecast(plans, currency),
        theme=None,
        width="stretch",
    )
else:
    st.info(
        f"No plans for {year} yet: import a targets file (studio template) to "
        "see each client's forecast against its plan."
    )
named_columns = ["client", "account_manager"]
revenue_columns = ["revenue_target", "revenue_to_date", "forecast_year", "forecast_low",
                   "forecast_high", "gap_pct"]  # fmt: skip
quality_columns = ["margin_target", "margin_to_date", "on_time_target", "on_time_to_date"]
ui.csv_download(plans[named_columns + revenue_columns + quality_columns], f"plans-{year}.csv")
# Revenue, and margin and on-time, in two tabs: one table of both scrolls sideways on a laptop.
tabs = st.tabs(["Revenue against plan", "Margin and on-time against plan"])
for tab, columns in zip(tabs, [revenue_columns, quality_columns], strict=True):
    with tab:
        ui.table(
            plans[named_columns + columns + ["link"]],
            currency,
            empty=f"No revenue, forecast or plan in {year}.",
            link=st.column_config.LinkColumn("Open", display_text="Client page"),
        )

accuracy = ui.load(forecast.accuracy, filters.scope, filters.as_of, forecast.BACKTEST_MONTHS)
chart, words = st.columns([3, 2], gap="large")
with chart:
    if accuracy.empty:
        st.info("Not enough history yet for a backtest: it needs two years of revenue.")
    else:
        st.plotly_chart(charts.forecast_accuracy(accuracy), theme=None, width="stretch")
with words:
    st.subheader("How accurate the forecast has been")
    st.caption(
        f"For each of the last {forecast.BACKTEST_MONTHS} month-ends, each client's revenue for "
        "the next 3 and 6 months was forecast from what was known that day and compared with "
        "what came in, beside two spreadsheet methods. The error is the sum of the misses over "
        "the revenue (WAPE), per client and month: lower is better. The likely ranges (P10–P90) "
        "come from the same backtest."
    )

growth = ui.load(queries.growth, filters)
rates, shares_chart = st.columns(2, gap="large")
with rates:
    st.plotly_chart(charts.growth_by_client(growth), theme=None, width="stretch")
with shares_chart:
    st.plotly_chart(charts.concentration_shares(growth), theme=None, width="stretch")

mix, changes = st.columns(2, gap="large")
with mix:
    split = ui.load(queries.new_and_repeat, filters)
    st.plotly_chart(
        charts.new_and_repeat_revenue(split, currency, filters.as_of), theme=None, width="stretch"
    )
with changes:
    st.subheader("New and lost clients")
    st.caption(f"For {filters.scope.among}, as the tiles above count them.")
    won_and_lost = ui.load(queries.new_and_lost, filters)
    ui.csv_download(won_and_lost, "new-and-lost-clients.csv")
    ui.table(
        won_and_lost,
        currency,
        empty="No client was won or lost over the last 12 months.",
        change="",
        revenue_ttm=ui.money_column("Last 12 months", currency),
        revenue_prior_ttm=ui.money_column("12 months before", currency),
    )
