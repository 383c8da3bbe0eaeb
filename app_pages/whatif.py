"""What-if: quote a job, re-plan a project or a client's year, against the studio's history."""

import streamlit as st

import ui
from app_pages.parts.whatif_figures import baseline_and_scenario, overrun_risk, ready, sensitivity
from app_pages.parts.whatif_forms import QUOTE, REPLAN, YEAR, client_year, new_quote, project_replan
from app_pages.parts.whatif_proposal import save_as_proposal
from app_pages.parts.whatif_saving import save_and_export, saved_scenarios
from metrics import queries

st.title("What-if")
filters = ui.page_filters()
if ui.refused_client():
    ui.not_yours()
currency = ui.load(queries.reporting_currency)
card = ui.load(queries.rate_card, filters.as_of)
clients = list(ui.load(queries.client_directory, filters.scope)["client"])
level = st.segmented_control(
    "Scenario",
    [QUOTE, REPLAN, YEAR],
    default=QUOTE,
    key="whatif",
    bind="query-params",
    required=True,
)
viewer = ui.scenario_viewer()
saved_scenarios(currency, viewer)

if level == QUOTE:
    plans = new_quote(filters, card, clients, currency)
elif level == REPLAN:
    plans = project_replan(filters, card, currency)
else:
    plans = client_year(filters, card, clients, currency)
if not ready(plans):
    st.stop()

table, target = baseline_and_scenario(plans, currency)
history = overrun_risk(plans, filters, currency, target)
sensitivity(plans.scenario, target)
save_and_export(level, table, plans, history, target, currency, viewer, clients)
if level == QUOTE:
    save_as_proposal(plans, clients, currency)
