"""The plan editor on the Client page: a client's targets for the year, saved as the targets
template is imported."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from actions import imports, plans
from metrics import forecast, queries
from metrics.queries import Filters


def share_as_percent(row: pd.Series, name: str) -> float | None:
    """A share from a row as a percentage for an input (None when it has none)."""
    share = ui.value(row, name)
    return None if share is None else round(share * 100, 2)


def plan_editor(chosen: Filters, currency: str) -> None:
    """The chosen client's targets for the as-of date's year in a form, for those who may change
    them (a director or an admin, the client's account manager; nothing for anyone else).
    Saving imports them as a one-row targets file: a new version, in the import history under
    the person's name, undone like any import."""
    client, year, me = chosen.client, chosen.as_of.year, ui.current_person()
    if client is None or not plans.may_plan(me, client):
        return
    if "plan_saved" in st.session_state:
        st.success(st.session_state.pop("plan_saved"), icon=":material/check_circle:")
    section = ui.opened(f"Edit the {year} plan", ":material/edit:", f"plan_open:{client}:{year}")
    if section is None:
        return
    row = ui.load(forecast.client_plan, chosen)  # the Client page's own read: cached once
    with section, st.form(f"plan_editor:{client}:{year}", border=False):
        st.caption("A blank target sets none. Saved as an import: undone on Data health.")
        revenue = st.number_input(
            f"Revenue target ({currency})",
            min_value=0.0,
            value=ui.value(row, "revenue_target"),
            step=1000.0,
            format="%.0f",
        )
        margin = st.number_input(
            "Gross-margin target (%)",
            min_value=0.0,
            max_value=100.0,
            value=share_as_percent(row, "margin_target"),
            step=1.0,
            format="%.1f",
        )
        on_time = st.number_input(
            "On-time target (%)",
            min_value=0.0,
            max_value=100.0,
            value=share_as_percent(row, "on_time_target"),
            step=1.0,
            format="%.1f",
        )
        if st.form_submit_button("Save plan", type="primary", icon=":material/save:"):
            shares = [None if x is None else x / 100 for x in (margin, on_time)]
            save_plan(client, year, revenue, *shares)


def save_plan(
    client: str,
    year: int,
    revenue: float | None,
    margin: float | None,
    on_time: float | None,
) -> None:
    """Save a client's targets for a year, then show every page the new version; or say why
    nothing was saved."""
    last = ui.load(queries.data_span)[1]
    try:
        plans.save_target(client, year, revenue, margin, on_time, by=ui.current_person())
    except (PermissionError, ValueError, imports.ImportFailure) as exc:
        st.error(f"The plan was not saved: {ui.literal(exc)}.")
        return
    ui.after_import(last)
    st.session_state["plan_saved"] = f"Saved the {year} plan for {ui.literal(client)}."
    st.rerun()
