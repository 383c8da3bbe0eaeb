"""Supported export formats, declared as data: header fingerprint, column map and value parsers.

Adding a format is adding an entry to FORMATS; the loader has no format-specific control flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """Where a parsed field comes from in a file and how its text is read."""

    headers: tuple[str, ...]
    parser: str = "text"  # text | number | date | bool | currency
    required: bool = False


@dataclass(frozen=True)
class Kind:
    """A kind of data, the raw table it lands in and how a new file replaces earlier rows."""

    table: str
    key: tuple[str, ...] = ()  # rows with the same key are replaced (latest import wins)
    window: str | None = None  # rows of the same format within the file's date range are replaced


@dataclass(frozen=True)
class Format:
    """One export layout: recognised by its signature headers, mapped to a raw table."""

    name: str
    label: str
    kind: str
    signature: tuple[str, ...]
    columns: dict[str, Column]
    derive: dict[str, str] = field(default_factory=dict)  # in order; SQL over parsed fields
    group_by: tuple[str, ...] = ()  # line-item exports: one raw row per group


def col(*headers: str, parser: str = "text", required: bool = False) -> Column:
    """A column read from the first of `headers` present in the file."""
    return Column(headers, parser, required)


KINDS: dict[str, Kind] = {
    "clients": Kind("raw_clients", key=("client",)),
    "rate_card": Kind("raw_rate_card", key=("person", "role", "valid_from")),
    "projects": Kind("raw_projects", key=("project_code",)),
    "deliverables": Kind("raw_deliverables", key=("project_code", "deliverable")),
    "time": Kind("raw_time_entries", window="entry_date"),
    "expenses": Kind("raw_expenses", window="expense_date"),
    "invoices": Kind("raw_invoices", key=("invoice_number",)),
}

HARVEST_TIME = Format(
    name="harvest_time",
    label="Harvest detailed time report",
    kind="time",
    signature=("Date", "Client", "Project", "Task", "Notes", "Hours", "First Name", "Last Name"),
    columns={
        "entry_date": col("Date", parser="date", required=True),
        "client": col("Client"),
        "project": col("Project"),
        "project_code": col("Project Code"),
        "task": col("Task"),
        "notes": col("Notes"),
        "hours": col("Hours", parser="number", required=True),
        "billable": col("Billable?", parser="bool", required=True),
        "first_name": col("First Name"),
        "last_name": col("Last Name"),
        "role": col("Roles"),
        "bill_rate": col("Billable Rate", parser="number"),
        "cost_rate": col("Cost Rate", parser="number"),
        "currency": col("Currency", parser="currency"),
    },
    derive={"person": "nullif(concat_ws(' ', first_name, last_name), '')"},
)

XERO_INVOICES = Format(
    name="xero_invoices",
    label="Xero invoices export",
    kind="invoices",
    signature=("ContactName", "InvoiceNumber", "InvoiceDate", "Total", "TaxTotal", "LineAmount"),
    columns={
        "invoice_number": col("InvoiceNumber", required=True),
        "client": col("ContactName", required=True),
        "reference": col("Reference"),
        "issue_date": col("InvoiceDate", parser="date", required=True),
        "due_date": col("DueDate", parser="date"),
        "total": col("Total", parser="number", required=True),
        "tax_total": col("TaxTotal", parser="number"),
        "amount_paid": col("InvoiceAmountPaid", parser="number"),
        "line_amount": col("LineAmount", parser="number"),
        "currency": col("Currency", parser="currency"),
        "document_type": col("Type"),
    },
    # Xero writes credit notes with positive amounts; Total includes tax.
    derive={
        "credit_sign": "CASE WHEN document_type ILIKE '%credit%' THEN -1 ELSE 1 END",
        "amount": "(total - coalesce(tax_total, 0)) * credit_sign",
        "tax": "coalesce(tax_total, 0) * credit_sign",
        "paid_amount": "coalesce(amount_paid, 0) * credit_sign",
    },
    group_by=("invoice_number",),
)

TEMPLATE_PROJECTS = Format(
    name="template_projects",
    label="Studio template: projects",
    kind="projects",
    signature=("Project Code", "Project", "Client", "Billing Model", "Start Date", "Due Date"),
    columns={
        "project_code": col("Project Code", required=True),
        "project": col("Project", required=True),
        "client": col("Client", required=True),
        "service_line": col("Service Line"),
        "billing_model": col("Billing Model"),
        "budget_hours": col("Budget Hours", parser="number"),
        "budget_amount": col("Budget Amount", parser="number"),
        "currency": col("Currency", parser="currency"),
        "start_date": col("Start Date", parser="date"),
        "due_date": col("Due Date", parser="date"),
        "delivered_date": col("Delivered Date", parser="date"),
        "status": col("Status"),
        "account_manager": col("Account Manager"),
    },
)

TEMPLATE_DELIVERABLES = Format(
    name="template_deliverables",
    label="Studio template: deliverables",
    kind="deliverables",
    signature=("Project Code", "Deliverable", "Due Date", "Delivered Date"),
    columns={
        "project_code": col("Project Code", required=True),
        "deliverable": col("Deliverable", required=True),
        "due_date": col("Due Date", parser="date", required=True),
        "delivered_date": col("Delivered Date", parser="date"),
        "original_due_date": col("Original Due Date", parser="date"),
    },
)

TEMPLATE_INVOICES = Format(
    name="template_invoices",
    label="Studio template: invoices",
    kind="invoices",
    signature=("Invoice Number", "Client", "Issue Date", "Due Date", "Amount", "Paid Amount"),
    columns={
        "invoice_number": col("Invoice Number", required=True),
        "client": col("Client", required=True),
        "project_code": col("Project Code"),
        "issue_date": col("Issue Date", parser="date", required=True),
        "due_date": col("Due Date", parser="date"),
        "amount": col("Amount", parser="number", required=True),
        "tax_amount": col("Tax", parser="number"),
        "paid": col("Paid Amount", parser="number"),
        "paid_date": col("Paid Date", parser="date"),
        "currency": col("Currency", parser="currency"),
    },
    derive={"tax": "coalesce(tax_amount, 0)", "paid_amount": "coalesce(paid, 0)"},
)

TEMPLATE_EXPENSES = Format(
    name="template_expenses",
    label="Studio template: expenses",
    kind="expenses",
    signature=("Date", "Project Code", "Category", "Amount", "Billable", "Pass Through"),
    columns={
        "expense_date": col("Date", parser="date", required=True),
        "project_code": col("Project Code"),
        "category": col("Category"),
        "amount": col("Amount", parser="number", required=True),
        "billable": col("Billable", parser="bool", required=True),
        "pass_through": col("Pass Through", parser="bool", required=True),
        "currency": col("Currency", parser="currency"),
    },
)

TEMPLATE_RATE_CARD = Format(
    name="template_rate_card",
    label="Studio template: rate card",
    kind="rate_card",
    signature=("Person", "Role", "Cost Rate", "Bill Rate", "Valid From"),
    columns={
        "person": col("Person"),
        "role": col("Role", required=True),
        "cost_rate": col("Cost Rate", parser="number"),
        "bill_rate": col("Bill Rate", parser="number"),
        "weekly_capacity_hours": col("Weekly Capacity Hours", parser="number"),
        "valid_from": col("Valid From", parser="date", required=True),
    },
)

TEMPLATE_CLIENTS = Format(
    name="template_clients",
    label="Studio template: clients",
    kind="clients",
    signature=("Client", "Account Manager", "Aliases"),
    columns={
        "client": col("Client", required=True),
        "account_manager": col("Account Manager"),
        "aliases": col("Aliases"),
    },
)

FORMATS: tuple[Format, ...] = (
    HARVEST_TIME,
    XERO_INVOICES,
    TEMPLATE_PROJECTS,
    TEMPLATE_DELIVERABLES,
    TEMPLATE_INVOICES,
    TEMPLATE_EXPENSES,
    TEMPLATE_RATE_CARD,
    TEMPLATE_CLIENTS,
)


def normalize_header(text: object) -> str:
    """Header text compared case- and space-insensitively, without a BOM."""
    return " ".join(str(text or "").replace("\ufeff", "").split()).lower()


def signature_score(fmt: Format, headers: set[str]) -> float:
    """Share of the format's signature headers present in `headers` (normalized)."""
    found = sum(normalize_header(h) in headers for h in fmt.signature)
    return found / len(fmt.signature)


def detect(headers: list[str]) -> Format | None:
    """The format whose whole signature is in `headers`, preferring the most specific."""
    present = {normalize_header(h) for h in headers}
    matches = [f for f in FORMATS if signature_score(f, present) == 1.0]
    return max(matches, key=lambda f: len(f.signature), default=None)


def closest(headers: list[str]) -> tuple[Format, list[str]]:
    """The format that comes closest to `headers`, and the signature columns it lacks."""
    present = {normalize_header(h) for h in headers}
    best = max(FORMATS, key=lambda f: signature_score(f, present))
    return best, [h for h in best.signature if normalize_header(h) not in present]
