"""One typed function per question a page asks; filters are bound as SQL parameters.

Every function that reads client data takes the viewer's scope, in its `filters` or as `scope`,
and its SQL applies it (`$visible`); the few that do not are in NOT_CLIENT_DATA, with why."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd

from metrics import account_log as logbook
from metrics import forecast, labels, periods, whatif
from metrics.attention import RULES, Rules
from metrics.catalogue import CATALOGUE, format_change, format_value
from metrics.db import Warehouse, once, read
from metrics.filters import Filters, narrowed
from metrics.scope import Scope, of_clients

EARLIEST = date(1900, 1, 1)  # the start of all time, for totals since a project began
# A picker of more projects is only ever searched, never read, and every option goes to the
# browser on every view (34,000 projects of a large studio: 2 MB): the rest by client.
MOST_CHOICES = 2_000


def last_12_months(filters: Filters) -> Filters:
    """The same filters over the 12 calendar months ending with the as-of date."""
    return replace(filters, start=periods.months_back(filters.as_of, 11), end=filters.as_of)


def split_total(rows: pd.DataFrame, key: str = "client") -> tuple[pd.DataFrame, pd.Series]:
    """Rows of a query with a grand-total row (key NULL) as (the rows, the total)."""
    is_total = rows[key].isna()
    total = rows[is_total].iloc[0] if is_total.any() else pd.Series(dtype=object)
    return rows[~is_total].reset_index(drop=True), total


# Functions that read the warehouse without a scope, and why that is safe: none returns a client's
# name or figures. tests/test_scope.py fails on any other function that takes no scope.
NOT_CLIENT_DATA = {
    "data_span": "the first and last dates with data, studio-wide: the as-of date's range",
    "reporting_currency": "one setting of the warehouse",
    "rate_card": "cost and bill rates per role and person: the studio's, not a client's",
    "manager_scope": "makes a scope: the clients whose account manager is the person named",
}


def manager_scope(warehouse: Warehouse, manager: str) -> Scope:
    """The scope of an account manager: the clients whose account manager they are in the
    clients data (its template, else the manager of most of the client's projects), matched on
    the name without case or surrounding spaces; no client when the name manages none."""
    rows = read(warehouse, "managed_clients", manager=manager)
    name = rows["account_manager"].iloc[0] if len(rows) else manager.strip()
    return of_clients(list(rows["client"]), name=name)


@once
def data_span(warehouse: Warehouse) -> tuple[date | None, date | None]:
    """First and last dates with time entries or invoices (a version's never change)."""
    row = read(warehouse, "data_span").iloc[0]
    return (
        None if pd.isna(row.first_date) else row.first_date.date(),
        None if pd.isna(row.last_date) else row.last_date.date(),
    )


def client_directory(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """The clients in the scope, their account managers and the service lines they buy."""
    return read(warehouse, "client_directory", **scope.params())


def account_manager(warehouse: Warehouse, scope: Scope, client: str) -> str | None:
    """The account manager of a client in the scope (None when it has none, or is not theirs)."""
    directory = _directory(warehouse, scope)
    managers = directory.loc[directory["client"] == client, "account_manager"].dropna()
    return str(managers.iloc[0]) if len(managers) else None


@once
def _directory(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """`client_directory`, read once per version and viewer for the lookups of one client."""
    return client_directory(warehouse, scope)


def reporting_currency(warehouse: Warehouse) -> str:
    """The currency every amount is reported in."""
    return str(read(warehouse, "reporting_currency").iloc[0]["currency"])


PERIODS = ("now", "before")  # client_period's names of the period and the one before it


def client_period(warehouse: Warehouse, filters: Filters) -> tuple[pd.DataFrame, pd.Series]:
    """Per client in the period: revenue (chosen basis), costs, profit, margin, delivery; total."""
    rows = read(
        warehouse, "client_period", filters.as_of, before_start=None, before_end=None,
        **filters.params(),
    )  # fmt: skip
    return split_total(rows.drop(columns="period"))


def period_totals(warehouse: Warehouse, filters: Filters) -> tuple[pd.Series, pd.Series]:
    """client_period's total in the period and in the period it is compared with (`previous`),
    from one query (pages compare the two)."""
    before = filters.previous()
    rows = read(
        warehouse, "client_period", filters.as_of, before_start=before.start,
        before_end=before.end, **filters.params(),
    )  # fmt: skip
    now, then = (rows[rows["period"] == period].drop(columns="period") for period in PERIODS)
    return split_total(now)[1], split_total(then)[1]


def receivables(warehouse: Warehouse, filters: Filters) -> tuple[pd.DataFrame, pd.Series]:
    """Unpaid and overdue balances per client as of the end of the period; total."""
    return split_total(read(warehouse, "receivables", filters.end, **filters.params()))


def unknown_balances(warehouse: Warehouse, filters: Filters) -> tuple[str, ...]:
    """The balances ('outstanding', 'overdue') not known at the end of the period: those that
    payments without a date could have changed. All are known on the last day with data (the
    invoices export's own day) and after it."""
    _, last = data_span(warehouse)
    if last is None or filters.end >= last:
        return ()
    undated = narrowed(_every_undated_payment(warehouse, filters.scope), filters)
    # Any payment may have come after the day; one on an invoice past due moves the overdue.
    end = pd.Timestamp(filters.end)
    changed_by = {
        "outstanding": (undated["first_issued"] <= end).any(),
        "overdue": (undated["first_due"] < end).any(),
    }
    return tuple(name for name, changed in changed_by.items() if changed)


@once
def _every_undated_payment(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """Per client of the viewer's: when its invoices paid on an unknown day were first issued
    and first due (computed once per version and viewer; each view narrows it)."""
    return read(warehouse, "undated_payments", **scope.params())


def revenue_trend(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Per client, monthly revenue over the 12 whole months to the as-of date (a month still
    running would end every line in a drop)."""
    end = periods.last_whole_month_end(filters.as_of)
    months = replace(filters, start=periods.months_back(end, 11), end=end)
    return read(warehouse, "revenue_trend", filters.as_of, **months.params())


def attention(warehouse: Warehouse, filters: Filters, rules: Rules = RULES) -> pd.DataFrame:
    """What needs action, ranked by `rules`: burning and late projects, due deliverables, overdue
    invoices, falling margins, concentration, and the account log's open issues and risks and
    overdue follow-ups; each with a link to where to act."""
    before = filters.previous()
    items = read(
        warehouse,
        "attention",
        filters.as_of,
        prev_start=before.start,
        prev_end=before.end,
        log=logbook.as_parameter(logbook.current(logbook.read().versions)),
        log_until=log_until(warehouse, filters),
        plans=forecast.plan_rows(warehouse, filters),
        currency=reporting_currency(warehouse),
        **filters.params(),
        **rules.params(),
    )
    items["link"] = [
        labels.page_link("project", project=code)
        if isinstance(code, str)
        else labels.page_link("client", client=name)
        for code, name in zip(items["project_code"], items["client"], strict=True)
    ]
    return items


def week_changes(warehouse: Warehouse, filters: Filters, currency: str) -> pd.DataFrame:
    """Hours, revenue, invoicing, deliveries and starts: the last 7 days against the 7 before,
    as text ready to show."""
    rows = read(warehouse, "week_changes", filters.as_of, **filters.params())
    shown = pd.DataFrame({"measure": rows["measure"]})
    for column in ("this_week", "last_week"):
        shown[column] = [
            format_value(u, v, currency) for u, v in zip(rows["unit"], rows[column], strict=True)
        ]
    shown["change"] = [
        format_change(u, now, before, currency) if now != before else "no change"
        for u, now, before in zip(rows["unit"], rows["this_week"], rows["last_week"], strict=True)
    ]
    return shown


def client_review(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """The weekly review's client table: period figures, overdue money, the revenue trend and
    a link to the client's page."""
    by_client, _ = client_period(warehouse, filters)
    owed, _ = receivables(warehouse, filters)
    trend = revenue_trend(warehouse, filters)
    table = by_client.merge(owed[["client", "overdue"]], on="client", how="left")
    table["overdue"] = table["overdue"].fillna(0.0)
    table = table.merge(trend, on="client", how="left")
    table["link"] = [labels.page_link("client", client=name) for name in table["client"]]
    return table


def weekly_trend(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Revenue, hours and margin per seven-day week of the 13 ending on the as-of date."""
    return read(warehouse, "weekly_trend", filters.as_of, **filters.params())


def monthly_trend(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Revenue, hours and margin per month over the 12 months to the as-of date."""
    return read(warehouse, "monthly_trend", filters.as_of, **last_12_months(filters).params())


def service_lines(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Per service line in the period: revenue, cost, gross profit, margin, hours."""
    return read(warehouse, "service_line_period", filters.as_of, **filters.params())


def projects(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Per project active in the period: its period figures, burn, pace and estimate at
    completion, with a link to the project's page."""
    rows = read(warehouse, "project_period", filters.as_of, **filters.params())
    rows["billing_model"] = labels.labelled(rows["billing_model"], labels.BILLING_MODELS)
    rows["status"] = [labels.project_status(status) for status in rows["status"]]
    rows["link"] = [labels.page_link("project", project=code) for code in rows["project_code"]]
    return rows


def people(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Hours, billable hours and labour cost per person and role in the period."""
    return read(warehouse, "people_period", filters.as_of, **filters.params())


def invoices(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Invoices issued in the period or still unpaid, with balance and age: the overdue ones
    first (longest overdue on top), then newest first."""
    rows = read(warehouse, "invoice_list", filters.as_of, **filters.params())
    return _invoice_labels(rows)


def growth(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Per client: trailing-12-month revenue, growth on the 12 months before, share and rank."""
    every = _every_growth(warehouse, filters.scope, filters.as_of, filters.basis)
    return narrowed(every, filters)


@once
def _every_growth(warehouse: Warehouse, scope: Scope, as_of: date, basis: str) -> pd.DataFrame:
    """`growth` of every client in the viewer's scope: the shares behind it need them all, so it
    is computed once per version, viewer, day and basis, and each page view narrows it."""
    return read(
        warehouse, "client_growth", as_of, basis=basis, manager=None, client=None, **scope.params()
    )


def project_choices(
    warehouse: Warehouse, filters: Filters, delivered: bool = False, wanted: str | None = None
) -> dict[str, str]:
    """Projects of the filtered clients (only delivered ones if asked), latest start first: the
    MOST_CHOICES latest and `wanted` (the one a link asks for), code → 'code · name (client)'."""
    rows = read(
        warehouse, "project_list", filters.as_of, delivered=delivered, most=MOST_CHOICES,
        wanted=wanted, **filters.params(),
    )  # fmt: skip
    return dict(zip(rows["project_code"], rows["label"], strict=True))


def project_detail(warehouse: Warehouse, scope: Scope, project: str, as_of: date) -> pd.Series:
    """The project's totals, health and estimate at completion (empty when unknown, or when
    its client is not in the scope)."""
    rows = read(warehouse, "project_detail", as_of, project=project, **scope.params())
    return rows.iloc[0] if len(rows) else pd.Series(dtype=object)


def project_burn(warehouse: Warehouse, scope: Scope, project: str, as_of: date) -> pd.DataFrame:
    """Per week since the start: hours to date as a share of budget, and schedule elapsed."""
    return read(warehouse, "project_burn", as_of, project=project, **scope.params())


def project_deliverables(
    warehouse: Warehouse, scope: Scope, project: str, as_of: date
) -> pd.DataFrame:
    """The project's deliverables with their status."""
    rows = read(warehouse, "project_deliverables", as_of, project=project, **scope.params())
    rows["status"] = labels.labelled(rows["status"], labels.DELIVERY_STATUS)
    return rows


def project_hours(warehouse: Warehouse, scope: Scope, project: str, as_of: date) -> pd.DataFrame:
    """Hours on the project per person, role and task."""
    return read(warehouse, "project_hours", as_of, project=project, **scope.params())


def project_entries(warehouse: Warehouse, scope: Scope, project: str, as_of: date) -> pd.DataFrame:
    """The project's time entries, newest first (at most 1,000)."""
    return read(warehouse, "project_entries", as_of, project=project, **scope.params())


def project_invoices(warehouse: Warehouse, scope: Scope, project: str, as_of: date) -> pd.DataFrame:
    """The project's invoices and credit notes with balance and age."""
    return _invoice_labels(
        read(warehouse, "project_invoices", as_of, project=project, **scope.params())
    )


def _invoice_labels(rows: pd.DataFrame) -> pd.DataFrame:
    """Invoice rows with their status and aging bucket in words."""
    rows["status"] = labels.labelled(rows["status"], labels.INVOICE_STATUS)
    if "aging_bucket" in rows:
        rows["aging_bucket"] = labels.labelled(rows["aging_bucket"], labels.AGING_BUCKETS)
    return rows


def delivery_months(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Early, on-time and late deliveries and the on-time rate per month, last 12 months."""
    return read(warehouse, "delivery_months", filters.as_of, **last_12_months(filters).params())


def delivery_breakdown(warehouse: Warehouse, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Early, on-time, late and average days late per client, and per service line."""
    rows = read(warehouse, "delivery_breakdown", filters.as_of, **filters.params())
    by = rows.groupby("dimension")
    empty = rows.iloc[0:0]
    return (
        by.get_group("client") if "client" in by.groups else empty,
        by.get_group("service_line") if "service_line" in by.groups else empty,
    )


def deliveries(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Deliverables delivered in the period and those open past due, worst first."""
    rows = read(warehouse, "delivery_period", filters.as_of, **filters.params())
    rows["status"] = labels.labelled(rows["status"], labels.DELIVERY_STATUS)
    return rows


def delivery_summary(warehouse: Warehouse, filters: Filters) -> pd.Series:
    """Delivered, late, on-time rate and average days late in the period; open past due."""
    return read(warehouse, "delivery_summary", filters.as_of, **filters.params()).iloc[0]


def last_24_months(filters: Filters) -> Filters:
    """The same filters over the 24 calendar months ending with the as-of date."""
    return replace(filters, start=periods.months_back(filters.as_of, 23), end=filters.as_of)


def revenue_by_client_month(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Monthly revenue of the eight largest of the filtered clients and the rest, over 24
    months."""
    params = last_24_months(filters).params()
    return read(warehouse, "revenue_by_client_month", filters.as_of, **params)


def new_and_repeat(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Monthly revenue from clients in their first year and from the others, over 24 months."""
    return read(warehouse, "new_and_repeat", filters.as_of, **last_24_months(filters).params())


def retention(warehouse: Warehouse, filters: Filters) -> pd.Series:
    """Net revenue retention with new and lost clients, trailing 12 months vs the 12 before,
    among the viewer's clients (the studio, or a manager's portfolio)."""
    rows = read(warehouse, "retention", filters.as_of, **filters.params())
    if rows.empty:  # no client in the scope had revenue in the two years
        counts = ["prior_clients", "retained_clients", "new_clients", "lost_clients"]
        return pd.Series({"basis": filters.basis, **dict.fromkeys(counts, 0)}, dtype=object)
    return rows.iloc[0]


def concentration(warehouse: Warehouse, filters: Filters) -> pd.Series:
    """Top-1 and top-5 shares of trailing-12-month revenue and clients above the threshold,
    among the viewer's clients (the studio, or a manager's portfolio)."""
    return read(warehouse, "concentration_summary", filters.as_of, **filters.params()).iloc[0]


def new_and_lost(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Clients new in the last 12 months, and clients lost (revenue before, none since), among
    the viewer's clients (as the retention figures count them)."""
    return read(warehouse, "new_and_lost", filters.as_of, **filters.params())


def aging(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Unpaid balances per client by days past due, at the end of the period."""
    return read(warehouse, "aging_by_client", filters.end, **filters.params())


def unbilled_work(warehouse: Warehouse, filters: Filters) -> tuple[pd.DataFrame, pd.Series]:
    """Projects with work earned but not yet invoiced (WIP), largest first; and the total."""
    rows = read(warehouse, "unbilled_work", filters.as_of, **filters.params())
    rows["billing_model"] = labels.labelled(rows["billing_model"], labels.BILLING_MODELS)
    return split_total(rows, key="project_code")


def invoicing_months(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Revenue earned and invoiced per month over the 12 months to the as-of date."""
    return read(warehouse, "invoicing_months", filters.as_of, **last_12_months(filters).params())


MIN_HISTORY = 5  # projects needed before the overrun history narrows to a client or a line


def rate_card(warehouse: Warehouse, as_of: date) -> pd.DataFrame:
    """Cost and bill rate per role and per person, valid on the as-of date (roles first)."""
    return read(warehouse, "rate_card_now", as_of)


def overrun_history(
    warehouse: Warehouse, scope: Scope, as_of: date, client: str | None, service_line: str | None
) -> pd.DataFrame:
    """Delivered projects' actual ÷ budgeted hours for the client and service line, else the
    service line, else all (whichever first has enough projects), with links: only projects of
    clients in the scope, so a manager learns from their own clients' history."""
    rows = read(warehouse, "overrun_history", as_of, client=client, service_line=service_line,
                minimum=MIN_HISTORY, **scope.params())  # fmt: skip
    rows["link"] = [labels.page_link("project", project=code) for code in rows["project_code"]]
    return rows


def _plan_parts(
    warehouse: Warehouse, scope: Scope, as_of: date, start: date, **which: str | None
) -> tuple[pd.DataFrame, pd.Series]:
    """Hours, cost and revenue per role and basis, and the amounts not from time, from `start`
    to the as-of date for a client or a project (nothing of a client outside the scope)."""
    params = {"client": None, "project": None, **which, "start": start, "end": as_of}
    params.update(scope.params())
    roles = read(warehouse, "plan_roles", as_of, **params)
    return roles, read(warehouse, "plan_amounts", as_of, **params).iloc[0]


def client_year(
    warehouse: Warehouse, scope: Scope, client: str, as_of: date
) -> tuple[whatif.Plan, float]:
    """The client's last 12 months (as in client_ttm) as a plan, and its uncosted hours."""
    start = periods.year_to(as_of)
    roles, amounts = _plan_parts(warehouse, scope, as_of, start, client=client)
    return whatif.year_plan(roles, amounts), float(roles["uncosted_hours"].sum())


def project_so_far(warehouse: Warehouse, scope: Scope, project: str, as_of: date) -> whatif.Plan:
    """What a project has worked, earned by the hour and spent so far, as worked plan lines."""
    roles, amounts = _plan_parts(warehouse, scope, as_of, EARLIEST, project=project)
    plan = whatif.year_plan(roles, amounts)
    return replace(plan, lines=tuple(replace(line, done=True) for line in plan.lines), fee=0.0)


def project_roles(warehouse: Warehouse, scope: Scope, project: str, as_of: date) -> pd.DataFrame:
    """A project's hours per role (its mix), most first, as plan lines to start from."""
    roles, _ = _plan_parts(warehouse, scope, as_of, EARLIEST, project=project)
    hours = roles.groupby("role", sort=False)["hours"].sum()
    return pd.DataFrame({"who": hours.index, "hours": hours.to_numpy()})


def project_terms(
    warehouse: Warehouse, scope: Scope, project: str, as_of: date, replan: bool
) -> whatif.Terms:
    """A project's terms as a job form starts from: for a re-plan, its own schedule and the
    hours left to its estimate at completion or, when that is lower (or too early to tell), to
    its budget; as a template for a new quote, its fee, expenses and hours per role, starting on
    the as-of date and lasting as long."""
    detail = project_detail(warehouse, scope, project, as_of)
    if detail.empty:
        raise LookupError(f"No project {project!r} among the clients in the scope.")
    start, due = detail["start_date"].date(), detail["due_date"].date()
    roles = project_roles(warehouse, scope, project, as_of)
    fee = 0.0 if pd.isna(detail["budget_amount"]) else float(detail["budget_amount"])
    terms = whatif.Terms(start=start, end=due, billing_model=detail["billing_model"], fee=fee,
                         client=detail["client"], line=detail["service_line"])  # fmt: skip
    if replan:
        budget = None if pd.isna(detail["budget_hours"]) else float(detail["budget_hours"])
        early = bool(detail["is_early_estimate"]) or pd.isna(detail["eac_hours"])
        estimate = None if early else float(detail["eac_hours"])
        total = whatif.replan_hours(budget, estimate)
        lines = whatif.remaining_lines(roles, total, float(detail["hours"]))
        return replace(terms, lines=lines)
    so_far = project_so_far(warehouse, scope, project, as_of)
    return replace(
        terms,
        start=as_of,
        end=as_of + (due - start),
        pass_through=so_far.pass_through,
        other_expenses=so_far.expenses - so_far.pass_through,
        lines=roles.assign(cost_rate=math.nan, bill_rate=math.nan),
    )


def service_line_names(warehouse: Warehouse, scope: Scope) -> list[str]:
    """Every service line any client in the scope buys, sorted."""
    lines = client_directory(warehouse, scope)["service_lines"].dropna()
    return sorted({line for each in lines for line in each})


def active_projects(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Open projects at the as-of date: budget burn against schedule elapsed, worst pace first."""
    return read(warehouse, "active_projects", filters.as_of, **filters.params())


def worst_paced_project(warehouse: Warehouse, filters: Filters) -> tuple[str, float] | None:
    """The open project of the filters whose budget burn is furthest ahead of (or least behind)
    its schedule, with that pace: the one the Project page opens on; None when no open project
    has budgeted hours and a schedule."""
    rows = active_projects(warehouse, filters).dropna(subset=["pace_pct"])
    return (
        None if rows.empty else (str(rows["project_code"].iloc[0]), float(rows["pace_pct"].iloc[0]))
    )


def deliverable_outlook(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Deliverables delivered in the period, late and not delivered, or due in the next 14 days,
    with their stage."""
    rows = read(warehouse, "deliverable_outlook", filters.as_of, **filters.params())
    rows["stage"] = labels.labelled(rows["stage"], labels.STAGES)
    return rows


def person_task_hours(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """Hours, billable hours and labour cost per person, role and task in the period."""
    return read(warehouse, "person_task_hours", filters.as_of, **filters.params())


def client_month_row(
    warehouse: Warehouse, scope: Scope, client: str, month: date, as_of: date
) -> pd.Series:
    """The client's row of the public view client_month for one month (empty without activity,
    or when the client is not in the scope)."""
    rows = read(warehouse, "client_month_row", as_of, client=client, month=month, **scope.params())
    return rows.iloc[0] if len(rows) else pd.Series(dtype=object)


def import_records(scope: Scope, rows: pd.DataFrame) -> pd.DataFrame:
    """The import's own records (files, rows rejected or skipped, names that match nothing, the
    reconciliation) for a scope of every client; none for a narrower scope: they belong to no
    one client and may name any, so they are for admins and directors (docs/metrics.md)."""
    return rows if scope.everything else rows.iloc[0:0].copy()


def data_problems(warehouse: Warehouse, scope: Scope, currency: str) -> pd.DataFrame:
    """Each kind of data problem: its label, size as text, what it means and how to fix it."""
    problems = import_records(scope, read(warehouse, "data_problems"))
    if problems.empty:
        return problems.assign(label=[], size=[], fix=[])
    gaps = pd.DataFrame({"problem": ["time_gaps"], "items": [len(time_gaps(warehouse, scope))]})
    problems = pd.concat([problems, gaps], ignore_index=True)
    problems["label"] = [labels.PROBLEMS[p][0] for p in problems["problem"]]
    problems["size"] = [
        f"{items:,} {labels.UNITS[name][items != 1]}"
        + (f", {format_value('hours', hours)}" if pd.notna(hours) else "")
        + (
            f", {format_value('money', amount, currency)} {labels.AMOUNTS[name]}"
            if pd.notna(amount)
            else ""
        )
        + (f": {which}" if pd.notna(which) else "")
        for name, items, hours, amount, which in problems[
            ["problem", "items", "hours", "amount", "which"]
        ].values
    ]
    problems["fix"] = [labels.PROBLEMS[p][1] for p in problems["problem"]]
    return problems


def time_gaps(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """Weeks between the first and last time entry with no time recorded."""
    return import_records(scope, read(warehouse, "time_gaps"))


def source_freshness(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """Per source and kind of data: files, latest import, rows held, dates covered, rejects."""
    rows = import_records(scope, read(warehouse, "source_freshness"))
    rows["kind"] = labels.labelled(rows["kind"], labels.DATA_KINDS)
    return rows


def rejects(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """Every rejected input row of the latest import of each file: where, what and why."""
    return import_records(scope, read(warehouse, "rejects", file_id=None))


def skipped_rows(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """Every skipped record (title, total, footer, empty row) of the latest import of each file."""
    return import_records(scope, read(warehouse, "skipped_rows", file_id=None))


def unmatched_names(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """Client and project names in the data that match nothing known, with the closest match."""
    return import_records(scope, read(warehouse, "unmatched_names"))


def import_history(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """Import runs, newest first, with their files and row counts."""
    return import_records(scope, read(warehouse, "import_history"))


def last_reconciliation(warehouse: Warehouse, scope: Scope) -> pd.DataFrame:
    """The latest import's reconciliation: each total in the files and in the views, labelled
    with its unit ('Hours, h', 'Revenue (billed), EUR')."""
    checks = import_records(scope, read(warehouse, "last_reconciliation"))
    units = {"hours": "h", "money": reporting_currency(warehouse)}
    checks["measure"] = [_with_unit(measure, units) for measure in checks["measure"]]
    return checks


def _with_unit(measure: str, units: dict[str, str]) -> str:
    """A reconciled measure's label with its unit where it has one: 'Hours, h'."""
    if measure not in CATALOGUE:
        return measure.replace("_", " ").capitalize()
    entry = CATALOGUE[measure]
    return f"{entry.label}, {units[entry.unit]}" if entry.unit in units else entry.label


def every_project(warehouse: Warehouse, scope: Scope) -> dict[str, str]:
    """Every project of the scope's clients, for choosing the one an alias stands for:
    code → 'code · name (client)'."""
    params = {"manager": None, "client": None, "service_line": None, "delivered": False}
    rows = read(warehouse, "project_list", most=None, wanted=None, **params, **scope.params())
    return dict(zip(rows["project_code"], rows["label"], strict=True))


# --------------------------------------------------------------------------- the account log
# Read from its file (metrics/account_log.py), not the warehouse; the SQL applies the client's
# scope to it like to any client figure. ui.load caches these with the log's stamp.
READS_ACCOUNT_LOG = frozenset({"attention", "account_log", "account_log_history", "log_review"})


def log_until(warehouse: Warehouse, filters: Filters) -> date:
    """The last day the account log is read to: the as-of date, or today when the as-of date is
    the last day with data (the log runs ahead of the exports: a call logged this morning
    counts in this week's review although the time exports end on Friday)."""
    last = data_span(warehouse)[1]
    if last is not None and filters.as_of >= last:
        return max(filters.as_of, date.today())
    return filters.as_of


def _log_rows(
    warehouse: Warehouse,
    filters: Filters,
    versions: list[dict],
    late_on: date | None,
    **params: object,
) -> pd.DataFrame:
    """`versions` of log entries as sql/queries/account_log.sql keeps them for `filters`, with
    the words they are shown with (a follow-up not done by `late_on` says how late it is)."""
    rows = read(warehouse, "account_log", log=logbook.as_parameter(versions),
                **{**filters.params(), **params})  # fmt: skip
    rows["what"] = labels.labelled(rows["kind"], logbook.KINDS)
    rows["status"] = [logbook.STATUSES.get(s, "") for s in rows["status"]]
    rows["follow_up_text"] = [
        _follow_up(owner, due, what, done, late_on)
        for owner, due, what, done in rows[
            ["follow_up_owner", "follow_up_due", "follow_up", "follow_up_done"]
        ].itertuples(index=False)
    ]
    return rows


def _follow_up(owner: str, due: object, what: str, done: bool, late_on: date | None) -> str:
    """A follow-up in a few words, its state first (a table cuts the end of a long text):
    'Done · Maya Patel by 4 Dec 2026: send the quote', or '3 days overdue · …' when it is not
    done and its day is before `late_on`."""
    if not owner:
        return ""
    due_day = None if pd.isna(due) else pd.Timestamp(due).date()
    text = (
        owner
        + ("" if due_day is None else f" by {due_day:%-d %b %Y}")
        + (f": {what}" if what else "")
    )
    if done:
        return f"Done · {text}"
    if due_day is not None and late_on is not None and due_day < late_on:
        return f"{labels.count((late_on - due_day).days, 'day')} overdue · {text}"
    return text


def account_log(
    warehouse: Warehouse,
    filters: Filters,
    text: str = "",
    kinds: tuple[str, ...] = (),
    since: date | None = None,
    until: date | None = None,
) -> pd.DataFrame:
    """The account log's entries (each as last written) of the filters' clients in the viewer's
    scope, dated from `since` to `until` (by default from the start to log_until), of the
    `kinds` (all when none) and holding `text`; newest first."""
    versions = logbook.current(logbook.read().versions)
    until = until or log_until(warehouse, filters)
    return _log_rows(
        warehouse,
        filters,
        versions,
        late_on=until,
        since=since,
        until=until,
        kinds=list(kinds) or None,
        text=text.strip() or None,
    )


def account_log_history(warehouse: Warehouse, scope: Scope, entry: str) -> pd.DataFrame:
    """Every version of one log entry, the latest first (none when its client is outside the
    scope, or there is no such entry)."""
    versions = logbook.history(logbook.read().versions, entry)
    everything = Filters(start=EARLIEST, end=EARLIEST, as_of=EARLIEST, scope=scope)
    rows = _log_rows(
        warehouse, everything, versions, None, since=None, until=None, kinds=None, text=None
    )
    return rows.sort_values("version", ascending=False, ignore_index=True)


def log_review(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """The log entries a weekly review goes through: those dated in the week to the as-of date
    (and since, to log_until), the issues and risks still open, and the follow-ups due and not
    done; with how many days each issue has been open and each follow-up is late."""
    until = log_until(warehouse, filters)
    rows = account_log(warehouse, filters, until=until)
    dated = rows["entry_date"].dt.date
    due = rows["follow_up_due"].dt.date
    week_start = filters.as_of - timedelta(days=6)
    rows["new"] = dated >= week_start
    is_open = rows["kind"].isin(logbook.WITH_STATUS) & (rows["status"] == "Open")
    rows["open_days"] = [
        (until - d).days if o else None for d, o in zip(dated, is_open, strict=True)
    ]
    follow = (rows["follow_up_owner"] != "") & ~rows["follow_up_done"].astype(bool) & due.notna()
    rows["follow_up_late"] = [
        (until - d).days if f and d <= until else None for d, f in zip(due, follow, strict=True)
    ]
    keep = rows["new"] | is_open | rows["follow_up_late"].notna()
    return rows[keep].reset_index(drop=True)
