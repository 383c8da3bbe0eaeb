"""The words and links rows are shown with: defined once, used by the pages and the reports."""

from __future__ import annotations

from urllib.parse import urlencode


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
    "rejected_rows": (
        "Rejected rows",
        "These rows were not loaded. Fix them in the export (the reason is given per row "
        "below) and import the file again; its rows replace the earlier import's.",
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
    "rejected_rows": ("row", "rows"),
    "time_gaps": ("week", "weeks"),
}
