"""Project: budget burn against schedule, estimate at completion, deliverables, time, invoices."""

import streamlit as st

import ui
from metrics import charts, labels, queries

filters = ui.page_filters()
asked = ui.asked("project")
choices = ui.load(queries.project_choices, filters, False, asked)
ui.refuse_project_outside_scope(choices, filters)
if not choices:
    st.title("Project")
    st.info("No projects for the chosen filters.")
    st.stop()
# Opened without a project it can show, the page looks for the one to open on.
opening = None if asked in choices else ui.load(queries.worst_paced_project, filters)
worst, pace = opening or (None, 0.0)
code = ui.choose_labelled("Project", choices, "project", default=worst)
ui.capped(choices, "projects")
if code == worst:
    st.caption(labels.opening_project(pace))
project = ui.load(queries.project_detail, filters.scope, code, filters.as_of)
currency = ui.load(queries.reporting_currency)

st.title(ui.literal(f"{project['project_code']} · {project['project']}"))
model = labels.BILLING_MODELS.get(project["billing_model"], "no billing model").lower()
named = " · ".join(ui.literal(project[c]) for c in ("client", "service_line"))
st.caption(
    f"{named} · {model} · {ui.literal(labels.project_status(project['status']))} · "
    f"account manager {ui.literal(project['account_manager'])} · as of {filters.as_of:%-d %b %Y}"
)
st.caption(labels.project_terms(project, currency))
for column, name in zip(
    [*st.columns(3), *st.columns(3), *st.columns(3)],
    ["earned_revenue", "gross_profit", "margin_pct", "hours", "hours_burn_pct",
     "schedule_elapsed_pct", "pace_pct", "eac_hours", "eac_margin_pct"],
    strict=True,
):  # fmt: skip
    with column:
        ui.kpi_tile(name, ui.value(project, name), currency)
st.caption(f"Estimate at completion — {project['eac_method']}.")

burn, deliverables = st.columns(2, gap="large")  # the deliverables table needs half
with burn:
    weeks = ui.load(queries.project_burn, filters.scope, code, filters.as_of)
    if ui.value(project, "budget_hours") is None or weeks.empty:
        st.info("This project has no budgeted hours or no schedule, so there is no burn to show.")
    else:
        chart = charts.burn_against_schedule(weeks, project["start_date"], project["due_date"])
        st.plotly_chart(chart, theme=None, width="stretch")
with deliverables:
    st.subheader("Deliverables")
    items = ui.load(queries.project_deliverables, filters.scope, code, filters.as_of)
    ui.csv_download(items, f"deliverables-{code}.csv")
    ui.table(items, currency, empty="No deliverables recorded for this project.")

st.subheader("Hours by person and task")
hours = ui.load(queries.project_hours, filters.scope, code, filters.as_of)
if hours.empty:
    st.info("No time recorded on this project yet.")
else:
    ui.csv_download(hours, f"hours-{code}.csv")
    ui.table(hours, currency)
    with st.expander("Time entries (newest first)"):
        entries = ui.load(queries.project_entries, filters.scope, code, filters.as_of)
        ui.csv_download(entries, f"time-entries-{code}.csv")
        ui.table(
            entries,
            currency,
            cost_rate=st.column_config.NumberColumn("Cost rate", format="%.2f"),
        )

st.subheader("Invoices")
invoices = ui.load(queries.project_invoices, filters.scope, code, filters.as_of)
ui.csv_download(invoices, f"invoices-{code}.csv")
ui.table(invoices, currency, empty="No invoices linked to this project.")
