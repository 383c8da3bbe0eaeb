"""Every KPI once: label, unit, number format and definition; pages and reports look them up."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Kpi:
    """How a KPI is named, formatted and explained, and which view column holds it."""

    name: str
    label: str
    unit: str  # money | hours | pct | rate | count
    definition: str
    column: str

    def format(self, value: float | None, currency: str = "EUR") -> str:
        """The value as shown on pages and reports (— when missing)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "—"
        if self.unit == "money":
            return f"{currency} {value:,.0f}"
        if self.unit == "rate":
            return f"{currency} {value:,.2f}/h"
        if self.unit == "pct":
            return f"{value:.1%}"
        if self.unit == "hours":
            return f"{value:,.0f} h"
        return f"{value:,.0f}"

    def table_format(self, currency: str = "EUR") -> str:
        """The number format of this KPI in a table column (Streamlit printf style)."""
        return {
            "money": f"{currency} %,.0f",
            "rate": f"{currency} %,.2f",
            "pct": "percent",
            "hours": "%,.1f",
        }.get(self.unit, "%,d")


CATALOGUE: dict[str, Kpi] = {
    kpi.name: kpi
    for kpi in (
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
            "earned_revenue",
            "Revenue (earned)",
            "money",
            "Time and materials: billable hours × bill rate plus billable expenses; fixed fee: "
            "the fee spread evenly over the days from start to delivery; retainer: the monthly "
            "fee for each month of the term. Never later than the as-of date.",
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
            "Hours × cost rate (from the entry, else the rate card by person, then role, valid "
            "on the entry date). Hours without any cost rate are reported, not costed.",
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
            "effective_rate",
            "Effective rate",
            "rate",
            "Earned revenue ÷ all hours.",
            "project_summary.effective_rate",
        ),
        Kpi(
            "hours_burn_pct",
            "Budget burn",
            "pct",
            "Hours ÷ budgeted hours.",
            "project_summary.hours_burn_pct",
        ),
    )
}


def kpi(name: str) -> Kpi:
    """The catalogue entry for `name`."""
    return CATALOGUE[name]
