"""The buttons that download the weekly status report and the monthly client report."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import streamlit as st

import ui
from metrics import periods
from metrics.queries import Filters
from reports import files


def weekly_report_downloads(chosen: Filters) -> None:
    """Buttons for the weekly status report (the week and the 4 weeks to the as-of date) of the
    chosen client, or else the chosen account manager's portfolio (or else, for a viewer who
    does not see every client, all theirs): PowerPoint, PDF, Markdown."""
    if chosen.client is None and chosen.manager is None and chosen.scope.everything:
        st.caption("Choose an account manager or a client for the weekly status report.")
        return
    kinds = {".pptx": "PowerPoint", ".pdf": "PDF", ".md": "Markdown"}
    for suffix, kind in kinds.items():
        build = partial(
            files.weekly,
            ui.warehouse(),
            suffix,
            chosen.client,
            chosen.manager,
            chosen.as_of,
            scope=chosen.scope,
        )
        ui.download(f"Weekly status ({kind})", build, files.weekly_name(chosen, suffix))


def monthly_report_download(client: str, chosen: Filters) -> None:
    """The client's monthly report workbook for the last month complete at the as-of date."""
    month = periods.months_back(chosen.as_of + timedelta(days=1), 1)
    ui.download(
        f"Monthly report, {month:%B %Y} (Excel)",
        partial(files.monthly, ui.warehouse(), client, month, scope=chosen.scope),
        files.monthly_name(client, month),
    )
