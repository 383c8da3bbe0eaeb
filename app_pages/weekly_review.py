"""Weekly review: the portfolio at a glance — what changed, what needs action, client by client."""

import streamlit as st

import ui
from app_pages.parts import log_forms, report_downloads
from app_pages.parts.clients_table import clients_table
from metrics import charts, labels, periods, queries

st.title("Weekly account review")
filters = ui.page_filters()
currency = ui.load(queries.reporting_currency)
revenue = ui.revenue_name(filters)
before = filters.previous()
st.caption(
    f"{filters.subject} · {periods.label(filters.start, filters.end)} · changes against "
    f"{periods.label(before.start, before.end)} · revenue on the {filters.basis} basis"
)
with st.container(horizontal=True):
    report_downloads.weekly_report_downloads(filters)

now, then = ui.load(queries.period_totals, filters)
tiles = st.columns(5)
with tiles[0]:
    ui.change_tile(revenue, now, then, currency, column="revenue")
with tiles[1]:
    ui.change_tile("margin_pct", now, then, currency)
with tiles[2]:
    ui.change_tile("hours", now, then, currency)
with tiles[3]:
    ui.on_time_tile(now, then, currency)
with tiles[4]:
    ui.balance_tile("overdue", filters, currency)
ui.balances_note(filters, ("overdue",))

st.subheader("Needs attention")
attention = st.container()
changes, trend = st.columns(2, gap="large")
# The chart is drawn before the lists above and beside it are worked out, so that the browser
# loads its charting library while the server works on them (a first view about 0.2 s sooner).
with trend:
    weeks = ui.load(queries.weekly_trend, filters)
    title = "Revenue and margin by week"
    st.plotly_chart(
        charts.revenue_and_margin(weeks, "week_end", title, revenue, currency, filters.as_of),
        theme=None,
        width="stretch",
    )
with attention:
    log_forms.quick_log(filters)
    items = ui.load(queries.attention, filters)
    if items.empty:
        st.success("Nothing needs action: no project is late or burning ahead, nothing is overdue.")
    else:
        st.caption(labels.attention_count(items["kind"]))
        columns = ["kind", "client", "account_manager", "project_code", "project", "reason"]
        ui.csv_download(items[columns], "needs-attention.csv")
        # Whose item it is, where the list holds more than one manager's clients.
        owner = ["account_manager"] if filters.manager is None and filters.client is None else []
        ui.table(
            # Why comes before the project: at a laptop's width the last columns are cut off.
            items[["kind", "client", "reason", "project_code", "project", *owner, "link"]],
            currency,
            kind=st.column_config.TextColumn("What", width=190),
            client=st.column_config.TextColumn("Client", width=160),
            reason=st.column_config.TextColumn("Why", width="large"),
            project_code=st.column_config.TextColumn("Code", width="small"),
            project=st.column_config.TextColumn("Project", width="medium"),
            account_manager=st.column_config.TextColumn("Account manager", width=125),
            link=st.column_config.LinkColumn("", display_text="Open", width=60),
            height=min(35 * len(items) + 38, 390),
        )
with changes:
    st.subheader("Since last week")
    st.caption(f"The 7 days to {filters.as_of:%-d %b} against the 7 days before.")
    ui.table(
        ui.load(queries.week_changes, filters, currency),
        currency,
        measure="",
        this_week=st.column_config.TextColumn("This week", alignment="right"),
        last_week=st.column_config.TextColumn("Last week", alignment="right"),
        change=st.column_config.TextColumn("Change", alignment="right"),
    )

st.subheader("Clients")
clients_table(filters, currency)
