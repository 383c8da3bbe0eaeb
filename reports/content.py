"""The weekly status report's content, gathered once from metrics.queries: the deck, the
Markdown and the PDF lay out the same sections, so their figures cannot disagree."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import pandas as pd

from metrics import forecast, periods, queries
from metrics.attention import RULES
from metrics.catalogue import format_value, kpi
from metrics.db import Warehouse
from metrics.labels import AGING, INVOICE_STATUS, STAGES, UNDATED_PAYMENTS, count, possessive
from metrics.queries import Filters
from reports.scope import ReportError

WEEKS_IN_TREND = 13
ROWS_PER_TABLE = 10
# A formatted figure: '1,234', 'EUR 1,234', 'EUR -1,234', '-EUR 12', '41.5%', '+3.0 pts', '12.5 h',
# 'EUR 95.00/h'.
FIGURE = re.compile(r"^[+-]?(?:[A-Z]{3} )?-?[\d,.]+(?:M|%| h| pts|/h)?$")
# The KPI table: catalogue name → column of the period figures.
KEY_FIGURES = {
    "earned_revenue": "revenue",
    "gross_profit": "gross_profit",
    "margin_pct": "margin_pct",
    "hours": "hours",
    "on_time_rate": "on_time_rate",
    "overdue": "overdue",
}


@dataclass(frozen=True)
class Chart:
    """A chart as data: one value per category in each series, in a catalogue unit."""

    title: str
    kind: str  # column | bar (horizontal) | line
    categories: list[str]
    series: dict[str, list[float | None]]
    unit: str
    currency: str = ""  # of a money chart's values (the reporting currency)


@dataclass(frozen=True)
class Table:
    """A table as the reader sees it: column headings and rows of formatted text."""

    columns: list[str]
    rows: list[list[str]]

    def weights(self) -> list[int]:
        """Relative column widths: room for the longest text in each column (up to 30
        characters, then it wraps), and never less than its longest word and the cell's padding,
        so no word or figure is broken across lines."""
        widths = []
        for c, heading in enumerate(self.columns):
            texts = [heading, *(row[c] for row in self.rows)]
            longest_word = max(len(word) for text in texts for word in [*text.split(), ""])
            widths.append(max(longest_word + 3, min(30, max(len(text) for text in texts))))
        return widths

    def figure_columns(self) -> list[bool]:
        """Per column, whether it holds figures (every cell that is not blank or '—' is one),
        which every format right-aligns."""
        return [
            any(cells) and all(FIGURE.match(cell) for cell in cells)
            for cells in (
                [row[c] for row in self.rows if row[c] not in ("", "—")]
                for c in range(len(self.columns))
            )
        ]


def chart_table(chart: Chart) -> Table:
    """A chart's data as a table: one row per category, one column per series."""
    rows = [
        [
            category,
            *(
                format_value(chart.unit, values[n], chart.currency)
                for values in chart.series.values()
            ),
        ]
        for n, category in enumerate(chart.categories)
    ]
    return Table(["", *chart.series], rows)


@dataclass(frozen=True)
class Section:
    """One slide, or one heading of the Markdown and PDF."""

    title: str
    text: str = ""
    charts: tuple[Chart, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Report:
    """The weekly status report: a title, the written summary and its sections."""

    title: str
    subtitle: str
    summary: str
    sections: tuple[Section, ...]
    alerts: tuple[str, ...] = ()  # what an e-mail's subject flags: '2 deliverables late', …


@dataclass(frozen=True)
class Overrun:
    """The open project furthest over its budget hours (already, or on course to be)."""

    project: str
    over_pct: float
    already: bool


def weekly(warehouse: Warehouse, filters: Filters) -> Report:
    """The weekly status report for the client or account manager in `filters` (within its
    scope), as of its date."""
    currency = queries.reporting_currency(warehouse)
    week = replace(
        filters, start=filters.as_of - timedelta(days=6), end=filters.as_of, calendar_step=0
    )
    figures = {
        name: _figures(warehouse, chosen)
        for name, chosen in {
            "week": week,
            "last_week": week.previous(),
            "period": filters,
            "before": filters.previous(),
        }.items()
    }
    if not any(any(v for v in f.values()) for f in figures.values()):
        raise ReportError(
            f"{scope_label(filters)} has no hours, revenue, deliveries or unpaid invoices in the "
            f"8 weeks to {filters.as_of:%-d %b %Y}: nothing to report."
        )
    projects = queries.active_projects(warehouse, filters)
    deliverables = queries.deliverable_outlook(warehouse, filters)
    invoices = queries.invoices(warehouse, filters)
    overdue = invoices[invoices["status"] == INVOICE_STATUS["overdue"]]
    late = (
        int((deliverables["stage"] == STAGES["open_overdue"]).sum()),
        int((deliverables["stage"] == STAGES["delivered_late"]).sum()),
    )
    text = summary(
        figures["period"],
        figures["before"],
        worst_overrun(projects),
        late,
        overdue["balance"].tolist(),
        overdue["days_overdue"].tolist(),
        currency,
        overdue_known=figures["period"]["overdue"] is not None,
    )
    unknown = [WEEKS[name] for name, period in figures.items() if period["overdue"] is None]
    # Said beside the key figures, whose blanks it explains; the e-mail's headline goes without.
    note = (
        f" Overdue at the end of {' and '.join(unknown)} is not known: {UNDATED_PAYMENTS}."
        if unknown
        else ""
    )
    sections = (
        Section("Summary", text + note, table=key_figures(figures, currency)),
        trend_section(queries.weekly_trend(warehouse, filters), filters.as_of, currency),
        plan_section(forecast.plans(warehouse, filters), filters.as_of.year, currency),
        burn_section(projects),
        deliverables_section(deliverables),
        invoices_section(warehouse, filters, overdue, currency),
        unbilled_section(warehouse, filters, currency),
        log_section(queries.log_review(warehouse, filters), filters.as_of),
        attention_section(queries.attention(warehouse, filters)),
    )
    return Report(
        title=f"Weekly account status: {scope_label(filters)}",
        subtitle=(
            f"Week to {filters.as_of:%-d %b %Y} · last 4 weeks "
            f"{periods.label(filters.start, filters.end)} · revenue earned · {currency}"
        ),
        summary=text,
        sections=sections,
        alerts=alerts(
            late[0], overdue["balance"].tolist(), currency, figures["period"]["overdue"] is not None
        ),
    )


def alerts(
    late: int, overdue_balances: list[float], currency: str, overdue_known: bool = True
) -> tuple[str, ...]:
    """What needs chasing this week, in a few words each: deliverables late and not yet
    delivered, invoices overdue and what they owe ("at least" when payment dates are not
    known: the invoices then count as paid when they may not have been)."""
    found = []
    if late:
        found.append(f"{count(late, 'deliverable')} late")
    if overdue_balances:
        least = "" if overdue_known else "at least "
        owed = format_value("money", sum(overdue_balances), currency)
        found.append(f"{least}{count(len(overdue_balances), 'invoice')} overdue ({least}{owed})")
    return tuple(found)


def scope_label(filters: Filters) -> str:
    """Who the report is about: the client, the account manager's portfolio, or the viewer's
    clients."""
    if filters.client:
        return filters.client
    return f"{possessive(filters.manager)} portfolio" if filters.manager else filters.scope.label


# The four periods of the weekly report's key figures, as its sentences name them.
WEEKS = {
    "week": "this week",
    "last_week": "last week",
    "period": "the last 4 weeks",
    "before": "the 4 weeks before",
}


def _figures(warehouse: Warehouse, filters: Filters) -> dict[str, float | None]:
    """The key figures of one period (overdue balances as at its last day: none when none is
    owed, unknown when payments without dates make it so)."""
    _, total = queries.client_period(warehouse, filters)
    _, owed = queries.receivables(warehouse, filters)
    known = "overdue" not in queries.unknown_balances(warehouse, filters)
    overdue = (_number(owed.get("overdue")) or 0.0) if known else None
    row = {**total.to_dict(), "overdue": overdue}
    return {name: _number(row.get(column)) for name, column in KEY_FIGURES.items()}


def _number(value: object) -> float | None:
    """A figure from a query row; None when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return float(value)  # type: ignore[arg-type]


def key_figures(figures: dict[str, dict[str, float | None]], currency: str) -> Table:
    """This week against last week, and the last 4 weeks against the 4 before, per KPI."""
    rows = []
    for name in KEY_FIGURES:
        entry = kpi(name)
        week, last_week = figures["week"][name], figures["last_week"][name]
        period, before = figures["period"][name], figures["before"][name]
        rows.append(
            [
                entry.label,
                entry.format(week, currency),
                entry.format(last_week, currency),
                entry.format_change(week, last_week, currency) or "—",
                entry.format(period, currency),
                entry.format(before, currency),
                entry.format_change(period, before, currency) or "—",
            ]
        )
    columns = ["", "This week", "Last week", "Change", "Last 4 weeks", "4 weeks before", "Change"]
    return Table(columns, rows)


def worst_overrun(projects: pd.DataFrame) -> Overrun | None:
    """The open project furthest over budget hours, or on course to end over by 10% or more
    while Needs attention lists it as burning faster than its schedule (the same rule: the
    summary names no overrun the list beside it does not)."""
    candidates = []
    for row in projects.itertuples():
        name = f"{row.project_code} {row.project}"
        burning = (
            _number(row.pace_pct)
            and row.pace_pct > RULES.burning_pace
            and row.hours_burn_pct > RULES.burning_burn
        )
        if _number(row.hours_burn_pct) and row.hours_burn_pct > 1:
            candidates.append(Overrun(name, row.hours_burn_pct - 1, already=True))
        elif burning and _number(row.eac_burn_pct) and row.eac_burn_pct >= 1.1:
            candidates.append(Overrun(name, row.eac_burn_pct - 1, already=False))
    return max(candidates, key=lambda o: (o.already, o.over_pct), default=None)


def summary(
    now: dict[str, float | None],
    before: dict[str, float | None],
    overrun: Overrun | None,
    late: tuple[int, int],
    overdue_balances: list[float],
    overdue_days: list[int],
    currency: str,
    overdue_known: bool = True,
) -> str:
    """The written summary: revenue and margin against the 4 weeks before, the worst budget
    overrun, late deliverables (`late`: not yet delivered, and delivered late in the 4 weeks)
    and overdue invoices ("at least" them when payment dates are not known, nothing when none
    is known to be) — every figure passed in, none invented."""
    revenue, revenue_before = now["earned_revenue"] or 0.0, before["earned_revenue"] or 0.0
    money = kpi("earned_revenue").format(revenue, currency)
    if revenue_before > 0:
        change = revenue / revenue_before - 1
        trend = (
            "flat" if abs(change) < 0.005 else f"{'up' if change > 0 else 'down'} {abs(change):.0%}"
        )
        clauses = [f"Revenue {money} in the last 4 weeks, {trend} on the 4 weeks before"]
    else:
        clauses = [f"Revenue {money} in the last 4 weeks, none in the 4 weeks before"]
    margin = kpi("margin_pct")
    if now["margin_pct"] is not None:
        change = margin.format_change(now["margin_pct"], before["margin_pct"])
        clauses[0] += f"; margin {margin.format(now['margin_pct'])}" + (
            f" ({change})" if change else ""
        )
    if overrun:
        state = "running" if overrun.already else "on course to finish"
        clauses[0] += f", with {overrun.project} {state} {overrun.over_pct:.0%} over budget hours"
    clauses.append(_late_clause(*late))
    if overdue_balances or overdue_known:
        clauses.append(_overdue_clause(overdue_balances, overdue_days, currency, overdue_known))
    return "; ".join(clauses) + "."


def _late_clause(not_delivered: int, delivered_late: int) -> str:
    """'2 deliverables late, not yet delivered, and 1 delivered late in the last 4 weeks'."""
    waiting = f"{count(not_delivered, 'deliverable')} late, not yet delivered"
    delivered = "delivered late in the last 4 weeks"
    if not delivered_late:
        return "no deliverable late" if not not_delivered else waiting
    if not not_delivered:
        return f"{count(delivered_late, 'deliverable')} {delivered}"
    return f"{waiting}, and {delivered_late} {delivered}"


def _open_for(days: int) -> str:
    """How long an issue has been open: 'opened today', 'open 1 day', 'open 12 days'."""
    return "opened today" if days == 0 else f"open {count(days, 'day')}"


def _overdue_clause(balances: list[float], days: list[int], currency: str, known: bool) -> str:
    """'1 invoice 45 days overdue (EUR 18,400)' or '3 invoices overdue (EUR 25,300, oldest …)';
    'at least …' when payment dates are not known."""
    least = "" if known else "at least "
    total = least + format_value("money", sum(balances), currency)
    if not balances:
        return "no invoice overdue" if known else "which invoices are overdue is not known"
    if len(balances) == 1:
        return f"{least}1 invoice {count(days[0], 'day')} overdue ({total})"
    return f"{least}{len(balances)} invoices overdue ({total}, the oldest {max(days)} days)"


def trend_section(weeks: pd.DataFrame, as_of: date, currency: str) -> Section:
    """Revenue and gross margin per seven-day week of the 13 ending on the as-of date (0 in a
    quiet week, so no week drops out of the trend); the last is the summary's "this week"."""
    ends = [as_of - timedelta(weeks=n) for n in range(WEEKS_IN_TREND - 1, -1, -1)]
    by_week = weeks.assign(week_end=weeks["week_end"].dt.date).set_index("week_end")
    revenue = [_number(by_week["revenue"].get(end)) or 0.0 for end in ends]
    margin = [_number(by_week["margin_pct"].get(end)) for end in ends]
    labels = [f"{end:%-d %b}" for end in ends]
    return Section(
        "Revenue and margin by week",
        f"The {WEEKS_IN_TREND} weeks to {as_of:%-d %b %Y}, each of the seven days to the date "
        "shown.",
        charts=(
            Chart(
                "Revenue earned per week", "column", labels, {"Revenue": revenue}, "money", currency
            ),
            Chart("Gross margin per week", "line", labels, {"Gross margin": margin}, "pct"),
        ),
    )


def plan_section(plans: pd.DataFrame, year: int, currency: str) -> Section:
    """Each client's forecast for the year with its P10–P90 band against its revenue plan,
    furthest below plan first."""
    title = f"Plan and forecast, {year}"
    if plans.empty:
        return Section(title, f"No revenue, forecast or plan for {year}.")
    ranked = plans.sort_values("gap_pct", na_position="last")
    planned = ranked.dropna(subset=["revenue_target"])
    shown = planned.head(ROWS_PER_TABLE)
    chart = Chart(
        "Forecast for the year against plan",
        "bar",
        list(shown["client"]),
        {
            kpi("revenue_target").label: _values(shown["revenue_target"]),
            kpi("forecast_year").label: _values(shown["forecast_year"]),
        },
        "money",
        currency,
    )

    def amount(value: object) -> str:
        """Money without its currency: the column heading names it."""
        return format_value("count", _number(value))

    rows = [
        [
            r.client,
            amount(r.revenue_target) if _number(r.revenue_target) else "no plan",
            amount(r.revenue_to_date),
            amount(r.forecast_year),
            f"{amount(r.forecast_low)} – {amount(r.forecast_high)}",
            "" if _number(r.gap_pct) is None else f"{r.gap_pct:+.0%}",
        ]
        for r in ranked.itertuples()
    ]
    below = int((planned["gap_pct"] < -RULES.below_plan_gap).sum())
    text = (
        "Earned revenue so far plus the forecast to 31 December, and its likely range (how far "
        "past forecasts missed, their 10th to 90th percentile)."
    )
    if len(planned) > 1:
        text += (
            f" {below} of the {len(planned)} clients with a plan "
            f"{'is' if below == 1 else 'are'} over {RULES.below_plan_gap:.0%} below it."
        )
    columns = [
        "Client", f"Plan ({currency})", "Earned so far", "Forecast", "Likely range", "Against plan",
    ]  # fmt: skip
    return Section(
        title,
        text,
        charts=(chart,) if len(planned) else (),
        table=_top_table(columns, rows),
    )


def burn_section(projects: pd.DataFrame) -> Section:
    """Open projects: budget hours used against schedule elapsed, worst pace first."""
    if projects.empty:
        return Section("Budget burn of active projects", "No project is open.")
    budgeted = projects.dropna(subset=["hours_burn_pct"]).head(ROWS_PER_TABLE)
    names = [f"{c} {p}" for c, p in zip(budgeted["project_code"], budgeted["project"], strict=True)]
    chart = Chart(
        "Budget hours used and schedule elapsed",
        "bar",
        names,
        {
            kpi("hours_burn_pct").label: _values(budgeted["hours_burn_pct"]),
            kpi("schedule_elapsed_pct").label: _values(budgeted["schedule_elapsed_pct"]),
        },
        "pct",
    )
    rows = [
        [
            f"{r.project_code} {r.project}",
            _date(r.due_date),
            f"{format_value('hours', r.hours)} of {format_value('hours', _number(r.budget_hours))}",
            kpi("hours_burn_pct").format(_number(r.hours_burn_pct)),
            kpi("schedule_elapsed_pct").format(_number(r.schedule_elapsed_pct)),
            kpi("eac_margin_pct").format(_number(r.eac_margin_pct)),
        ]
        for r in projects.itertuples()
    ]
    columns = ["Project", "Due", "Hours used", "Burn", "Elapsed", "Margin at completion"]
    return Section(
        "Budget burn of active projects",
        f"{count(len(projects), 'open project')}; burn ahead of the schedule first.",
        charts=(chart,) if names else (),
        table=_top_table(columns, rows),
    )


def deliverables_section(deliverables: pd.DataFrame) -> Section:
    """Deliverables delivered in the last 4 weeks, late and not delivered, and due soon."""
    counts = deliverables["stage"].value_counts()
    chart = Chart(
        "Deliverables",
        "column",
        list(STAGES.values()),
        {"Deliverables": [float(counts.get(s, 0)) for s in STAGES.values()]},
        "count",
    )
    rows = [
        [
            f"{r.project_code} {r.project}",
            r.deliverable,
            _date(r.due_date),
            _date(r.delivered_date),
            r.stage,
            format_value("count", r.days_late),
        ]
        for r in deliverables.itertuples()
        if r.stage != STAGES["delivered_on_time"]
    ]
    columns = ["Project", "Deliverable", "Due", "Delivered", "Stage", "Days late"]
    return Section(
        "Deliverables",
        "Delivered in the last 4 weeks, late and not yet delivered, and due in the next 14 days.",
        charts=(chart,),
        table=_top_table(columns, rows),
    )


def invoices_section(
    warehouse: Warehouse, filters: Filters, overdue: pd.DataFrame, currency: str
) -> Section:
    """Unpaid balances by days past due, and the overdue invoices, oldest first."""
    aging = queries.aging(warehouse, filters)
    owed = [float(aging[column].sum()) for column in AGING]
    chart = Chart(
        "Unpaid invoices by days past due",
        "column",
        list(AGING.values()),
        {"Unpaid": owed},
        "money",
        currency,
    )
    oldest = overdue.sort_values("days_overdue", ascending=False)
    rows = [
        [
            r.invoice_number,
            r.client,
            _date(r.due_date),
            format_value("count", r.days_overdue),
            format_value("money", r.balance, currency),
        ]
        for r in oldest.itertuples()
    ]
    known = "overdue" not in queries.unknown_balances(warehouse, filters)
    overdue_text = _overdue_clause(
        oldest["balance"].tolist(), oldest["days_overdue"].tolist(), currency, known
    )
    unpaid = format_value("money", sum(owed), currency)
    text = (
        f"{overdue_text[0].upper()}{overdue_text[1:]}; {unpaid} unpaid in all (tax included)."
        if known
        else f"{overdue_text[0].upper()}{overdue_text[1:]}; at least {unpaid} unpaid in all (tax "
        f"included): {UNDATED_PAYMENTS}."
    )
    columns = ["Invoice", "Client", "Due", "Days overdue", "Unpaid"]
    return Section(
        "Invoices overdue",
        text,
        charts=(chart,) if any(owed) else (),  # nothing unpaid: no chart of zeros
        table=_top_table(columns, rows),
    )


def unbilled_section(warehouse: Warehouse, filters: Filters, currency: str) -> Section:
    """Work earned but not yet invoiced (WIP) per project, largest first."""
    projects, total = queries.unbilled_work(warehouse, filters)
    rows = [
        [
            f"{r.project_code} {r.project}",
            r.client,
            format_value("money", r.earned_revenue, currency),
            format_value("money", r.billed_revenue, currency),
            format_value("money", r.uninvoiced_amount, currency),
        ]
        for r in projects.itertuples()
    ]
    unbilled = _number(total.get("uninvoiced_amount")) or 0.0
    text = (
        f"{kpi('uninvoiced_amount').format(unbilled, currency)} earned and not yet invoiced on "
        f"{count(len(projects), 'project')}."
    )
    columns = ["Project", "Client", "Earned to date", "Invoiced to date", "Not invoiced"]
    return Section(
        "Unbilled work (WIP)",
        text,
        table=_top_table(columns, rows),
    )


SUMMARY_SHOWN = 200  # characters of a log entry's summary in a report table


def log_section(entries: pd.DataFrame, as_of: date) -> Section:
    """The account log's week (queries.log_review): the entries dated in the week to the as-of
    date (and since), newest first; then the issues and risks still open and the follow-ups
    due from before, oldest first; each with its status, its age and its follow-up."""
    title = "Calls and issues this week"
    new = entries[entries["new"]]
    if entries.empty:
        return Section(
            title,
            f"Nothing logged in the week to {as_of:%-d %b %Y}; no issue, risk or follow-up open.",
        )
    older = entries[~entries["new"]].sort_values("entry_date", kind="stable")
    open_days = entries["open_days"].dropna()
    late = entries["follow_up_late"].dropna()
    logged = {0: "nothing logged", 1: "1 entry logged"}.get(len(new), f"{len(new)} entries logged")
    issues = {0: "no issue or risk", 1: "1 issue or risk"}.get(
        len(open_days), f"{len(open_days)} issues or risks"
    )
    since = as_of - timedelta(days=6)
    text = f"{logged[0].upper()}{logged[1:]} since {since:%-d %b %Y}; {issues} open"
    if len(open_days):
        text += f" (the oldest {_open_for(int(open_days.max()))})"
    text += f"; {count(int((late > 0).sum()), 'follow-up')} past due."
    rows = [_log_row(r) for r in pd.concat([new, older]).itertuples()]
    return Section(
        title, text, table=_top_table(["Date", "What", "Client", "Summary", "Status"], rows)
    )


def _log_row(entry: object) -> list[str]:
    """One log entry as a report row: what happened, and where it stands."""
    what = entry.what + (f" · {entry.project_code}" if entry.project_code else "")
    summary = entry.summary.replace("\n", " ")
    if len(summary) > SUMMARY_SHOWN:
        summary = summary[: SUMMARY_SHOWN - 1].rstrip() + "…"
    if entry.people:
        summary += f" (with {entry.people})"
    status = []
    if entry.status:
        days = entry.open_days
        status.append(
            _open_for(int(days)) if entry.status == "Open" and pd.notna(days) else "resolved"
        )
    if entry.follow_up_owner:
        follow = f"follow-up: {entry.follow_up_owner} by {_date(entry.follow_up_due)}"
        if entry.follow_up_done:
            follow += ", done"
        elif pd.notna(entry.follow_up_late) and entry.follow_up_late > 0:
            follow += f", {count(int(entry.follow_up_late), 'day')} late"
        status.append(follow)
    return [_date(entry.entry_date), what, entry.client, summary, "; ".join(status)]


def attention_section(items: pd.DataFrame) -> Section:
    """What needs action, ranked as on the weekly review page."""
    if items.empty:
        return Section("Needs attention", "Nothing needs action.")
    rows = [[r.kind, r.client, r.project, r.reason] for r in items.itertuples()]
    return Section(
        "Needs attention",
        "Ranked as on the weekly review page.",
        table=_top_table(["What", "Client", "Project", "Why"], rows),
    )


def _top_table(columns: list[str], rows: list[list[str]]) -> Table | None:
    """The first rows as a table, with a last row saying how many were left out; None
    without rows."""
    if not rows:
        return None
    if len(rows) <= ROWS_PER_TABLE:
        return Table(columns, rows)
    more = [f"… and {len(rows) - ROWS_PER_TABLE} more", *[""] * (len(columns) - 1)]
    return Table(columns, [*rows[:ROWS_PER_TABLE], more])


def _values(column: pd.Series) -> list[float | None]:
    """A column as chart values (None where missing)."""
    return [_number(v) for v in column]


def _date(value: object) -> str:
    """A date as shown in tables ('5 Mar 2026'), empty when missing."""
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%-d %b %Y}"


@dataclass(frozen=True)
class MonthlyReport:
    """The monthly client report: key figures, the 12-month trend and one table per sheet."""

    client: str
    month: date
    as_of: date
    currency: str
    figures: list[tuple[str, str, float | None]]  # label, unit, value
    trend: pd.DataFrame
    sheets: dict[str, pd.DataFrame]
    note: str = ""  # why a figure is missing
    sheet_notes: dict[str, str] = field(default_factory=dict)  # by sheet: how to read it


def monthly(warehouse: Warehouse, filters: Filters) -> MonthlyReport:
    """The month of `filters` for its client: client_month's figures, receivables and WIP at the
    month's end, and the projects, hours, invoices, aging and deliverables behind them."""
    client = filters.client or ""
    row = queries.client_month_row(warehouse, filters.scope, client, filters.start, filters.as_of)
    invoices = queries.invoices(warehouse, filters)
    if row.empty and invoices.empty:
        raise ReportError(
            f"{client} has no hours, revenue, deliveries or invoices in {filters.start:%B %Y}: "
            "nothing to report."
        )
    _, owed = queries.receivables(warehouse, filters)
    _, wip = queries.unbilled_work(warehouse, filters)
    unknown = queries.unknown_balances(warehouse, filters)
    # A balance is 0 when nothing is owed, and missing when payments without dates hide it.
    balances = {
        name: None if name in unknown else _number(owed.get(name)) or 0.0
        for name in ("outstanding", "overdue")
    }
    month_figures = {
        **row.to_dict(),
        **balances,
        "uninvoiced_amount": _number(wip.get("uninvoiced_amount")) or 0.0,
    }
    figures = [
        (kpi(name).label, kpi(name).unit, _number(month_figures.get(name)))
        for name in (
            "hours",
            "billable_hours",
            "earned_revenue",
            "billed_revenue",
            "labour_cost",
            "expense_cost",
            "gross_profit",
            "margin_pct",
        )
    ]
    figures += [
        ("Deliverables delivered", "count", _number(month_figures.get("deliverables_delivered"))),
        (kpi("on_time_rate").label, "pct", _number(month_figures.get("on_time_rate"))),
        *(
            (kpi(name).label, "money", month_figures[name])
            for name in ("outstanding", "overdue", "uninvoiced_amount")
        ),
    ]
    aging = queries.aging(warehouse, filters)
    return MonthlyReport(
        client=client,
        month=filters.start,
        as_of=filters.as_of,
        currency=queries.reporting_currency(warehouse),
        figures=figures,
        note=(
            f"{' and '.join(kpi(n).label for n in unknown)} at the month's end not known: "
            f"{UNDATED_PAYMENTS}; AR aging counts every payment as received by then."
            if unknown
            else ""
        ),
        trend=queries.monthly_trend(warehouse, filters),
        sheets={
            "Projects": queries.projects(warehouse, filters).drop(columns=["client", "link"]),
            "Hours": queries.person_task_hours(warehouse, filters),
            "Invoices": invoices.drop(columns=["client"]),
            "AR aging": pd.DataFrame(
                {
                    "days_past_due": list(AGING.values()),
                    "balance": [float(aging[column].sum()) for column in AGING],
                }
            ),
            "Deliverables": queries.deliverable_outlook(warehouse, filters).drop(
                columns=["client"]
            ),
            "Log": log_sheet(warehouse, filters),
        },
        sheet_notes={
            "Projects": (
                f"Revenue, hours and gross margin are {filters.start:%B %Y}'s; budget burn, pace "
                f"and margin at completion are each project's to {filters.as_of:%-d %b %Y}. "
                "Pace is budget burn less schedule elapsed (above 0: burning ahead of the "
                "schedule); burn and pace are blank for a project without budgeted hours."
            ),
            **(
                {"AR aging": f"Every payment counted as received by then: {UNDATED_PAYMENTS}."}
                if unknown
                else {}
            ),
        },
    )


LOG_COLUMNS = ["entry_date", "what", "project_code", "project", "summary", "people", "status",
               "follow_up_text", "follow_up_due", "author", "written_at"]  # fmt: skip


def log_sheet(warehouse: Warehouse, filters: Filters) -> pd.DataFrame:
    """The client's account-log entries dated in the month (each as last written), oldest
    first."""
    start = filters.start
    end = (start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    entries = queries.account_log(warehouse, filters, since=start, until=end)
    return entries[LOG_COLUMNS].iloc[::-1].reset_index(drop=True)
