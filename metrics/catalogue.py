"""Every KPI once: label, unit, number format and definition; pages and reports look them up."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


def format_value(unit: str, value: float | None, currency: str = "EUR") -> str:
    """A number in a unit (money, rate, pct, growth, pts, hours, count) as shown to people; — when
    missing. A 'growth' figure is a relative change (0.05), always signed: '+5.0%'. A 'pts'
    figure is the difference of two shares (0.027): shown in points, '+2.7 pts'."""
    if value is None or pd.isna(value):  # NaN, or a nullable column's NA
        return "—"
    if unit == "money":
        return f"{currency} {value:,.0f}"
    if unit == "rate":
        return f"{currency} {value:,.2f}/h"
    if unit == "pct":
        return f"{value:.1%}"
    if unit == "growth":
        return f"{value:+.1%}"
    if unit == "pts":
        return f"{'+' if value >= 0 else '-'}{100 * abs(value):.1f} pts"
    if unit == "hours":
        return f"{value:,.1f} h" if abs(value) < 100 else f"{value:,.0f} h"
    return f"{value:,.0f}"


@dataclass(frozen=True)
class Kpi:
    """How a KPI is named, formatted and explained, and which view column holds it."""

    name: str
    label: str
    unit: str  # money | hours | pct | growth | pts | rate | count
    definition: str
    column: str

    def format(self, value: float | None, currency: str = "EUR", compact: bool = False) -> str:
        """The value as shown on pages and reports (— when missing); `compact` writes large
        amounts of money as 'EUR 1.07M' or 'EUR 336K' where space is short (a tile)."""
        if compact and self.unit == "money" and value is not None:
            if abs(value) >= 999_500:
                return f"{currency} {value / 1e6:,.2f}M"
            if abs(value) >= 100_000:
                return f"{currency} {value / 1e3:,.0f}K"
        return format_value(self.unit, value, currency)

    def format_change(self, now: float | None, before: float | None, currency: str = "EUR") -> str:
        """The change from `before` to `now` as shown under a KPI (percentages in points)."""
        if now is None or before is None or math.isnan(now) or math.isnan(before):
            return ""
        return format_change(self.unit, now, before, currency)


def format_change(unit: str, now: float, before: float, currency: str = "EUR") -> str:
    """The change from `before` to `now` as the two are shown, always signed: '+EUR 500',
    '-4.0 pts' (shares change in points); hours as precise as the figures they separate ('1,956 h'
    to '1,938 h': '-18 h')."""
    whole_hours = unit == "hours" and max(abs(now), abs(before)) >= 100
    points = unit in ("pct", "growth", "pts")
    digits = {"money": 0, "rate": 2, "count": 0, "hours": 0 if whole_hours else 1}.get(unit, 1)

    def shown(value: float) -> float:
        return round(100 * value if points else value, digits)

    # The difference of the figures as shown (52.6% and 49.5%: +3.1 pts, not the +3.0 of the
    # unrounded shares), rounded again against float error: a change shown as 0 is never a fall.
    change = round(shown(now) - shown(before), digits)
    sign = "+" if change >= 0 else "-"  # ASCII: Streamlit colours a delta by its leading '-'
    if points:
        return f"{sign}{abs(change):.1f} pts"
    if whole_hours:
        return f"{sign}{abs(change):,.0f} h"
    return f"{sign}{format_value(unit, abs(change), currency)}"


def table_format(unit: str, currency: str = "EUR") -> str:
    """The number format of a unit in a table column (Streamlit printf style), of the values
    `in_table_unit` gives."""
    return {
        "money": f"{currency} %,.0f",
        "rate": f"{currency} %,.2f",
        "pct": "%.1f%%",
        "growth": "%+.1f%%",
        "pts": "%+.1f pts",
        "hours": "%,.1f",
    }.get(unit, "%,d")


def in_table_unit(
    unit: str, values: pd.Series, scaled: tuple[str, ...] = ("pct", "growth", "pts")
) -> pd.Series:
    """A column's values as a table holds them: a share (0.526) in percent and a difference of
    shares (0.027) in points, as no table format scales a number (one decimal, as the tiles);
    `scaled` says which of the two units a medium scales this way."""
    return values * 100 if unit in scaled else values


CATALOGUE: dict[str, Kpi] = {
    kpi.name: kpi
    for kpi in (
        Kpi(
            "top_1_share",
            "Largest client's share",
            "pct",
            "The largest client's share of trailing-12-month revenue.",
            "client_concentration.share_pct",
        ),
        Kpi(
            "top_5_share",
            "Top 5 clients' share",
            "pct",
            "The five largest clients' share of trailing-12-month revenue.",
            "client_concentration.share_pct",
        ),
        Kpi(
            "hours",
            "Hours",
            "hours",
            "All recorded hours, billable and non-billable.",
            "client_month.hours",
        ),
        Kpi(
            "billable_hours",
            "Billable hours",
            "hours",
            "Hours recorded as billable.",
            "client_month.billable_hours",
        ),
        Kpi(
            "uncosted_hours",
            "Uncosted hours",
            "hours",
            (
                "Hours with no cost rate on the entry or the rate card; they are reported, "
                "not costed at zero."
            ),
            "activity_month.uncosted_hours",
        ),
        Kpi(
            "earned_revenue",
            "Revenue (earned)",
            "money",
            (
                "Time and materials: billable hours × bill rate plus billable expenses; fixed"
                " fee: the fee spread evenly over the days from start to delivery (expenses "
                "invoiced on top of a fee count as its cost, not as earned revenue); retainer: "
                "the monthly fee for each month of the term. Never later than the as-of date."
            ),
            "client_month.earned_revenue",
        ),
        Kpi(
            "billed_revenue",
            "Revenue (billed)",
            "money",
            "Invoice amounts net of tax by issue date; credit notes count negative.",
            "client_month.billed_revenue",
        ),
        Kpi(
            "labour_cost",
            "Labour cost",
            "money",
            (
                "Hours × cost rate (from the entry, else the rate card by person, then role, "
                "valid on the entry date). Hours without any cost rate are reported, not "
                "costed."
            ),
            "client_month.labour_cost",
        ),
        Kpi(
            "expense_cost",
            "Expenses",
            "money",
            "Expense amounts by expense date, pass-through costs included.",
            "client_month.expense_cost",
        ),
        Kpi(
            "pass_through_cost",
            "Pass-through costs",
            "money",
            "Expenses marked pass-through (print, props, model fees) that are re-billed at cost.",
            "activity_month.pass_through_cost",
        ),
        Kpi(
            "gross_profit",
            "Gross profit",
            "money",
            "Earned revenue − labour cost − expenses.",
            "client_month.gross_profit",
        ),
        Kpi(
            "margin_pct",
            "Gross margin",
            "pct",
            "Gross profit ÷ earned revenue (blank when there is no revenue).",
            "project_summary.margin_pct",
        ),
        Kpi(
            "agi",
            "Agency gross income",
            "money",
            "Earned revenue − pass-through costs: the revenue the studio's own work earns.",
            "macro agi()",
        ),
        Kpi(
            "delivery_margin_pct",
            "Delivery margin",
            "pct",
            "(Agency gross income − labour cost) ÷ agency gross income.",
            "macro delivery_margin_pct()",
        ),
        Kpi(
            "effective_rate",
            "Effective rate",
            "rate",
            "Earned revenue ÷ all hours, billable or not.",
            "project_summary.effective_rate",
        ),
        Kpi(
            "realization_pct",
            "Realization",
            "pct",
            (
                "Billed revenue ÷ (billable hours × standard bill rate from the rate card). Over "
                "a few weeks it follows when invoices went out (a deposit lifts it above 100%); "
                "read it over a quarter or more."
            ),
            "macro realization_pct()",
        ),
        Kpi(
            "hours_burn_pct",
            "Budget burn",
            "pct",
            "Hours ÷ budgeted hours.",
            "project_summary.hours_burn_pct",
        ),
        Kpi(
            "schedule_elapsed_pct",
            "Schedule elapsed",
            "pct",
            (
                "Days from start to the as-of date ÷ days from start to due date (100% once "
                "delivered)."
            ),
            "project_health.schedule_elapsed_pct",
        ),
        Kpi(
            "pace_pct",
            "Pace",
            "pts",
            (
                "Budget burn − schedule elapsed: positive means hours are running ahead of "
                "the schedule."
            ),
            "project_health.pace_pct",
        ),
        Kpi(
            "eac_hours",
            "Hours at completion (est.)",
            "hours",
            (
                "Hours to date ÷ progress, progress being the larger of schedule elapsed and "
                "share of deliverables delivered."
            ),
            "project_health.eac_hours",
        ),
        Kpi(
            "eac_margin_pct",
            "Margin at completion (est.)",
            "pct",
            (
                "Margin if the remaining work costs what the work so far did per hour, at the"
                " estimated hours at completion; blank in tables under a tenth of the way"
                " through, where a day's hours swing it."
            ),
            "project_health.eac_margin_pct",
        ),
        Kpi(
            "uninvoiced_amount",
            "Unbilled work (WIP)",
            "money",
            "Earned revenue − billed revenue per project, never below zero.",
            "project_summary.uninvoiced_amount",
        ),
        Kpi(
            "utilization_pct",
            "Utilization (vs capacity)",
            "pct",
            "Billable hours ÷ capacity hours (rate card weekly capacity over the working days).",
            "person_month.utilization_pct",
        ),
        Kpi(
            "on_time_rate",
            "On-time rate",
            "pct",
            "Deliverables delivered on or before their due date ÷ deliverables delivered.",
            "macro on_time_rate()",
        ),
        Kpi(
            "days_late",
            "Days late",
            "count",
            "Delivered date (or the as-of date while open) − due date, when positive.",
            "deliverable_status.days_late",
        ),
        Kpi(
            "ttm_growth_pct",
            "TTM growth",
            "growth",
            "Revenue in the trailing 12 months ÷ revenue in the 12 months before − 1.",
            "client_ttm.ttm_growth_pct",
        ),
        Kpi(
            "net_revenue_retention_pct",
            "Net revenue retention",
            "pct",
            (
                "Trailing-12-month revenue from clients who had revenue in the 12 months "
                "before ÷ their revenue then."
            ),
            "revenue_retention.net_revenue_retention_pct",
        ),
        Kpi(
            "share_pct",
            "Share of revenue",
            "pct",
            (
                "The client's trailing-12-month revenue ÷ all clients'; above 20% is a "
                "concentration risk."
            ),
            "client_concentration.share_pct",
        ),
        Kpi(
            "overdue",
            "Overdue",
            "money",
            "Unpaid balances (tax included) past their due date.",
            "ar_aging.overdue",
        ),
        Kpi(
            "outstanding",
            "Outstanding",
            "money",
            "All unpaid balances (tax included).",
            "ar_aging.outstanding",
        ),
        Kpi(
            "revenue_target",
            "Revenue plan",
            "money",
            "The client's earned-revenue target for the year (targets template).",
            "targets.revenue_target",
        ),
        Kpi(
            "revenue_to_date",
            "Earned this year",
            "money",
            "Earned revenue from 1 January to the as-of date.",
            "client_month.earned_revenue",
        ),
        Kpi(
            "forecast_year",
            "Forecast for the year",
            "money",
            (
                "Earned this year plus the forecast to 31 December: contracted work, weighted "
                "pipeline and the client's usual share of work not yet booked (docs/forecast.md)."
            ),
            "revenue_forecast.forecast",
        ),
        Kpi(
            "forecast_low",
            "Likely low (P10)",
            "money",
            (
                "Forecast for the year at the 10th percentile: in the backtest, 1 month-end in 10 "
                "saw less than this share of its forecast come in."
            ),
            "revenue_forecast.forecast",
        ),
        Kpi(
            "forecast_high",
            "Likely high (P90)",
            "money",
            (
                "Forecast for the year at the 90th percentile: in the backtest, 1 month-end in 10 "
                "saw more than this share of its forecast come in."
            ),
            "revenue_forecast.forecast",
        ),
        Kpi(
            "gap_pct",
            "Forecast against plan",
            "growth",
            ("Forecast for the year ÷ revenue plan − 1. More than 10% below plan needs attention."),
            "revenue_forecast.forecast",
        ),
        Kpi(
            "margin_target",
            "Margin plan",
            "pct",
            "The client's gross-margin target for the year (targets template).",
            "targets.margin_target",
        ),
        Kpi(
            "margin_to_date",
            "Margin this year",
            "pct",
            "Gross profit ÷ earned revenue from 1 January to the as-of date.",
            "client_month.gross_profit",
        ),
        Kpi(
            "on_time_target",
            "On-time plan",
            "pct",
            "The client's on-time delivery target for the year (targets template).",
            "targets.on_time_target",
        ),
        Kpi(
            "on_time_to_date",
            "On time this year",
            "pct",
            "Deliverables delivered by their due date ÷ delivered, 1 January to the as-of date.",
            "client_month.deliverables_on_time",
        ),
    )
}


def kpi(name: str) -> Kpi:
    """The catalogue entry for `name`."""
    return CATALOGUE[name]


# Table columns that are not KPIs: the house heading and unit (text, date, month or a KPI unit),
# shared by the pages' tables and the report workbook.
COLUMNS: dict[str, tuple[str, str]] = {
    "client": ("Client", "text"),
    "account_manager": ("Account manager", "text"),
    "project_code": ("Code", "text"),
    "project": ("Project", "text"),
    "service_line": ("Service line", "text"),
    "billing_model": ("Billing model", "text"),
    "status": ("Status", "text"),
    "person": ("Person", "text"),
    "role": ("Role", "text"),
    "task": ("Task", "text"),
    "notes": ("Notes", "text"),
    "billable": ("Billable", "text"),
    "cost_rate_source": ("Cost rate from", "text"),
    "invoice_number": ("Invoice", "text"),
    "deliverable": ("Deliverable", "text"),
    "stage": ("Stage", "text"),
    "aging_bucket": ("Aging", "text"),
    "days_past_due": ("Days past due", "text"),
    "month": ("Month", "month"),
    "entry_date": ("Date", "date"),
    "issue_date": ("Issued", "date"),
    "due_date": ("Due", "date"),
    "delivered_date": ("Delivered", "date"),
    "revenue": ("Revenue (earned)", "money"),
    "amount": ("Amount (net)", "money"),
    "gross_amount": ("Amount (gross)", "money"),
    "balance": ("Unpaid (gross)", "money"),
    "days_overdue": ("Days overdue", "count"),
    "eac_burn_pct": ("Budget burn at completion (est.)", "pct"),
    "source": ("Source", "text"),
    "kind": ("Kind", "text"),
    "files": ("Files", "count"),
    "file_names": ("Files", "text"),
    "rows_held": ("Rows held", "count"),
    "rows_read": ("Read", "count"),
    "rows_loaded": ("Loaded", "count"),
    "rows_rejected": ("Rejected", "count"),
    "rows_skipped": ("Skipped", "count"),
    "rows_replaced": ("Replaced", "count"),
    "replaced": ("Replaced rows of", "text"),
    "text": ("Text", "text"),
    "first_date": ("From", "date"),
    "last_date": ("To", "date"),
    "measure": ("Measure", "text"),
    "file_name": ("File", "text"),
    "line": ("Line", "text"),
    "column_name": ("Column", "text"),
    "value": ("Value", "text"),
    "reason": ("Why", "text"),
    # The account log (metrics/account_log.py)
    "what": ("What", "text"),
    "summary": ("Summary", "text"),
    "people": ("People present", "text"),
    "follow_up_text": ("Follow-up", "text"),
    "follow_up_due": ("Follow-up due", "date"),
    "author": ("Written by", "text"),
    "written_at": ("Written", "date"),
    "version": ("Version", "count"),
    "open_days": ("Open (days)", "count"),
}


def column_spec(name: str) -> tuple[str, str]:
    """Heading and unit of a table column: the KPI's, the house column's, else its name as text."""
    if name in CATALOGUE:
        return CATALOGUE[name].label, CATALOGUE[name].unit
    return COLUMNS.get(name, (name.replace("_", " ").capitalize(), "text"))
