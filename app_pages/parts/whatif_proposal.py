"""What-if's quote saved as a proposal in the sales pipeline, with its probability."""

from __future__ import annotations

from datetime import date

import streamlit as st

import ui
from actions import imports
from actions import plans as account_plans
from app_pages.parts.whatif_forms import Plans
from metrics import queries, whatif
from metrics.catalogue import format_value


def save_as_proposal(plans: Plans, clients: list[str], currency: str) -> None:
    """The quote saved in the sales pipeline as a proposal: its price as the value, with a
    probability and the expected dates of its schedule (for those who may change the client's
    plans: a director or an admin, the client's account manager)."""
    quoted, line = plans.history_for or (None, None)
    if quoted is None or not account_plans.may_plan(ui.current_person(), quoted):
        return
    st.subheader("Save as proposal")
    if "wi_proposal_saved" in st.session_state:
        st.success(st.session_state.pop("wi_proposal_saved"), icon=":material/check_circle:")
    price = whatif.outcome(plans.scenario).revenue
    costs = format_value("money", plans.scenario.rebilled, currency)
    rebilled = f" (re-billed costs of {costs} included)" if plans.scenario.rebilled else ""
    st.caption(
        f"The quote's revenue, {format_value('money', price, currency)}{rebilled}, goes into the "
        "sales pipeline with its probability and is forecast until it is won or lost. Saved as an "
        "import: a proposal of the same name for the client is replaced, and it can be undone "
        "on Data health."
    )
    with st.form("wi_proposal"):
        client_col, name_col, chance_col = st.columns([1, 2, 1])
        at = clients.index(quoted) if quoted in clients else None
        client = client_col.selectbox("Client", clients, index=at)
        name = name_col.text_input("Opportunity", value=st.session_state.get("wi_name", ""))
        probability = chance_col.number_input(
            "Probability (%)", min_value=0.0, max_value=100.0, value=50.0, step=5.0
        )
        start_col, end_col = st.columns(2)
        start = start_col.date_input("Expected start", value=st.session_state.get("wi_q_start"))
        end = end_col.date_input("Expected end", value=st.session_state.get("wi_q_end"))
        if st.form_submit_button("Save as proposal", icon=":material/request_quote:"):
            proposal = (client, name, line, price, probability / 100, start, end)
            save_proposal(*proposal, currency)


def save_proposal(
    client: str,
    name: str,
    line: str | None,
    price: float,
    probability: float,
    start: date | None,
    end: date | None,
    currency: str,
) -> None:
    """Record the proposal, then show every page the new version; or say why nothing was."""
    last = ui.load(queries.data_span)[1]
    try:
        account_plans.save_proposal(
            client, name, line, price, probability, start, end, by=ui.current_person()
        )
    except (PermissionError, ValueError, imports.ImportFailure) as exc:
        st.error(f"The proposal was not saved: {ui.literal(exc)}.")
        return
    ui.after_import(last)
    st.session_state["wi_proposal_saved"] = (
        f"Saved “{ui.literal(name.strip())}” for {ui.literal(client)}: "
        f"{format_value('money', price, currency)} at {probability:.0%}."
    )
    st.rerun()
