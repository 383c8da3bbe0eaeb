"""What-if's scenarios kept: saved, reopened, compared, exported, and a quote saved as a
proposal in the sales pipeline."""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

import ui
from actions import imports, scenarios
from actions import plans as account_plans
from app_pages.parts.whatif_forms import PREFIXES, SESSION, Plans
from metrics import queries, whatif
from metrics.catalogue import format_value
from reports import files


def saved_scenarios(currency: str, viewer: scenarios.Viewer) -> None:
    """The viewer's and the team's saved scenarios: files that cannot be opened, the list,
    reopening and comparing."""
    kept = scenarios.saved(viewer)
    with st.expander(f"Saved scenarios ({len(kept)})"):
        for file_name, why in scenarios.unusable(viewer):
            st.warning(f"{ui.literal(file_name)} is skipped: {ui.literal(why)}.")
        if kept.empty:
            st.info("No saved scenarios yet.")
            return
        columns = ["name", "level", "saved_at", *scenarios.HEADLINES]
        saved_at = st.column_config.DatetimeColumn("Saved", format="D MMM YYYY, HH:mm")
        ui.table(kept[columns], currency, name="Scenario", level="Kind", saved_at=saved_at)
        reopen(list(kept["name"]), viewer)
        compare(list(kept["name"]), currency, viewer)


def reopen(names: list[str], viewer: scenarios.Viewer) -> None:
    """Pick a saved scenario and open it: its inputs and target margin fill the form again,
    and its name the name to save it under."""
    open_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    chosen = open_col.selectbox("Saved scenario", names, key="wi_open")
    button_col.button(
        "Open", key="wi_reopen", width="stretch", on_click=lambda: _open(chosen, viewer)
    )


def _open(name: str, viewer: scenarios.Viewer) -> None:
    """Put the saved scenario `name` back in the form (a button's on_click)."""
    inputs = scenarios.load(name, viewer)["inputs"]
    ui.restore(inputs)
    _name_for(inputs.get("whatif"), name)


def _name_for(level: object, name: str) -> None:
    """Save the scenario of mode `level` under `name` next (the one opened, or none)."""
    st.session_state.update(wi_name=name, wi_name_level=level, wi_opened=name)


def compare(names: list[str], currency: str, viewer: scenarios.Viewer) -> None:
    """Saved scenarios picked to compare side by side, with their CSV and PowerPoint."""
    picked = st.multiselect("Compare side by side", names, key="wi_compare")
    if not picked:
        return
    comparison = scenarios.compare(picked, viewer)
    # The scenarios' names head their columns as they were saved.
    st.dataframe(
        whatif.shown(comparison, currency),
        hide_index=True,
        width="stretch",
        column_config={"label": st.column_config.TextColumn("")},
    )
    with st.container(horizontal=True):
        ui.csv_download(comparison, files.scenario_name("comparison", ".csv"))
        ui.download(
            "Download PowerPoint",
            partial(files.comparison_deck, comparison, currency),
            files.scenario_name("comparison", ".pptx"),
            type="tertiary",
        )


def save_and_export(
    level: str,
    table: pd.DataFrame,
    plans: Plans,
    history: pd.DataFrame | None,
    target: float,
    currency: str,
    viewer: scenarios.Viewer,
    clients: list[str],
) -> None:
    """Save the scenario under a name, and download it as CSV and PowerPoint."""
    st.subheader("Save and export")
    if st.session_state.get("wi_name_level") != level:  # a name typed in another mode
        _name_for(level, "")
    if "wi_saved" in st.session_state:
        st.success(st.session_state.pop("wi_saved"))
    name_col, save_col = st.columns([3, 1], vertical_alignment="bottom")
    name = name_col.text_input("Scenario name", key="wi_name", **SESSION)
    shared = not ui.team_mode() or st.toggle("Share with the team", key="wi_shared", value=True)
    save = partial(save_scenario, name, level, table, viewer, shared, clients)
    if save_col.button("Save scenario", key="wi_save", width="stretch"):
        existing = scenarios.saved_as(name)
        if existing is None or existing == st.session_state.get("wi_opened"):
            save()
        else:  # replacing another scenario is asked for, not done on a name left in the box
            st.session_state["wi_replacing"] = name
    # The question holds for the name it was asked about: another name typed since asks anew.
    asked = st.session_state.get("wi_replacing")
    existing = scenarios.saved_as(name) if asked == name else None
    if asked is not None and existing is None:
        st.session_state.pop("wi_replacing")
    if existing:
        st.warning(f"A scenario called “{ui.literal(existing)}” is saved already.")
        replace_col, keep_col = st.columns(2)
        replace = f"Replace “{ui.literal(existing)}”"
        if replace_col.button(replace, key="wi_replace", width="stretch"):
            st.session_state.pop("wi_replacing")
            save()
        if keep_col.button("Keep it: choose another name", key="wi_keep", width="stretch"):
            st.session_state.pop("wi_replacing")
            st.rerun()
    deck = partial(
        files.scenario_deck, name, level, plans.baseline, plans.scenario, history, target, currency
    )
    with st.container(horizontal=True):
        ui.csv_download(table, files.scenario_name(name, ".csv"))
        ui.download(
            "Download PowerPoint", deck, files.scenario_name(name, ".pptx"), type="tertiary"
        )


def save_scenario(
    name: str,
    level: str,
    table: pd.DataFrame,
    viewer: scenarios.Viewer,
    shared: bool,
    clients: list[str],
) -> None:
    """Keep the scenario (the mode's inputs, to reopen it, and its figures) as the viewer's,
    shared or not, with the clients it is about; or say why not."""
    if not name.strip():
        st.error("Give the scenario a name before saving it.")
        return
    inputs = {**ui.inputs(PREFIXES[level]), "whatif": level}
    inputs["wi_target"] = st.session_state.get("wi_target")
    about = scenarios.clients_in(inputs, clients)
    try:
        scenarios.save(name, level, inputs, table, viewer, shared, about)
    except scenarios.ScenarioError as exc:
        st.error(f"Not saved: {ui.literal(exc)}.")
        return
    # Saving under this name again replaces it without asking; the list shows it at once.
    st.session_state.update(wi_opened=name.strip(), wi_name_level=level)
    st.session_state["wi_saved"] = f"Saved “{ui.literal(name.strip())}”."
    st.rerun()


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
