"""Each report as the bytes of its file, by format: what the command line writes and the app's
download buttons hand out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import pandas as pd

from metrics import whatif
from metrics.db import Warehouse
from metrics.queries import Filters
from metrics.scope import Scope
from reports import content, deck, markdown, pdf, quote, workbook
from reports import scenario as scenario_report
from reports import scope as subject
from reports.scope import ReportError
from settings import file_slug

WEEKLY_FORMATS: dict[str, Callable[[content.Report], bytes]] = {
    ".pptx": deck.render,
    ".md": markdown.render,
    ".pdf": pdf.render,
}
MIME_TYPES = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
}
# The most of a name a file name holds, in bytes of UTF-8: with the report's words, its date and
# an outbox's '-2.eml' well under the 255 bytes a file name may have (143 on some encrypted
# disks).
SLUG_BYTES = 80


def weekly(
    warehouse: Warehouse,
    suffix: str,
    client: str | None = None,
    manager: str | None = None,
    as_of: date | None = None,
    *,
    scope: Scope,
) -> bytes:
    """The weekly status report for a client or a manager's portfolio (or all the viewer's
    clients, for a viewer who does not see every client) in the format of `suffix`, with
    nothing of a client outside the viewer's `scope`."""
    render = weekly_renderer(suffix)
    return render(
        content.weekly(warehouse, subject.weekly_filters(warehouse, client, manager, as_of, scope))
    )


def weekly_renderer(suffix: str) -> Callable[[content.Report], bytes]:
    """What lays the weekly report out as a file of the format of `suffix` ('.pptx', '.md' or
    '.pdf'); an error for another."""
    render = WEEKLY_FORMATS.get(suffix.lower())
    if render is None:
        raise ReportError(
            f"Unknown weekly report format {suffix!r}: use one of {', '.join(WEEKLY_FORMATS)}."
        )
    return render


def monthly(warehouse: Warehouse, client: str, month: date, *, scope: Scope) -> bytes:
    """The monthly client report workbook (an error for a client outside the viewer's scope)."""
    return workbook.render(
        content.monthly(warehouse, subject.monthly_filters(warehouse, client, month, scope))
    )


def scenario(
    suffix: str,
    name: str,
    level: str,
    baseline: whatif.Plan,
    plan: whatif.Plan,
    history: pd.DataFrame | None,
    target: float,
    currency: str,
) -> bytes:
    """The open what-if scenario as a PowerPoint deck (.pptx: its figures, risk and sensitivity)
    or a live Excel workbook (.xlsx: a quote to rework in Excel)."""
    if suffix == ".xlsx":
        return quote.render(name, level, baseline, plan, target, currency)
    return deck.render(
        scenario_report.report(name, level, baseline, plan, history, target, currency)
    )


def comparison_deck(comparison: pd.DataFrame, currency: str) -> bytes:
    """Saved what-if scenarios side by side as a PowerPoint deck."""
    return deck.render(scenario_report.comparison_report(comparison, currency))


def scenario_name(name: str, suffix: str) -> str:
    """'what-if-acme-spring-launch.pptx'."""
    return f"what-if-{_slug(name or 'scenario')}{suffix}"


def weekly_name(filters: Filters, suffix: str) -> str:
    """'weekly-status-acme-corporation-2026-03-02.pptx'."""
    who = filters.client or filters.manager or filters.scope.name or "all"
    return f"weekly-status-{_slug(who)}-{filters.as_of}{suffix}"


def monthly_name(client: str, month: date) -> str:
    """'monthly-report-acme-corporation-2026-02.xlsx'."""
    return f"monthly-report-{_slug(client)}-{month:%Y-%m}.xlsx"


def _slug(name: str) -> str:
    """A name fit for a file name ('report' when nothing of it is left); one over SLUG_BYTES is
    cut short and ends in a hash of the whole, so two long names alike at the start differ."""
    slug = file_slug(name) or "report"
    whole = slug.encode()
    if len(whole) <= SLUG_BYTES:
        return slug
    digest = hashlib.sha256(whole).hexdigest()[:8]
    # Cut between characters: a letter of two or more bytes is left out whole.
    head = whole[: SLUG_BYTES - len(digest) - 1].decode(errors="ignore").rstrip("-")
    return f"{head}-{digest}"
