"""The Client page's plan and forecast, and its plan editor: a client's targets for the year,
saved as the targets template is imported."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from actions import imports, plans
from metrics import charts, forecast, queries
from metrics.queries import Filters


def plan_section(filters: Filters, currency: str) -> None:
    """The Client page's plan and forecast: the chosen year's plan against its forecast (tiles,
    editor), the year's progress and the months ahead by layer."""
    year = ui.plan_heading("Plan and forecast, {year}", filters.as_of)
    st.caption(
        "Earned basis, the client's whole year whatever the period above. The forecast adds "
        "contracted work, the weighted pipeline and the client's usual work not yet booked; the "
        "likely range spans how far the backtest's forecasts missed, from the 1 in 10 most over "
        "to the 1 in 10 most under, and always holds the forecast. Changes are against the plan."
    )
    target = plan_tiles(filters, currency, year)
    plan_editor(filters, currency, year)
    months = ui.load(forecast.outlook, filters)
    # The progress through the year is this year's; next year's plan is set against the tiles
    # above and the months ahead.
    progress, layers = st.columns(2, gap="large") if year == filters.as_of.year else (None, st)
    if progress and (forecast.holds_revenue(months) or target is not None):
        with progress:
            st.plotly_chart(
                charts.plan_progress(months, target, currency), theme=None, width="stretch"
            )
    with layers.container():
        if forecast.holds_revenue(months):
            st.plotly_chart(charts.forecast_layers(months, currency), theme=None, width="stretch")
        else:
            st.info("Nothing earned this year and nothing in the forecast for the months ahead.")


def plan_tiles(chosen: Filters, currency: str, year: int) -> float | None:
    """The chosen client's plan for `year` against its forecast and the year so far, as tiles
    (a line saying how to set one when there is none); the revenue target."""
    plan = ui.load(forecast.client_plan, chosen, year)
    target = ui.value(plan, "revenue_target")
    tiles = st.columns(5)
    with tiles[0]:
        ui.kpi_tile("revenue_target", target, currency)
    with tiles[1]:
        ui.kpi_tile("forecast_year", ui.value(plan, "forecast_year"), currency, target)
        ui.band_caption(plan, currency)
    with tiles[2]:
        ui.kpi_tile("revenue_to_date", ui.value(plan, "revenue_to_date", 0.0), currency)
    for column, (name, goal) in zip(
        tiles[3:],
        [("margin_to_date", "margin_target"), ("on_time_to_date", "on_time_target")],
        strict=True,
    ):
        with column:
            ui.kpi_tile(name, ui.value(plan, name), currency, ui.value(plan, goal))
    if target is None:
        st.info(
            f"No plan for {year} yet: set one below (director, admin or the "
            "client's account manager) or import a targets file (studio template)."
        )
    return target


def percent_input(label: str, row: pd.Series, name: str) -> float | None:
    """An input of a share from 0 to 100%, starting at the row's (blank when it has none)."""
    share = ui.value(row, name)
    start = None if share is None else round(share * 100, 2)
    return st.number_input(
        label, min_value=0.0, max_value=100.0, value=start, step=1.0, format="%.1f"
    )


def plan_editor(chosen: Filters, currency: str, year: int) -> None:
    """The chosen client's targets for `year` in a form, for those who may change
    them (a director or an admin, the client's account manager; nothing for anyone else).
    Saving imports them as a one-row targets file: a new version, in the import history under
    the person's name, undone like any import."""
    client, me = chosen.client, ui.current_person()
    if client is None or not plans.may_plan(me, client):
        return
    if "plan_saved" in st.session_state:
        st.success(st.session_state.pop("plan_saved"), icon=":material/check_circle:")
    section = ui.opened(f"Edit the {year} plan", ":material/edit:", f"plan_open:{client}:{year}")
    if section is None:
        return
    row = ui.load(forecast.client_plan, chosen, year)  # the tiles' own read: cached once
    with section, st.form(f"plan_editor:{client}:{year}", border=False):
        st.caption("A blank target sets none. Saved as an import: undone on Data health.")
        revenue = st.number_input(
            f"Revenue target ({currency})",
            min_value=0.0,
            value=ui.value(row, "revenue_target"),
            step=1000.0,
            format="%.0f",
        )
        margin = percent_input("Gross-margin target (%)", row, "margin_target")
        on_time = percent_input("On-time target (%)", row, "on_time_target")
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
