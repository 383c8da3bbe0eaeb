"""Client: profitability by month, service line, project and person; growth and billing."""

import streamlit as st

import ui
from app_pages.parts import account_log, plans, report_downloads
from app_pages.parts.clients_table import clients_table
from metrics import charts, periods, queries

filters = ui.page_filters()
if filters.client is None:
    st.title("Client")
    if ui.refused_client():
        ui.not_yours()
    else:
        st.caption("Choose a client in the sidebar, or open one below.")
        clients_table(filters, ui.load(queries.reporting_currency))
    st.stop()

st.title(ui.literal(filters.client))
currency = ui.load(queries.reporting_currency)
revenue = ui.revenue_name(filters)
line = f" · {ui.literal(filters.service_line)}" if filters.service_line else ""
manager = ui.load(queries.account_manager, filters.scope, filters.client)
st.caption(
    f"Account manager {ui.literal(manager or 'not named')} · "
    f"{periods.label(filters.start, filters.end)}{line} · revenue on the {filters.basis} basis · "
    "changes against the period before"
)
with st.container(horizontal=True):
    report_downloads.weekly_report_downloads(filters)
    report_downloads.monthly_report_download(filters.client, filters)

now, then = ui.load(queries.period_totals, filters)
tiles = [*st.columns(3), *st.columns(3)]
with tiles[0]:
    ui.change_tile(revenue, now, then, currency, column="revenue")
with tiles[1]:
    ui.change_tile("margin_pct", now, then, currency)
with tiles[2]:
    ui.on_time_tile(now, then, currency)
with tiles[3]:
    ui.change_tile("effective_rate", now, then, currency)
with tiles[4]:
    ui.change_tile("realization_pct", now, then, currency)
with tiles[5]:
    ui.balance_tile("overdue", filters, currency)
ui.balances_note(filters, ("overdue",))

trend, lines = st.columns(2, gap="large")
with trend:
    months = ui.load(queries.monthly_trend, filters)
    title = "Revenue and margin by month"
    if months.empty:
        st.info("No revenue or cost in the last 12 months.")
    else:
        st.plotly_chart(
            charts.revenue_and_margin(months, "month", title, revenue, currency, filters.as_of),
            theme=None,
            width="stretch",
        )
with lines:
    by_line = ui.load(queries.service_lines, filters)
    if by_line.empty:
        st.info("No revenue or cost in this period.")
    else:
        title = "Profitability by service line (click a bar to focus on it)"
        event = st.plotly_chart(
            charts.revenue_and_profit(by_line, "service_line", title, revenue, currency),
            theme=None,
            width="stretch",
            on_select="rerun",
            selection_mode="points",
            key="service_line_chart",
        )
        ui.drill("service_line", ui.chosen_point(event, "y"))

plans.plan_section(filters, currency)

st.subheader("Projects")
st.caption(
    "Revenue, hours and gross margin are the period's; budget burn, pace and margin at "
    "completion are each project's whole budget and schedule to date. Select a row to open "
    "the project."
)
projects = ui.load(queries.projects, filters)
figures = ["hours", "margin_pct", "hours_burn_pct", "pace_pct", "eac_margin_pct"]
listed = projects[["project_code", "project", "status", "revenue", *figures]]
ui.csv_download(listed, "projects.csv")
event = ui.table(
    listed,
    currency,
    empty="No project had activity in this period.",
    revenue=ui.kpi_columns([revenue], currency)[revenue],
    on_select="rerun",
    selection_mode="single-row",
    key="project_table",
)
ui.drill("project", ui.chosen_row(event, projects, "project_code"), "app_pages/project.py")

account_log.client_log(filters, currency)

people, growth = st.columns([3, 2], gap="large")
with people:
    team = ui.load(queries.people, filters)
    if team.empty:
        st.info("Nobody logged time for this client in this period.")
    else:
        st.plotly_chart(charts.hours_by_person(team), theme=None, width="stretch")
with growth:
    st.subheader("Growth")
    trailing = ui.load(queries.growth, filters)
    if trailing.empty:
        st.info("No revenue in the last two years.")
    else:
        row = trailing.iloc[0]
        ui.kpi_tile(revenue, row["revenue_ttm"], currency, row["revenue_prior_ttm"])
        st.caption("Trailing 12 months to the as-of date, against the 12 months before.")
        ui.kpi_tile("ttm_growth_pct", row["ttm_growth_pct"], currency)
        ui.kpi_tile("share_pct", row["share_pct"], currency)

st.subheader("Invoices")
invoices = ui.load(queries.invoices, filters)
ui.csv_download(invoices, "invoices.csv")
ui.table(
    invoices.drop(columns=["client"]),
    currency,
    empty="No invoices issued in this period and nothing unpaid.",
)
