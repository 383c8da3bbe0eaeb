"""What-if's inputs: the three scenarios' forms (a new quote, a project re-plan, a client's
year), each giving its baseline and scenario as `Plans`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

import ui
from metrics import queries, whatif
from metrics.catalogue import format_value
from metrics.queries import Filters

QUOTE, REPLAN, YEAR = "New quote", "Project re-plan", "Client year"
PREFIXES = {QUOTE: "wi_q_", REPLAN: "wi_r_", YEAR: "wi_y_"}
SESSION = {"persist_state": "session"}  # typed values survive a switch of view or page


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
    prefix: str,
    card: pd.DataFrame,
    currency: str,
    so_far: whatif.Plan | None = None,
    heading: whatif.Terms | None = None,
) -> tuple[whatif.Plan, whatif.Plan, list[str]]:
    """The job's terms and planned lines; its baseline, scenario and what is wrong with it
    (a re-plan's baseline: the project `heading` as it is, on top of the work `so_far`)."""
    terms, money = st.columns(2, gap="large")
    with terms:
        model, fee, start, end = billing_terms(prefix)
    with money:
        discount, passed, other = discount_and_expenses(prefix)
    typed = planned_lines(prefix, card, currency)
    return whatif.job_plans(
        typed, card, model, fee, start, end, discount / 100, passed, other, so_far, heading
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
        client = ui.choose(
            "Client", clients, "wi_q_client", default=filters.client, bind=None, **SESSION
        )
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
        "Worked hours, revenue and expenses so far stay as they are. Baseline: the hours left "
        "to the estimate at completion where it is above the budget (else to the budget), in "
        "the mix so far, at rate-card rates. Scenario: the remaining plan typed."
    )
    choices = ui.load(queries.project_choices, filters, False, ui.asked("wi_r_project"))
    if not choices:
        st.info("There is no project to re-plan among the clients you see.")
        st.stop()
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
        *job_form(PREFIXES[REPLAN], card, currency, so_far, terms),
        history_for=(detail["client"], detail["service_line"]),
    )


def client_year(filters: Filters, card: pd.DataFrame, clients: list[str], currency: str) -> Plans:
    """A client's last 12 months rebuilt per role, with rates, hours, fees and discount changed."""
    st.caption(
        "The client's last 12 months (as in the growth figures) rebuilt per role: with no "
        "change it earns and costs exactly what the year did. Rate changes apply to work "
        "billed by the hour; moved hours are billed as before and cost the new person's rate."
    )
    if not clients:
        st.info("There is no client whose year to plan among the clients you see.")
        st.stop()
    client_col, discount_col, fee_col = st.columns([2, 1, 1])
    with client_col:
        client = ui.choose(
            "Client", clients, "wi_y_client", default=filters.client, bind=None, **SESSION
        )
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
    roles = len(st.session_state["wi_y_changes"])
    return ui.editor(
        "wi_y_changes",
        height=min(35 * (roles + 1) + 3, 640),  # every role in view, not the first ten
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
