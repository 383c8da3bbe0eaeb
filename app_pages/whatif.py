"""What-if: quote a job, re-plan a project or a client's year, against the studio's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

import ui
from actions import imports, scenarios
from actions import plans as account_plans
from metrics import charts, queries, whatif
from metrics.catalogue import format_value
from metrics.queries import Filters
from reports import files

QUOTE, REPLAN, YEAR = "New quote", "Project re-plan", "Client year"
PREFIXES = {QUOTE: "wi_q_", REPLAN: "wi_r_", YEAR: "wi_y_"}
SESSION = {"persist_state": "session"}  # typed values survive a switch of view or page
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


@dataclass(frozen=True)
class Plans:
    """A mode's baseline and scenario, what is wrong with its inputs, and whose history to read."""

    baseline: whatif.Plan
    scenario: whatif.Plan
    problems: list[str]
    history_for: tuple[str, str] | None = None  # a client-year has no plan to overrun


def rate_column(currency: str, label: str) -> dict[str, Any]:
    """A column of money per hour, in a table or an editor."""
    return st.column_config.NumberColumn(format=f"{currency} %.2f", min_value=0) | {"label": label}


# --------------------------------------------------------------------------- saved scenarios


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
        ui.table(kept[columns], currency, name="Scenario", level="Kind", saved_at="Saved")
        reopen(list(kept["name"]), viewer)
        compare(list(kept["name"]), currency, viewer)


def reopen(names: list[str], viewer: scenarios.Viewer) -> None:
    """Pick a saved scenario and open it: its inputs fill the form again."""
    open_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    chosen = open_col.selectbox("Saved scenario", names, key="wi_open")
    button_col.button(
        "Open",
        key="wi_reopen",
        width="stretch",
        on_click=lambda: ui.restore(scenarios.load(chosen, viewer)["inputs"]),
    )


def compare(names: list[str], currency: str, viewer: scenarios.Viewer) -> None:
    """Saved scenarios picked to compare side by side, with their CSV and PowerPoint."""
    picked = st.multiselect("Compare side by side", names, key="wi_compare")
    if not picked:
        return
    comparison = scenarios.compare(picked, viewer)
    ui.table(whatif.shown(comparison, currency), currency, label="")
    with st.container(horizontal=True):
        ui.csv_download(comparison, files.scenario_name("comparison", ".csv"))
        ui.download(
            "Download PowerPoint",
            partial(files.comparison_deck, comparison, currency),
            files.scenario_name("comparison", ".pptx"),
            type="tertiary",
        )


# --------------------------------------------------------------------------- a job's form


def seed(prefix: str, source: str, terms: whatif.Terms) -> None:
    """Fill the job form from `terms` when its source (template, project) changes."""
    if st.session_state.get(f"{prefix}source") == source:
        return
    st.session_state.update(
        {
            f"{prefix}source": source,
            f"{prefix}model": terms.billing_model,
            f"{prefix}fee": terms.fee,
            f"{prefix}start": terms.start,
            f"{prefix}end": terms.end,
            f"{prefix}discount": 0.0,
            f"{prefix}pass": terms.pass_through,
            f"{prefix}other": terms.other_expenses,
        }
    )
    if terms.client:
        st.session_state.update({f"{prefix}client": terms.client, f"{prefix}line": terms.line})
    ui.start_editor(f"{prefix}lines", terms.lines)


def billing_terms(prefix: str) -> tuple[str, float, date, date]:
    """The job's billing model, fee, start and end."""
    model = st.selectbox(
        "Billing model",
        list(whatif.BILLING_MODELS),
        key=f"{prefix}model",
        format_func=whatif.BILLING_MODELS.get,
        **SESSION,
    )
    fee = st.number_input(
        "Monthly fee" if model == whatif.RETAINER else "Fee",
        min_value=0.0,
        step=500.0,
        key=f"{prefix}fee",
        disabled=model == whatif.HOURLY,
        help="A retainer earns its monthly fee for every month of the schedule.",
        **SESSION,
    )
    start_col, end_col = st.columns(2)
    start = start_col.date_input("Start", key=f"{prefix}start", **SESSION)
    end = end_col.date_input("End", key=f"{prefix}end", **SESSION)
    return model, fee, start, end


def discount_and_expenses(prefix: str) -> tuple[float, float, float]:
    """The job's discount (%), pass-through costs and other expenses."""
    discount = st.number_input(
        "Discount (%)",
        min_value=0.0,
        max_value=99.0,
        step=1.0,
        key=f"{prefix}discount",
        **SESSION,
    )
    passed = st.number_input(
        "Pass-through costs",
        min_value=0.0,
        step=100.0,
        key=f"{prefix}pass",
        help="Print, props, model fees: re-billed at cost on time and materials.",
        **SESSION,
    )
    other = st.number_input(
        "Other expenses (not re-billed)",
        min_value=0.0,
        step=100.0,
        key=f"{prefix}other",
        **SESSION,
    )
    return discount, passed, other


def planned_lines(prefix: str, card: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The job's planned hours by role or person, with rates typed over the rate card."""
    st.caption("Planned hours by role or person. Leave a rate blank to use the rate card.")
    return ui.editor(
        f"{prefix}lines",
        num_rows="dynamic",
        placeholder="rate card",
        column_config={
            "who": st.column_config.SelectboxColumn("Role or person", options=list(card["name"])),
            "hours": st.column_config.NumberColumn("Hours", format="%.1f"),
            "cost_rate": rate_column(currency, "Cost rate"),
            "bill_rate": rate_column(currency, "Bill rate"),
        },
    )


def job_form(
    prefix: str, card: pd.DataFrame, currency: str, so_far: whatif.Plan | None = None
) -> tuple[whatif.Plan, whatif.Plan, list[str]]:
    """The job's terms and planned lines; its baseline, scenario and what is wrong with it."""
    terms, money = st.columns(2, gap="large")
    with terms:
        model, fee, start, end = billing_terms(prefix)
    with money:
        discount, passed, other = discount_and_expenses(prefix)
    typed = planned_lines(prefix, card, currency)
    return whatif.job_plans(
        typed, card, model, fee, start, end, discount / 100, passed, other, so_far
    )


# --------------------------------------------------------------------------- the three modes


def quote_terms(template: str, filters: Filters) -> whatif.Terms:
    """What a new quote starts from: a blank month from the as-of date, or a past project."""
    if template == "Blank":
        return whatif.Terms(start=filters.as_of, end=filters.as_of + timedelta(days=30))
    return ui.load(queries.project_terms, filters.scope, template, filters.as_of, False)


def new_quote(filters: Filters, card: pd.DataFrame, clients: list[str], currency: str) -> Plans:
    """A new job, blank or from a past project, against billing it by the hour."""
    st.caption(
        "Baseline: the same hours billed by the hour at rate-card rates, without discount. "
        "Scenario: the quote as typed."
    )
    pick, client_col, line_col = st.columns([2, 1, 1])
    templates = ui.load(queries.project_choices, filters, True, ui.asked("wi_q_template"))
    with pick:
        template = ui.choose(
            "Start from",
            ["Blank", *templates],
            "wi_q_template",
            bind=None,
            format_func=lambda c: templates.get(c, c),
            **SESSION,
        )
        ui.capped(templates, "delivered projects")
    seed(PREFIXES[QUOTE], template, quote_terms(template, filters))
    with client_col:
        client = ui.choose("Client", clients, "wi_q_client", bind=None, **SESSION)
    with line_col:
        line = ui.choose(
            "Service line",
            ui.load(queries.service_line_names, filters.scope),
            "wi_q_line",
            bind=None,
            **SESSION,
        )
    return Plans(*job_form(PREFIXES[QUOTE], card, currency), history_for=(client, line))


def project_replan(filters: Filters, card: pd.DataFrame, currency: str) -> Plans:
    """A project under way: what is worked stays, the rest is planned again."""
    st.caption(
        "Worked hours, revenue and expenses so far stay as they are. Baseline: the budgeted "
        "hours left, in the mix so far, at rate-card rates. Scenario: the remaining plan typed."
    )
    choices = ui.load(queries.project_choices, filters, False, ui.asked("wi_r_project"))
    code = ui.choose(
        "Project", list(choices), "wi_r_project", bind=None, format_func=choices.get, **SESSION
    )
    ui.capped(choices, "projects")
    detail = ui.load(queries.project_detail, filters.scope, code, filters.as_of)
    terms = ui.load(queries.project_terms, filters.scope, code, filters.as_of, True)
    seed(PREFIXES[REPLAN], code, terms)
    so_far = ui.load(queries.project_so_far, filters.scope, code, filters.as_of)
    st.caption(
        f"{ui.literal(detail['client'])} · {ui.literal(detail['service_line'])} · "
        f"{format_value('hours', detail['hours'])} worked of "
        f"{format_value('hours', detail['budget_hours'])} budgeted"
    )
    return Plans(
        *job_form(PREFIXES[REPLAN], card, currency, so_far),
        history_for=(detail["client"], detail["service_line"]),
    )


def client_year(filters: Filters, card: pd.DataFrame, clients: list[str], currency: str) -> Plans:
    """A client's last 12 months rebuilt per role, with rates, hours, fees and discount changed."""
    st.caption(
        "The client's last 12 months (as in the growth figures) rebuilt per role: with no "
        "change it earns and costs exactly what the year did. Rate changes apply to work "
        "billed by the hour; moved hours are billed as before and cost the new person's rate."
    )
    client_col, discount_col, fee_col = st.columns([2, 1, 1])
    with client_col:
        client = ui.choose("Client", clients, "wi_y_client", bind=None, **SESSION)
    baseline, uncosted = ui.load(queries.client_year, filters.scope, client, filters.as_of)
    if st.session_state.get("wi_y_source") != client:
        st.session_state["wi_y_source"] = client
        ui.start_editor("wi_y_changes", whatif.year_table(baseline))
    st.session_state.setdefault("wi_y_fee", 0.0)  # no change until one is typed
    with discount_col:
        discount = st.number_input(
            "Discount (%)", min_value=0.0, max_value=99.0, step=1.0, key="wi_y_discount", **SESSION
        )
    with fee_col:
        fee_change = st.number_input(
            "Fixed fees and retainers (% change)",
            min_value=-100.0,
            step=1.0,
            key="wi_y_fee",
            **SESSION,
        )
    changes = year_editor(card, currency)
    if uncosted:
        st.warning(f"{format_value('hours', uncosted)} had no cost rate and count at no cost.")
    found = whatif.year_problems(changes)
    scenario = whatif.year_changes(baseline, changes, card, discount / 100, fee_change / 100)
    return Plans(baseline, scenario, found)


def year_editor(card: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The year's roles, with rate, hours and moved-hours changes typed over them."""
    percent = st.column_config.NumberColumn(format="%+.0f%%")
    return ui.editor(
        "wi_y_changes",
        placeholder="",
        disabled=["who", "billed", "hours", "cost_rate", "bill_rate"],
        column_config={
            "who": "Role",
            "billed": st.column_config.CheckboxColumn("By the hour"),
            "hours": st.column_config.NumberColumn("Hours", format="%,.0f"),
            "cost_rate": rate_column(currency, "Cost rate (avg)"),
            "bill_rate": rate_column(currency, "Earned per hour"),
            "rate_change": percent | {"label": "Rate change"},
            "hours_change": percent | {"label": "Hours change"},
            "moved": percent | {"label": "Hours moved"},
            "moved_to": st.column_config.SelectboxColumn(
                "Moved to", options=list(card["name"]), help="A role or person on the rate card"
            ),
        },
    )


# --------------------------------------------------------------------------- the figures


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
        f"Most hours, {target:.0%} margin",
        format_value("hours", points.target_hours),
        help="Planned hours at which the delivery margin falls to the target.",
    )
    price_left.metric(
        "Lowest price, break-even",
        format_value("money", points.break_even_price, currency),
        help="Hours billed and fee (after discount) at which gross profit is 0.",
    )
    price_left.metric(
        f"Lowest price, {target:.0%} margin",
        format_value("money", points.target_price, currency),
        help="Hours billed and fee at which the delivery margin reaches the target.",
    )
    return target


def overrun_risk(plans: Plans, filters: Filters, currency: str) -> pd.DataFrame | None:
    """How jobs like this overran (the viewer's clients' jobs), applied to the scenario; their
    history (None: a client-year)."""
    if plans.history_for is None:
        return None
    st.subheader("How jobs like this overran")
    history = ui.load(queries.overrun_history, filters.scope, filters.as_of, *plans.history_for)
    if history.empty:
        st.info("No delivered project with budgeted hours yet: there is no history to learn from.")
        return history
    risk = whatif.risk_table(plans.scenario, whatif.overrun_quantiles(history["overrun"]))
    st.caption(
        f"Actual ÷ budgeted hours on {len(history)} delivered projects "
        f"({history['scope'].iloc[0]}), applied to the planned hours of the scenario."
    )
    ui.table(
        risk[["case", "overrun", *scenarios.HEADLINES]],
        currency,
        case="Case",
        overrun=st.column_config.NumberColumn("Hours × plan", format="%.2f×"),
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
    name_col, save_col = st.columns([3, 1], vertical_alignment="bottom")
    name = name_col.text_input("Scenario name", key="wi_name", **SESSION)
    shared = not ui.team_mode() or st.toggle("Share with the team", key="wi_shared", value=True)
    if save_col.button("Save scenario", key="wi_save", width="stretch"):
        save_scenario(name, level, table, viewer, shared, clients)
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
    about = scenarios.clients_in(inputs, clients)
    try:
        scenarios.save(name, level, inputs, table, viewer, shared, about)
        st.success(f"Saved “{ui.literal(name.strip())}”.")
    except scenarios.ScenarioError as exc:
        st.error(f"Not saved: {ui.literal(exc)}.")


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
    st.caption(
        f"The quote's price, {format_value('money', price, currency)}, goes into the sales "
        "pipeline with its probability and is forecast until it is won or lost. Saved as an "
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


# --------------------------------------------------------------------------- the page

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
history = overrun_risk(plans, filters, currency)
sensitivity(plans.scenario, target)
save_and_export(level, table, plans, history, target, currency, viewer, clients)
if level == QUOTE:
    save_as_proposal(plans, clients, currency)
