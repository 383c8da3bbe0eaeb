"""Delivery: on-time rate over time, early / on time / late by client and service line, slips."""

import streamlit as st

import ui
from metrics import charts, periods, queries
from metrics.labels import DELIVERY_STATUS, STAGES

st.title("Delivery")
filters = ui.page_filters()
st.caption(
    f"{filters.subject} · deliveries in {periods.label(filters.start, filters.end)} "
    "(by delivered date) · on time means on or before the latest due date"
)

now = ui.load(queries.delivery_summary, filters)
before = ui.load(queries.delivery_summary, filters.previous())
tiles = st.columns(4)
with tiles[0]:
    ui.change_tile("on_time_rate", now, before, "")
with tiles[1]:
    ui.count_tile("Delivered", now["delivered"], "Deliverables delivered in the period.")
with tiles[2]:
    late_by = f"{now['average_days_late'] or 0:.1f}"
    ui.count_tile(
        STAGES["delivered_late"], now["late"], f"After the due date; {late_by} days on average."
    )
with tiles[3]:
    ui.count_tile(
        DELIVERY_STATUS["open_overdue"],
        now["open_overdue"],
        "Not delivered, past the due date (projects cancelled or on hold left out).",
    )

months = ui.load(queries.delivery_months, filters)
if months.empty:
    st.info("No deliverables delivered in the last 12 months for the chosen filters.")
else:
    st.plotly_chart(charts.deliveries_over_time(months, filters.as_of), theme=None, width="stretch")

clients, lines = ui.load(queries.delivery_breakdown, filters)
deliveries = ui.load(queries.deliveries, filters)
if clients.empty:
    st.info("No deliverables delivered in this period.")
else:
    by_client, by_line = st.columns(2, gap="large")
    with by_client:
        st.plotly_chart(
            charts.deliveries_by(clients, "By client (most late on top)"),
            theme=None,
            width="stretch",
        )
    with by_line:
        st.plotly_chart(charts.deliveries_by(lines, "By service line"), theme=None, width="stretch")
        if now["late"]:
            st.plotly_chart(charts.days_late_distribution(deliveries), theme=None, width="stretch")
        else:
            st.success("Nothing was delivered late in this period.")

st.subheader("Delivered in the period, and late ones not yet delivered")
ui.csv_download(deliveries, "deliveries.csv")
ui.table(deliveries, "", height=360)
