"""What-if's figures: baseline against scenario, the limits at a target margin, how jobs like
this overran, and how the margin moves with hours and price."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from actions import scenarios
from app_pages.parts.whatif_forms import SESSION, Plans, rate_column
from metrics import charts, queries, whatif
from metrics.catalogue import format_value
from metrics.queries import Filters

TILES = [*scenarios.HEADLINES, "effective_rate", "hours"]
PAST_PROJECTS = [
    "project_code",
    "project",
    "client",
    "service_line",
    "budget_hours",
    "hours",
    "overrun",
    "link",
]


def ready(plans: Plans) -> bool:
    """Say what is wrong with the inputs, or that there are no hours yet; True when neither."""
    for problem in plans.problems:
        st.error(ui.literal(problem))
    if plans.problems:
        return False
    if not whatif.outcome(plans.scenario).hours:
        st.info("Add planned hours to see the figures.")
        return False
    return True


def baseline_and_scenario(plans: Plans, currency: str) -> tuple[pd.DataFrame, float]:
    """Baseline against scenario, and the limits at a target margin; the table and target."""
    st.subheader("Baseline and scenario")
    table = whatif.scenario_table(plans.baseline, plans.scenario)
    tiles(table, currency)
    compared, limits = st.columns([1, 1], gap="large")
    with compared:
        measures(table, plans.scenario, currency)
    with limits:
        target = target_limits(plans.scenario, currency)
    return table, target


def tiles(table: pd.DataFrame, currency: str) -> None:
    """The scenario's headline figures, each with its change from the baseline."""
    by_name = table.set_index("measure")
    for column, name in zip([*st.columns(3), *st.columns(3)], TILES, strict=True):
        with column:
            ui.kpi_tile(
                name, by_name.loc[name, "scenario"], currency, by_name.loc[name, "baseline"]
            )


def measures(table: pd.DataFrame, scenario: whatif.Plan, currency: str) -> None:
    """Every measure of baseline and scenario, and the scenario's lines."""
    ui.table(
        whatif.shown(table, currency),
        currency,
        label="",
        baseline="Baseline",
        scenario="Scenario",
        difference="Difference",
    )
    with st.expander("Scenario lines"):
        ui.table(
            whatif.lines_table(scenario),
            currency,
            who="Role or person",
            status="Hours",
            billed="By the hour",
            cost_rate=rate_column(currency, "Cost rate"),
            bill_rate=rate_column(currency, "Bill rate"),
        )


def target_limits(scenario: whatif.Plan, currency: str) -> float:
    """The target delivery margin, and the most hours and lowest price at it and at break-even."""
    st.session_state.setdefault("wi_target", whatif.TARGET_DELIVERY_MARGIN * 100)
    target = (
        st.number_input(
            "Target delivery margin (%)",
            min_value=0.0,
            max_value=95.0,
            step=5.0,
            key="wi_target",
            **SESSION,
        )
        / 100
    )
    points = whatif.thresholds(scenario, target)
    hours_left, price_left = st.columns(2)
    hours_left.metric(
        "Most hours, break-even",
        format_value("hours", points.break_even_hours),
        help="Planned hours (in their mix) at which gross profit reaches 0. None "
        "when the work is billed by the hour: more hours earn more.",
    )
    hours_left.metric(
        f"Most hours, {target:.0%} delivery margin",
        format_value("hours", points.target_hours),
        help="Planned hours at which the delivery margin falls to the target.",
    )
    price_left.metric(
        "Lowest price, break-even",
        format_value("money", points.break_even_price, currency),
        help="Hours billed and fee (after discount) at which gross profit is 0.",
    )
    price_left.metric(
        f"Lowest price, {target:.0%} delivery margin",
        format_value("money", points.target_price, currency),
        help="Hours billed and fee at which the delivery margin reaches the target.",
    )
    absorbed = whatif.absorbed_expenses(scenario)
    if absorbed > 0 and points.target_price is not None:
        gross = whatif.gross_margin_at(scenario, points.target_price)
        st.caption(
            "The delivery margin leaves out the expenses the studio bears "
            f"({format_value('money', absorbed, currency)}, not re-billed): at "
            f"{format_value('money', points.target_price, currency)} the gross margin would be "
            f"{format_value('pct', gross)}."
        )
    return target


def overrun_risk(
    plans: Plans, filters: Filters, currency: str, target: float
) -> pd.DataFrame | None:
    """How jobs like this overran (the viewer's clients' jobs), applied to the scenario with the
    price each overrun needs for the `target` margin; their history (None: a client-year)."""
    if plans.history_for is None:
        return None
    st.subheader("How jobs like this overran")
    history = ui.load(queries.overrun_history, filters.scope, filters.as_of, *plans.history_for)
    if history.empty:
        st.info("No delivered project with budgeted hours yet: there is no history to learn from.")
        return history
    quantiles = whatif.overrun_quantiles(history["overrun"])
    risk = whatif.risk_table(plans.scenario, quantiles, target)
    st.caption(
        f"Actual ÷ budgeted hours on {len(history)} delivered projects "
        f"({history['scope'].iloc[0]}), applied to the planned hours of the scenario; the last "
        f"column is the lowest price that still makes a {target:.0%} delivery margin if the "
        "hours overrun so."
    )
    ui.table(
        risk[["case", "overrun", *scenarios.HEADLINES, "target_price"]],
        currency,
        case="Case",
        overrun=st.column_config.NumberColumn("Hours × plan", format="%.2f×"),
        target_price=ui.money_column(f"Lowest price, {target:.0%} delivery margin", currency),
    )
    with st.expander(f"The {len(history)} projects"):
        ui.table(
            history[PAST_PROJECTS],
            currency,
            budget_hours=st.column_config.NumberColumn("Budget hours", format="%,.0f"),
            overrun=st.column_config.NumberColumn("Actual ÷ budget", format="%.2f"),
            link=st.column_config.LinkColumn("", display_text="Open"),
        )
    return history


def sensitivity(scenario: whatif.Plan, target: float) -> None:
    """How the delivery margin moves with hours and with price, and where it meets the target."""
    curves, crossings = whatif.sensitivity(scenario, target)
    st.plotly_chart(
        charts.margin_sensitivity(curves, crossings, target), theme=None, width="stretch"
    )
