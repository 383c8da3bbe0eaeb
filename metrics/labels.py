"""The words and links rows are shown with: defined once, used by the pages and the reports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

import pandas as pd

from metrics.catalogue import format_value


def possessive(name: str) -> str:
    """ "Marco Bianchi's", "Northwind Grocers'": a name ending in s takes the apostrophe alone."""
    return f"{name}'" if name[-1:] in ("s", "S") else f"{name}'s"


def count(n: int, noun: str) -> str:
    """'no invoice', '1 invoice', '3 invoices'."""
    return f"no {noun}" if n == 0 else f"{n} {noun}{'' if n == 1 else 's'}"


def page_link(page: str, **params: str) -> str:
    """A relative link to an app page with its filters in the query string."""
    return f"{page}?{urlencode(params)}"


# Data health: each problem with what it means and how to fix it.
PROBLEMS = {
    "no_cost_rate": (
        "Hours without a cost rate",
        "Their labour cost is unknown, so margins are too high. Add the people or their roles "
        "to the rate card (studio template: rate card) and import it, or export time with cost "
        "rates.",
    ),
    "unknown_project": (
        "Time on unknown projects",
        "The entries match no project by code or by client and name. Confirm the names under "
        "'Unmatched names' on the Import page, or import the projects (projects export or "
        "studio template).",
    ),
    "invoice_without_client": (
        "Invoices without a client",
        "Their revenue belongs to nobody. Export the invoices with the contact or client "
        "filled in and import them again; the new rows replace the old ones.",
    ),
    "invoice_other_clients_project": (
        "Invoices naming another client's project",
        "Their revenue stays with their own client, but on no project, and the project they name "
        "looks unbilled. Correct the project code (or the client) in the invoicing tool and "
        "import the invoices again.",
    ),
    "unbudgeted_projects": (
        "Running projects without budgeted hours",
        "Their budget burn, pace and estimate at completion cannot be worked out, so Needs "
        "attention cannot warn that one runs over. Add Budget Hours to the projects file "
        "(projects export or studio template) and import it again.",
    ),
    "rejected_rows": (
        "Rejected rows",
        "These rows were not loaded. Fix them in the export (the reason is given per row "
        "below) and import the file again; its rows replace the earlier import's.",
    ),
    "undated_payments": (
        "Paid invoices without a payment date",
        "What was owed on earlier dates is not known: outstanding and overdue balances are not "
        "compared with earlier periods, and balances as of an earlier date count these payments "
        "as received. Harvest's (Last Payment Date), FreshBooks' (Date Paid) and the studio "
        "template's (Paid Date) invoice exports give them, Xero's and QuickBooks' do not: "
        "import invoices from one that does, or the studio template, to compare balances.",
    ),
    "negative_hours": (
        "Time entries with negative hours",
        "They take hours and labour cost away from their projects. Time trackers do not export "
        "negative durations, so these were typed into the file by hand. Correct them in the "
        "export and import it again, unless they are meant to cancel other entries.",
    ),
    "overpaid_invoices": (
        "Invoices paid more than they are for",
        "Their balance is below zero and they count as paid: the client may be owed a refund, "
        "or a payment was recorded against the wrong invoice. Check them in the invoicing tool "
        "and import the invoices again.",
    ),
    "time_gaps": (
        "Weeks without time entries",
        "No time was recorded in these weeks between the first and the last entry. Import the "
        "time export covering them, unless the studio was closed.",
    ),
}


UNITS = {
    "no_cost_rate": ("entry", "entries"),
    "unknown_project": ("entry", "entries"),
    "invoice_without_client": ("invoice", "invoices"),
    "invoice_other_clients_project": ("invoice", "invoices"),
    "unbudgeted_projects": ("project", "projects"),
    "rejected_rows": ("row", "rows"),
    "undated_payments": ("invoice", "invoices"),
    "negative_hours": ("entry", "entries"),
    "overpaid_invoices": ("invoice", "invoices"),
    "time_gaps": ("week", "weeks"),
}
# What a problem's amount is, beside the net revenue the reconciliation shows.
AMOUNTS = {
    "invoice_without_client": "net of tax",
    "invoice_other_clients_project": "net of tax",
    "undated_payments": "paid, tax included",
    "overpaid_invoices": "paid beyond what was due",
}


# Why balances at earlier dates are not known (see PROBLEMS["undated_payments"]).
UNDATED_PAYMENTS = "the invoices export does not say when invoices were paid"

# Deliverable status codes (deliverable_status.status) as tables and chart legends show them.
DELIVERY_STATUS = {
    "early": "Early",
    "on_time": "On time",
    "late": "Late",
    "open_overdue": "Late, not delivered",
    "open": "Open",
}

# The weekly report's deliverable stages (deliverable_outlook.stage codes), in the order shown.
STAGES = {
    "delivered_on_time": "Delivered on time",
    "delivered_late": "Delivered late",
    "open_overdue": DELIVERY_STATUS["open_overdue"],
    "due_soon": "Due in the next 14 days",
}

# Unpaid balances by days past due: the columns of ar_aging, from not yet due to most overdue.
AGING = {
    "current": "Not yet due",
    "days_1_30": "1–30 days",
    "days_31_60": "31–60 days",
    "days_61_90": "61–90 days",
    "days_90_plus": "Over 90 days",
}

# Kinds of data (etl.formats.KINDS) as Data health names them.
DATA_KINDS = {
    "time": "Time", "invoices": "Invoices", "invoice_lines": "Invoice lines",
    "expenses": "Expenses", "projects": "Projects", "deliverables": "Deliverables",
    "clients": "Clients", "aliases": "Client aliases", "rate_card": "Rate card",
    "exchange_rates": "Exchange rates", "targets": "Targets", "pipeline": "Pipeline",
}  # fmt: skip

# Billing models (projects.billing_model) in words.
BILLING_MODELS = {
    "time_and_materials": "Time and materials",
    "fixed_fee": "Fixed fee",
    "retainer": "Retainer",
}

# Project statuses (projects.status: the projects file's own words, lowercased) in words; a
# status of another tool reads as written.
PROJECT_STATUS = {
    "active": "Active",
    "delivered": "Delivered",
    "cancelled": "Cancelled",
    "on_hold": "On hold",
}


def project_status(status: str | None) -> str | None:
    """A project's status in words: 'on_hold' → 'On hold', 'in review' → 'In review'."""
    if not isinstance(status, str):
        return None
    return PROJECT_STATUS.get(status, status.replace("_", " ").capitalize())


# invoice_status.status codes as tables show them.
INVOICE_STATUS = {"open": "Open", "overdue": "Overdue", "paid": "Paid", "credit": "Credit note"}

# invoice_status.aging_bucket codes, each with the label of the ar_aging column it is summed in.
AGING_BUCKETS = {
    "current": AGING["current"],
    "1-30": AGING["days_1_30"],
    "31-60": AGING["days_31_60"],
    "61-90": AGING["days_61_90"],
    "90+": AGING["days_90_plus"],
}

# The backtest's methods (forecast_accuracy.method codes), ours first.
FORECAST_METHODS = {
    "forecast": "Our forecast",
    "last_year": "Same months last year",
    "run_rate": "Average of the last 3 months",
}


def attention_count(kinds: pd.Series) -> str:
    """How many items Needs attention lists, by kind, most first: '71 items, the most urgent
    first. Forecast below plan: 14 · Burning faster than schedule: 12 · …'."""
    # One invoice and several are one kind here; most first, a tie in the order the list
    # reaches the kind (its most urgent item first).
    counted = kinds.replace({"Invoice overdue": "Invoices overdue"})
    counts = counted.value_counts(sort=False).sort_values(ascending=False, kind="stable")
    items = f"{len(kinds)} item{'s' if len(kinds) != 1 else ''}, the most urgent first"
    return f"{items}. " + " · ".join(f"{kind}: {n}" for kind, n in counts.items())


def labelled(codes: Iterable[object], names: Mapping[str, str]) -> list[str | None]:
    """Each code as `names` reads it (an unknown code is an error); a missing one stays None."""
    return [names[code] if isinstance(code, str) else None for code in codes]


def project_terms(project: pd.Series, currency: str) -> str:
    """A project's budget and dates as one line: 'Budget 480 h and EUR 64,100 · 7 Dec 2026 to
    6 Jan 2027' (what it lacks left out)."""
    budget = [
        format_value(unit, project.get(column), currency)
        for column, unit in (("budget_hours", "hours"), ("budget_amount", "money"))
        if pd.notna(project.get(column))
    ]
    dates = [f"{pd.Timestamp(project[c]):%-d %b %Y}" for c in ("start_date", "due_date")
             if pd.notna(project.get(c))]  # fmt: skip
    parts = [f"Budget {' and '.join(budget)}" if budget else "No budget"]
    if dates:
        parts.append(" to ".join(dates) if len(dates) == 2 else f"from {dates[0]}")
    return " · ".join(parts)


def opening_project(pace: float) -> str:
    """Why the Project page opened on a project, given its pace (burn less schedule elapsed)."""
    how = "furthest ahead of" if pace > 0 else "least behind"
    return (
        f"Of the open projects of the chosen filters, this one's budget burn is {how} its "
        "schedule (the page opens on it)."
    )
