"""Billing: what is owed and how old it is, what is overdue, and work not yet invoiced."""

import streamlit as st

import ui
from metrics import charts, periods, queries

st.title("Billing")
filters = ui.page_filters()
currency = ui.load(queries.reporting_currency)
st.caption(
    f"{filters.subject} · receivables as of {filters.end:%-d %b %Y} · invoicing in "
    f"{periods.label(filters.start, filters.end)} · balances include tax, amounts are net"
)

period, period_before = ui.load(queries.period_totals, filters)
wip, wip_total = ui.load(queries.unbilled_work, filters)
tiles = st.columns(4)
with tiles[0]:
    ui.balance_tile("outstanding", filters, currency)
with tiles[1]:
    ui.balance_tile("overdue", filters, currency)
with tiles[2]:
    ui.change_tile("billed_revenue", period, period_before, currency)
with tiles[3]:
    ui.kpi_tile("uninvoiced_amount", ui.value(wip_total, "uninvoiced_amount", 0.0), currency)
ui.balances_note(filters)

aging, months = st.columns(2, gap="large")
with aging:
    by_age = ui.load(queries.aging, filters)
    if by_age.empty:
        ui.nothing_unpaid(filters)
    else:
        st.plotly_chart(charts.aging_by_client(by_age, currency), theme=None, width="stretch")
        ui.csv_download(by_age, "receivables-by-age.csv")
with months:
    invoicing = ui.load(queries.invoicing_months, filters)
    st.plotly_chart(
        charts.earned_and_invoiced(invoicing, currency, filters.as_of),
        theme=None,
        width="stretch",
    )

invoices, unbilled = st.tabs(["Invoices", "Unbilled work (WIP)"])
with invoices:
    listed = ui.load(queries.invoices, filters)
    st.caption(
        f"Issued in the period, or unpaid on {filters.as_of:%-d %b %Y}: the overdue ones first, "
        "longest overdue on top, then the rest newest first."
    )
    ui.csv_download(listed, "invoices.csv")
    ui.table(listed, currency)
with unbilled:
    st.caption(
        "Projects with work earned and not yet invoiced, to date: the largest first. Projects "
        "invoiced ahead of their work (deposits, retainers billed in advance) are not listed."
    )
    if wip.empty:
        st.success("All earned work has been invoiced.")
    else:
        ui.csv_download(wip, "unbilled-work.csv")
        ui.table(
            wip,
            currency,
            earned_revenue=ui.money_column("Earned to date", currency),
            billed_revenue=ui.money_column("Invoiced to date", currency),
        )
