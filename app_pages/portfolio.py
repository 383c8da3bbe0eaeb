"""Portfolio: revenue, profit and margin per client for the chosen period."""

import streamlit as st

import ui
from metrics import charts, periods, queries

st.title("Portfolio")
filters = ui.filters()
if filters is None:
    ui.no_data()
    st.stop()

currency = ui.load(queries.reporting_currency)
by_client, totals = ui.load(queries.client_profitability, filters)
scope = filters.client or filters.manager or "All clients"
st.caption(f"{scope} · {periods.label(filters.start, filters.end)} · revenue on the earned basis")
if by_client.empty:
    st.info("No hours, revenue or invoices in this period for the chosen filters.")
    st.stop()

for column, name in zip(
    st.columns(4), ("earned_revenue", "gross_profit", "margin_pct", "hours"), strict=True
):
    ui.kpi_tile(name, totals[name], currency, column)

st.plotly_chart(
    charts.revenue_and_profit_by_client(by_client, currency), theme=None, width="stretch"
)

kpis = ["hours", "earned_revenue", "labour_cost", "expense_cost", "gross_profit", "margin_pct"]
st.dataframe(
    by_client[["client", "account_manager", *kpis]],
    column_config={
        "client": "Client",
        "account_manager": "Account manager",
        **ui.kpi_columns(kpis, currency),
    },
    hide_index=True,
    width="stretch",
)
