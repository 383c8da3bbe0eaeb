"""Supported export formats, declared as data: header fingerprint, column map and value parsers.

Adding a format is adding an entry to FORMATS; the loader has no format-specific control flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """Where a parsed field comes from in a file and how its text is read."""

    headers: tuple[str, ...]
    # text | number | duration | date | bool | currency | fraction (0..1; `35%`, `0.35`, or `35`
    # in a file of percentages) | year (2000..2100)
    parser: str = "text"
    required: bool = False
    money: bool = False  # converted to the reporting currency when the row is in another


@dataclass(frozen=True)
class Kind:
    """A kind of data, the raw table it lands in and how a new file replaces earlier rows
    (docs/formats.md, "What a newer export replaces")."""

    table: str
    key: tuple[str, ...] = ()  # rows with the same key are replaced (latest import wins)
    # The date that bounds what a file covers: rows of the same format between its first and
    # last date are replaced when their `scope` values occur together in the file, or all of
    # them when the file is declared the complete export for its dates.
    window: str | None = None
    scope: tuple[str, ...] = ()
    links: str | None = None  # sql/links/<links>.sql resolves the rows' links as they are stored
    measure: str | None = None  # what replaced rows are summed by: hours, or an amount
    # Key columns holding a client's name, compared as the client it resolves to, as the marts
    # read it: any spelling of the client (case, a confirmed alias) is the same key.
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A check across the fields of a row: a row for which `broken` (SQL over its typed fields)
    is true is rejected, naming the cell of `field`, with `reason`."""

    field: str
    broken: str
    reason: str


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
    sums: tuple[str, ...] = ()  # with group_by: fields added up over the lines
    rules: tuple[Rule, ...] = ()  # checks across fields, after each field has parsed


def col(*headers: str, parser: str = "text", required: bool = False) -> Column:
    """A column read from the first of `headers` present in the file."""
    return Column(headers, parser, required)


def money(*headers: str, required: bool = False) -> Column:
    """An amount or rate, converted to the reporting currency when the row is in another."""
    return Column(headers, "number", required, money=True)


KINDS: dict[str, Kind] = {
    "exchange_rates": Kind("raw_exchange_rates", key=("currency", "valid_from")),
    "clients": Kind("raw_clients", key=("client",)),
    "aliases": Kind("raw_aliases", key=("alias", "client", "project_code")),
    "rate_card": Kind("raw_rate_card", key=("person", "role", "valid_from")),
    "projects": Kind("raw_projects", key=("project_code",)),
    "deliverables": Kind("raw_deliverables", key=("project_code", "deliverable")),
    "time": Kind(
        "raw_time_entries",
        window="entry_date",
        scope=("client", "project", "person"),
        links="time_entries",
        measure="hours",
    ),
    "expenses": Kind(
        "raw_expenses",
        window="expense_date",
        scope=("client", "project", "project_code", "person"),
        measure="amount",
    ),
    "invoices": Kind(
        "raw_invoices", key=("invoice_number",), window="issue_date", measure="amount"
    ),
    "invoice_lines": Kind(
        "raw_invoice_lines", key=("invoice_number", "line_number"), measure="amount"
    ),
    "targets": Kind("raw_targets", key=("client", "year"), names=("client",)),
    "pipeline": Kind("raw_pipeline", key=("client", "opportunity"), names=("client",)),
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
        "bill_rate": money("Billable Rate"),
        "cost_rate": money("Cost Rate"),
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
        "total": money("Total", required=True),
        "tax_total": money("TaxTotal"),
        "amount_paid": money("InvoiceAmountPaid"),
        "line_amount": money("LineAmount"),
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
        "budget_amount": money("Budget Amount"),
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
        "amount": money("Amount", required=True),
        "tax_amount": money("Tax"),
        "paid": money("Paid Amount"),
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
        "amount": money("Amount", required=True),
        "billable": col("Billable", parser="bool", required=True),
        "pass_through": col("Pass Through", parser="bool", required=True),
        "person": col("Person"),
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
        "cost_rate": money("Cost Rate"),
        "bill_rate": col("Bill Rate", parser="number"),
        "weekly_capacity_hours": col("Weekly Capacity Hours", parser="number"),
        "valid_from": col("Valid From", parser="date", required=True),
    },
)

TEMPLATE_EXCHANGE_RATES = Format(
    name="template_exchange_rates",
    label="Studio template: exchange rates",
    kind="exchange_rates",
    signature=("Currency", "Rate", "Valid From"),
    columns={
        "currency": col("Currency", parser="currency", required=True),
        "rate": col("Rate", parser="number", required=True),
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

TEMPLATE_ALIASES = Format(
    name="template_aliases",
    label="Studio template: aliases",
    kind="aliases",
    # Without a project code: another spelling of the client. With one: the name the project
    # goes by in exports under that client.
    signature=("Alias", "Client", "Project Code"),
    columns={
        "alias": col("Alias", required=True),
        "client": col("Client", required=True),
        "project_code": col("Project Code"),
    },
)

TEMPLATE_TARGETS = Format(
    name="template_targets",
    label="Studio template: targets",
    kind="targets",
    signature=("Client", "Year", "Revenue Target", "Margin Target", "On-time Target"),
    # A blank target sets none. The revenue target is converted at the rate of 1 January.
    columns={
        "client": col("Client", required=True),
        "year": col("Year", parser="year", required=True),
        "revenue_target": money("Revenue Target"),
        "margin_target": col("Margin Target", parser="fraction"),
        "on_time_target": col("On-time Target", parser="fraction"),
        "currency": col("Currency", parser="currency"),
    },
    # The plan editor refuses it too: a negative plan makes the gap to it meaningless.
    rules=(
        Rule(
            "revenue_target",
            "revenue_target < 0",
            "expected 0 or more: a revenue target cannot be negative",
        ),
    ),
)

# The forecast leaves out an opportunity worth nothing or less: a negative value is a typo to
# show, not one to drop without a word.
NEGATIVE_VALUE = Rule(
    "value", "value < 0", "expected 0 or more: an opportunity's value cannot be negative"
)

TEMPLATE_PIPELINE = Format(
    name="template_pipeline",
    label="Studio template: pipeline",
    kind="pipeline",
    signature=(
        "Client",
        "Opportunity",
        "Value",
        "Probability",
        "Expected Start",
        "Expected End",
        "Stage",
    ),
    # The value is converted at the rate of the expected start.
    columns={
        "client": col("Client", required=True),
        "opportunity": col("Opportunity", required=True),
        "service_line": col("Service Line"),
        "value": money("Value", required=True),
        "probability": col("Probability", parser="fraction", required=True),
        "expected_start": col("Expected Start", parser="date", required=True),
        "expected_end": col("Expected End", parser="date"),
        "stage": col("Stage"),
        "currency": col("Currency", parser="currency"),
    },
    rules=(
        Rule(
            "expected_end",
            "expected_end < expected_start",
            "expected a date on or after the Expected Start",
        ),
        NEGATIVE_VALUE,
    ),
)

TOGGL_TIME = Format(
    name="toggl_time",
    label="Toggl Track detailed report",
    kind="time",
    signature=("User", "Client", "Project", "Description", "Start date", "Duration"),
    # Rates are left to the rate card: Toggl's Amount column is optional and in any currency.
    columns={
        "entry_date": col("Start date", parser="date", required=True),
        "client": col("Client"),
        "project": col("Project"),
        "task": col("Task"),
        "notes": col("Description"),
        "person": col("User"),
        "hours": col("Duration", parser="duration", required=True),
        "billable": col("Billable", parser="bool", required=True),
    },
)

CLOCKIFY_TIME = Format(
    name="clockify_time",
    label="Clockify detailed report",
    kind="time",
    signature=("Project", "Client", "Description", "User", "Start Date", "Duration (h)"),
    columns={
        "entry_date": col("Start Date", parser="date", required=True),
        "client": col("Client"),
        "project": col("Project"),
        "task": col("Task", "Activity"),
        "notes": col("Description"),
        "person": col("User"),
        # H:MM:SS is exact; the decimal column is rounded to two places.
        "hours": col("Duration (h)", "Duration (decimal)", parser="duration", required=True),
        "billable": col("Billable", parser="bool", required=True),
        # The header names the workspace currency: `Billable Rate (EUR)`.
        "entry_rate": money("Billable Rate (*)"),
    },
    # Clockify writes 0.00 where no rate is set: the rate card applies then.
    derive={"bill_rate": "nullif(entry_rate, 0)"},
)

KIMAI_TIME = Format(
    name="kimai_time",
    label="Kimai timesheet export",
    kind="time",
    signature=("Date", "Duration", "User", "Customer", "Project", "Activity"),
    columns={
        "entry_date": col("Date", parser="date", required=True),
        "client": col("Customer"),
        "project": col("Project"),
        "task": col("Activity"),
        "notes": col("Description"),
        "person": col("User"),
        "hours": col("Duration", parser="duration", required=True),
        "billable_flag": col("Billable", parser="bool"),
        "bill_rate": money("Hourly price"),
        "currency": col("Currency", parser="currency"),
    },
    # Kimai marks non-billable records explicitly; an export without the column bills them all.
    derive={"billable": "coalesce(billable_flag, true)"},
)

HARVEST_PROJECTS = Format(
    name="harvest_projects",
    label="Harvest projects export",
    kind="projects",
    signature=("Client", "Project", "Project Code", "Budget By", "Budget"),
    columns={
        "code": col("Project Code"),
        "project": col("Project", required=True),
        "client": col("Client"),
        "start_date": col("Start Date", parser="date"),
        "due_date": col("End Date", parser="date"),
        "budget_by": col("Budget By"),
        "budget": col("Budget", parser="number"),
    },
    rules=(
        Rule(
            "budget",
            "budget_by ILIKE '%hour%' AND abs(budget) > 1000000",
            "is too large to be right: at most 1,000,000 budget hours",
        ),
    ),
    # Projects without a code are keyed by client and name, which time entries also link by.
    derive={
        "project_code": "coalesce(code, concat_ws(' / ', client, project))",
        "budget_hours": "CASE WHEN budget_by ILIKE '%hour%' THEN budget END",
        "budget_amount": "CASE WHEN budget_by NOT ILIKE '%hour%' THEN budget END",
    },
)

CLOCKIFY_PROJECTS = Format(
    name="clockify_projects",
    label="Clockify projects export",
    kind="projects",
    signature=("Name", "Client", "Estimated (h)"),
    columns={
        "project": col("Name", required=True),
        "client": col("Client"),
        "budget_hours": col("Estimated (h)", parser="duration"),
    },
    # Clockify projects have no code: they are keyed by client and name, as time entries link.
    derive={"project_code": "concat_ws(' / ', client, project)"},
)

HARVEST_INVOICES = Format(
    name="harvest_invoices",
    label="Harvest invoices export",
    kind="invoices",
    signature=("Issue Date", "ID", "Client", "Subject", "Invoice Amount", "Paid Amount"),
    # No due date in the export: the usual payment term applies (see marts/invoices.sql).
    columns={
        "invoice_number": col("ID", required=True),
        "client": col("Client", required=True),
        "reference": col("Subject"),
        "issue_date": col("Issue Date", parser="date", required=True),
        "invoice_amount": money("Invoice Amount", required=True),
        "paid": money("Paid Amount"),
        # The day of the last payment: the whole paid amount counts from then.
        "paid_date": col("Last Payment Date", parser="date"),
        "tax_1": money("Tax"),
        "tax_2": money("Tax2"),
        "currency": col("Currency", parser="currency"),
    },
    derive={
        "tax": "coalesce(tax_1, 0) + coalesce(tax_2, 0)",
        "amount": "invoice_amount - tax",
        "paid_amount": "coalesce(paid, 0)",
    },
)

HARVEST_INVOICE_LINES = Format(
    name="harvest_invoice_lines",
    label="Harvest invoice lines export",
    kind="invoice_lines",
    signature=("Invoice ID", "Client", "Project", "Item Type", "Item Amount"),
    # Lines say which project an invoice bills; amounts, tax and payments come from the
    # invoices export.
    columns={
        "invoice_number": col("Invoice ID", required=True),
        "client": col("Client"),
        "project": col("Project"),
        "item_type": col("Item Type"),
        "description": col("Item Description"),
        "issue_date": col("Issue Date", parser="date"),
        "amount": money("Item Amount", required=True),
        "currency": col("Currency", parser="currency"),
    },
    derive={"line_number": "row_number() OVER (PARTITION BY invoice_number ORDER BY line)"},
)

HARVEST_EXPENSES = Format(
    name="harvest_expenses",
    label="Harvest expenses export",
    kind="expenses",
    signature=("Date", "Client", "Project", "Category", "Billable?"),
    columns={
        "expense_date": col("Date", parser="date", required=True),
        "client": col("Client"),
        "project": col("Project"),
        "project_code": col("Project Code"),
        "category": col("Category"),
        "amount": money("Amount", "Cost", "Total Amount", required=True),
        "billable": col("Billable?", parser="bool", required=True),
        "first_name": col("First Name"),
        "last_name": col("Last Name"),
        "currency": col("Currency", parser="currency"),
    },
    # Harvest does not mark pass-through costs; they count as ordinary expenses.
    derive={
        "pass_through": "false",
        "person": "nullif(concat_ws(' ', first_name, last_name), '')",
    },
)

QUICKBOOKS_INVOICES = Format(
    name="quickbooks_invoices",
    label="QuickBooks Online invoice list",
    kind="invoices",
    signature=("Date", "Transaction type", "Num", "Name", "Due date", "Amount", "Open balance"),
    # No tax column: the amount is taken as the invoice amount and the tax as 0.
    columns={
        "invoice_number": col("Num", required=True),
        "client": col("Name", required=True),
        "reference": col("Memo", "Memo/Description"),
        "issue_date": col("Date", parser="date", required=True),
        "due_date": col("Due date", parser="date"),
        "total": money("Amount", required=True),
        "open_balance": money("Open balance"),
        "transaction_type": col("Transaction type"),
    },
    derive={
        "amount": "CASE WHEN transaction_type ILIKE '%credit%' THEN -abs(total) ELSE total END",
        "tax": "0",
        "paid_amount": "amount - coalesce(open_balance, 0) * sign(amount)",
    },
)

FRESHBOOKS_INVOICES = Format(
    name="freshbooks_invoices",
    label="FreshBooks invoice export",
    kind="invoices",
    signature=("Client Name", "Invoice #", "Date Issued", "Invoice Status", "Line Subtotal"),
    columns={
        "invoice_number": col("Invoice #", required=True),
        "client": col("Client Name", required=True),
        "issue_date": col("Date Issued", parser="date", required=True),
        "due_date": col("Date Due", parser="date"),
        "status": col("Invoice Status"),
        "paid_date": col("Date Paid", parser="date"),
        "line_subtotal": money("Line Subtotal", required=True),
        "tax_1": money("Tax 1 Amount"),
        "tax_2": money("Tax 2 Amount"),
        "line_total": money("Line Total"),
        "currency": col("Currency", parser="currency"),
    },
    # One row per line: amounts add up per invoice; a paid invoice's lines are all paid.
    derive={
        "amount": "line_subtotal",
        "tax": "coalesce(tax_1, 0) + coalesce(tax_2, 0)",
        "paid_amount": "CASE WHEN lower(status) = 'paid' THEN line_subtotal + tax ELSE 0 END",
    },
    group_by=("invoice_number",),
    sums=("amount", "tax", "paid_amount"),
)

# A HubSpot deal says when it should close, not how long the work it buys will run: the work is
# taken to start on the close date and to last this many days, the median length of a project
# of the demo studio (docs/forecast.md). The pipeline template states real ends.
HUBSPOT_DEAL_DAYS = 46

HUBSPOT_DEALS = Format(
    name="hubspot_deals",
    label="HubSpot deals export",
    kind="pipeline",
    # The columns of HubSpot's default deals view; the probability and the company must be added
    # to the view, and a file without them is refused naming the missing column.
    signature=("Deal Name", "Deal Stage", "Close Date", "Amount"),
    # The close date comes first: the amount is converted at the rate of that day.
    columns={
        "close_date": col("Close Date", parser="date", required=True),
        "client": col("Associated Company (Primary)", "Associated Company", required=True),
        "opportunity": col("Deal Name", required=True),
        "value": money("Amount", required=True),
        # 0 to 1 (`0.6`); HubSpot fills it from the deal stage's probability.
        "probability": col("Deal probability", parser="fraction", required=True),
        "deal_stage": col("Deal Stage"),
        "currency": col("Currency", parser="currency"),
        "closed_won": col("Is Closed Won", parser="bool"),
        "closed_lost": col("Is closed lost", parser="bool"),
    },
    rules=(NEGATIVE_VALUE,),
    # HubSpot's own rules: a deal is closed won when its stage's probability is 1 and closed lost
    # when its probability is 0 (properties hs_is_closed_won, hs_is_closed_lost); the two columns
    # decide when the file has them.
    derive={
        "expected_start": "close_date",
        "expected_end": f"close_date + {HUBSPOT_DEAL_DAYS - 1}",
        "stage": (
            "CASE WHEN coalesce(closed_won, probability >= 1) THEN 'won' "
            "WHEN coalesce(closed_lost, probability <= 0) THEN 'lost' ELSE deal_stage END"
        ),
    },
)

FORMATS: tuple[Format, ...] = (
    HARVEST_TIME,
    TOGGL_TIME,
    CLOCKIFY_TIME,
    KIMAI_TIME,
    HARVEST_PROJECTS,
    CLOCKIFY_PROJECTS,
    HARVEST_INVOICES,
    HARVEST_INVOICE_LINES,
    HARVEST_EXPENSES,
    XERO_INVOICES,
    QUICKBOOKS_INVOICES,
    FRESHBOOKS_INVOICES,
    HUBSPOT_DEALS,
    TEMPLATE_PROJECTS,
    TEMPLATE_DELIVERABLES,
    TEMPLATE_INVOICES,
    TEMPLATE_EXPENSES,
    TEMPLATE_RATE_CARD,
    TEMPLATE_CLIENTS,
    TEMPLATE_ALIASES,
    TEMPLATE_EXCHANGE_RATES,
    TEMPLATE_TARGETS,
    TEMPLATE_PIPELINE,
)


def normalize_header(text: object) -> str:
    """Header text compared case- and space-insensitively, without a BOM."""
    return " ".join(str(text or "").replace("\ufeff", "").split()).lower()


def signature_score(fmt: Format, headers: set[str]) -> float:
    """Share of the format's signature headers present in `headers` (normalized)."""
    found = sum(normalize_header(h) in headers for h in fmt.signature)
    return found / len(fmt.signature)


def detect(headers: list[str], formats: tuple[Format, ...] = FORMATS) -> Format | None:
    """The format whose whole signature is in `headers`, preferring the most specific."""
    present = {normalize_header(h) for h in headers}
    matches = [f for f in formats if signature_score(f, present) == 1.0]
    return max(matches, key=lambda f: len(f.signature), default=None)


def closest(headers: list[str]) -> tuple[Format, list[str]]:
    """The format that comes closest to `headers`, and the signature columns it lacks."""
    present = {normalize_header(h) for h in headers}

    def found(fmt: Format) -> tuple[int, float]:
        share = signature_score(fmt, present)
        return round(share * len(fmt.signature)), share

    best = max(FORMATS, key=found)
    return best, [h for h in best.signature if normalize_header(h) not in present]
