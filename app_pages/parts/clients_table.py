"""The clients of the filters, one row each with the period's figures and a link to their page:
on the Weekly review, and on the Client page before a client is chosen."""

from __future__ import annotations

import streamlit as st

import ui
from metrics import periods, queries
from metrics.queries import Filters


def clients_table(filters: Filters, currency: str) -> None:
    """Per client: revenue, margin, hours, on-time rate and overdue in the period, the revenue
    of the last 12 months as a sparkline, and a link to the Client page; with a CSV."""
    table = ui.load(queries.client_review, filters)
    if table.empty:
        st.info("No hours, revenue or invoices in this period for the chosen filters.")
        return
    revenue = ui.revenue_name(filters)
    figures = ["revenue", "margin_pct", "hours", "on_time_rate", "overdue"]
    ui.csv_download(table.drop(columns=["revenue_trend", "link"]), "clients.csv")
    ui.table(
        table[["client", "account_manager", *figures, "revenue_trend", "link"]],
        currency,
        revenue=ui.kpi_columns([revenue], currency)[revenue],
        revenue_trend=st.column_config.LineChartColumn(
            f"Revenue, 12 months to {periods.last_whole_month_end(filters.as_of):%b %Y}",
            help="Monthly revenue on the chosen basis, whole months only.",
        ),
        link=st.column_config.LinkColumn("Open", display_text="Client page"),
    )
