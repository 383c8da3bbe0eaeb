"""What-if: quote a job, re-plan a project or a client's year, against the studio's history."""

from datetime import timedelta
from functools import partial

import streamlit as st

import ui
from actions import scenarios
from metrics import charts, queries, whatif
from metrics.catalogue import format_value
from reports import files

QUOTE, REPLAN, YEAR = "New quote", "Project re-plan", "Client year"
PREFIXES = {QUOTE: "wi_q_", REPLAN: "wi_r_", YEAR: "wi_y_"}
SESSION = {"persist_state": "session"}  # typed values survive a switch of view or page

st.title("What-if")
filters = ui.page_filters()
currency = ui.load(queries.reporting_currency)
card = ui.load(queries.rate_card, filters.as_of)
clients = list(ui.load(queries.client_directory)["client"])
level = st.segmented_control(
    "Scenario",
    [QUOTE, REPLAN, YEAR],
    default=QUOTE,
    key="whatif",
    bind="query-params",
    required=True,
)
prefix = PREFIXES[level]

kept = scenarios.saved()
with st.expander(f"Saved scenarios ({len(kept)})"):
    if kept.empty:
        st.info("No saved scenarios yet.")
    else:
        ui.table(
            kept[
                [
                    "name",
                    "level",
                    "saved_at",
                    "earned_revenue",
                    "gross_profit",
                    "margin_pct",
                    "delivery_margin_pct",
                ]
            ],
            currency,
            name="Scenario",
            level="Kind",
            saved_at="Saved",
        )
        open_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        chosen = open_col.selectbox("Saved scenario", list(kept["name"]), key="wi_open")
        button_col.button(
            "Open",
            key="wi_reopen",
            width="stretch",
            on_click=lambda: ui.restore(scenarios.load(chosen)["inputs"]),
        )
        picked = st.multiselect("Compare side by side", list(kept["name"]), key="wi_compare")
        if picked:
            comparison = scenarios.compare(picked)
            ui.table(whatif.shown(comparison, currency), currency, label="")
            with st.container(horizontal=True):
                ui.csv_download(comparison, files.scenario_name("comparison", ".csv"))
                ui.download(
                    "Download PowerPoint",
                    partial(files.comparison_deck, comparison, currency),
                    files.scenario_name("comparison", ".pptx"),
                    type="tertiary",
                )

rates = st.column_config.NumberColumn(format=f"{currency} %.2f", min_value=0)


def seed(source: str, terms: whatif.Terms) -> None:
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


def job_form(so_far: whatif.Plan | None = None) -> tuple[whatif.Plan, whatif.Plan, list[str]]:
    """The job's terms and planned lines; the standard plan (rate card, no discount), the
    plan as typed, and what is wrong with it."""
    terms, money = st.columns(2, gap="large")
    with terms:
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
    with money:
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
    st.caption("Planned hours by role or person. Leave a rate blank to use the rate card.")
    typed = ui.editor(
        f"{prefix}lines",
        num_rows="dynamic",
        placeholder="rate card",
        column_config={
            "who": st.column_config.SelectboxColumn("Role or person", options=list(card["name"])),
            "hours": st.column_config.NumberColumn("Hours", format="%.1f"),
            "cost_rate": rates | {"label": "Cost rate"},
            "bill_rate": rates | {"label": "Bill rate"},
        },
    )
    lines = whatif.resolve_rates(typed, card)
    found = whatif.problems(model, fee, start, end, lines, discount / 100, [passed, other])
    standard = whatif.resolve_rates(typed, card, overrides=False)
    terms_of = {
        "fee": fee,
        "start": start,
        "end": end,
        "pass_through": passed,
        "other_expenses": other,
        "so_far": so_far,
    }
    if found:
        return whatif.Plan(), whatif.Plan(), found
    baseline_model = whatif.HOURLY if so_far is None else model
    baseline = whatif.job_plan(baseline_model, lines=whatif.lines_from(standard), **terms_of)
    plan = whatif.job_plan(
        model, lines=whatif.lines_from(lines), discount_pct=discount / 100, **terms_of
    )
    return baseline, plan, found


history_for: tuple[str, str] | None = None
if level == QUOTE:
    st.caption(
        "Baseline: the same hours billed by the hour at rate-card rates, without discount. "
        "Scenario: the quote as typed."
    )
    pick, client_col, line_col = st.columns([2, 1, 1])
    templates = ui.load(queries.project_choices, filters, True)
    with pick:
        template = ui.choose(
            "Start from",
            ["Blank", *templates],
            "wi_q_template",
            bind=None,
            format_func=lambda c: templates.get(c, c),
            **SESSION,
        )
    if template == "Blank":
        blank = whatif.Terms(start=filters.as_of, end=filters.as_of + timedelta(days=30))
        seed(template, blank)
    else:
        seed(template, ui.load(queries.project_terms, template, filters.as_of, False))
    with client_col:
        client = ui.choose("Client", clients, "wi_q_client", bind=None, **SESSION)
    with line_col:
        line = ui.choose(
            "Service line", ui.load(queries.service_line_names), "wi_q_line", bind=None, **SESSION
        )
    history_for = (client, line)
    baseline, scenario, found = job_form()
elif level == REPLAN:
    st.caption(
        "Worked hours, revenue and expenses so far stay as they are. Baseline: the budgeted "
        "hours left, in the mix so far, at rate-card rates. Scenario: the remaining plan typed."
    )
    choices = ui.load(queries.project_choices, filters)
    code = ui.choose(
        "Project", list(choices), "wi_r_project", bind=None, format_func=choices.get, **SESSION
    )
    detail = ui.load(queries.project_detail, code, filters.as_of)
    seed(code, ui.load(queries.project_terms, code, filters.as_of, True))
    so_far = ui.load(queries.project_so_far, code, filters.as_of)
    st.caption(
        f"{ui.literal(detail['client'])} · {ui.literal(detail['service_line'])} · "
        f"{format_value('hours', detail['hours'])} worked of "
        f"{format_value('hours', detail['budget_hours'])} budgeted"
    )
    history_for = (detail["client"], detail["service_line"])
    baseline, scenario, found = job_form(so_far)
else:
    st.caption(
        "The client's last 12 months (as in the growth figures) rebuilt per role: with no "
        "change it earns and costs exactly what the year did. Rate changes apply to work "
        "billed by the hour; moved hours are billed as before and cost the new person's rate."
    )
    client_col, discount_col, fee_col = st.columns([2, 1, 1])
    with client_col:
        client = ui.choose("Client", clients, "wi_y_client", bind=None, **SESSION)
    baseline, uncosted = ui.load(queries.client_year, client, filters.as_of)
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
    percent = st.column_config.NumberColumn(format="%+.0f%%")
    changes = ui.editor(
        "wi_y_changes",
        placeholder="",
        disabled=["who", "billed", "hours", "cost_rate", "bill_rate"],
        column_config={
            "who": "Role",
            "billed": st.column_config.CheckboxColumn("By the hour"),
            "hours": st.column_config.NumberColumn("Hours", format="%,.0f"),
            "cost_rate": rates | {"label": "Cost rate (avg)"},
            "bill_rate": rates | {"label": "Earned per hour"},
            "rate_change": percent | {"label": "Rate change"},
            "hours_change": percent | {"label": "Hours change"},
            "moved": percent | {"label": "Hours moved"},
            "moved_to": st.column_config.SelectboxColumn(
                "Moved to", options=list(card["name"]), help="A role or person on the rate card"
            ),
        },
    )
    if uncosted:
        st.warning(f"{format_value('hours', uncosted)} had no cost rate and count at no cost.")
    found = whatif.year_problems(changes)
    scenario = whatif.year_changes(baseline, changes, card, discount / 100, fee_change / 100)

for problem in found:
    st.error(ui.literal(problem))
if found or not whatif.outcome(scenario).hours:
    if not found:
        st.info("Add planned hours to see the figures.")
    st.stop()

st.subheader("Baseline and scenario")
table = whatif.scenario_table(baseline, scenario)
by_name = table.set_index("measure")
for column, name in zip(
    [*st.columns(3), *st.columns(3)],
    [
        "earned_revenue",
        "gross_profit",
        "margin_pct",
        "delivery_margin_pct",
        "effective_rate",
        "hours",
    ],
    strict=True,
):
    with column:
        ui.kpi_tile(name, by_name.loc[name, "scenario"], currency, by_name.loc[name, "baseline"])
compared, limits = st.columns([1, 1], gap="large")
with compared:
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
            cost_rate=rates | {"label": "Cost rate"},
            bill_rate=rates | {"label": "Bill rate"},
        )
with limits:
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

history = None  # a client-year has no plan to overrun
if history_for:
    st.subheader("How jobs like this overran")
    history = ui.load(queries.overrun_history, filters.as_of, *history_for)
    if history.empty:
        st.info("No delivered project with budgeted hours yet: there is no history to learn from.")
    else:
        risk = whatif.risk_table(scenario, whatif.overrun_quantiles(history["overrun"]))
        st.caption(
            f"Actual ÷ budgeted hours on {len(history)} delivered projects "
            f"({history['scope'].iloc[0]}), applied to the planned hours of the scenario."
        )
        ui.table(
            risk[
                [
                    "case",
                    "overrun",
                    "earned_revenue",
                    "gross_profit",
                    "margin_pct",
                    "delivery_margin_pct",
                ]
            ],
            currency,
            case="Case",
            overrun=st.column_config.NumberColumn("Hours × plan", format="%.2f×"),
        )
        with st.expander(f"The {len(history)} projects"):
            ui.table(
                history[
                    [
                        "project_code",
                        "project",
                        "client",
                        "service_line",
                        "budget_hours",
                        "hours",
                        "overrun",
                        "link",
                    ]
                ],
                currency,
                budget_hours=st.column_config.NumberColumn("Budget hours", format="%,.0f"),
                overrun=st.column_config.NumberColumn("Actual ÷ budget", format="%.2f"),
                link=st.column_config.LinkColumn("", display_text="Open"),
            )

curves, crossings = whatif.sensitivity(scenario, target)
st.plotly_chart(charts.margin_sensitivity(curves, crossings, target), theme=None, width="stretch")

st.subheader("Save and export")
name_col, save_col = st.columns([3, 1], vertical_alignment="bottom")
name = name_col.text_input("Scenario name", key="wi_name", **SESSION)
if save_col.button("Save scenario", key="wi_save", width="stretch"):
    if name.strip():
        try:
            scenarios.save(name, level, {**ui.inputs(prefix), "whatif": level}, table)
            st.success(f"Saved “{ui.literal(name.strip())}”.")
        except scenarios.ScenarioError as exc:
            st.error(f"Not saved: {ui.literal(exc)}.")
    else:
        st.error("Give the scenario a name before saving it.")
with st.container(horizontal=True):
    ui.csv_download(table, files.scenario_name(name, ".csv"))
    ui.download(
        "Download PowerPoint",
        partial(files.scenario_deck, name, level, baseline, scenario, history, target, currency),
        files.scenario_name(name, ".pptx"),
        type="tertiary",
    )
