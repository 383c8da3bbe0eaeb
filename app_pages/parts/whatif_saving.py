"""What-if's scenarios kept: saved, reopened, compared and exported (a quote saved as a
proposal is whatif_proposal.py)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

import ui
from actions import scenarios
from app_pages.parts.whatif_forms import PREFIXES, SESSION, Plans
from metrics import whatif
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
    """Save the scenario under a name, and download it as CSV, PowerPoint and a live Excel
    workbook."""
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
        existing = scenarios.saved_as(name, viewer)
        if existing is None or existing == st.session_state.get("wi_opened"):
            save()
        else:  # replacing another scenario is asked for, not done on a name left in the box
            st.session_state["wi_replacing"] = name
    # The question holds for the name it was asked about: another name typed since asks anew.
    asked = st.session_state.get("wi_replacing")
    existing = scenarios.saved_as(name, viewer) if asked == name else None
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
    figures = (name, level, plans.baseline, plans.scenario, history, target, currency)
    with st.container(horizontal=True):
        ui.csv_download(table, files.scenario_name(name, ".csv"))
        for label, suffix in (("Download PowerPoint", ".pptx"), ("Download Excel", ".xlsx")):
            build = partial(files.scenario, suffix, *figures)
            ui.download(label, build, files.scenario_name(name, suffix), type="tertiary")


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
