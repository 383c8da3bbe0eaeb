"""Data health: how fresh and complete each source is, what was rejected and how to fix it, the
last import's reconciliation, and the import history with an undo of the last import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

import ui
from actions import imports
from metrics import queries

st.title("Data health")
if "rolled_back" in st.session_state:
    st.success(ui.literal(st.session_state.pop("rolled_back")))
if ui.warehouse().empty:
    st.info("No data yet. Drop your exports on the Import page.")
    st.page_link("app_pages/import_files.py", label="Import", icon=":material/upload_file:")
    st.stop()
currency = ui.load(queries.reporting_currency)

st.subheader("Sources")
ui.table(
    ui.load(queries.source_freshness, ui.scope()).drop(columns="source_format"),
    currency,
    last_import=st.column_config.DatetimeColumn("Latest import", format="D MMM YYYY, HH:mm"),
)

st.subheader("Problems and how to fix them")
problems = ui.load(queries.data_problems, ui.scope(), currency)
for problem in problems[problems["items"] > 0].itertuples():
    st.warning(f"**{problem.label}** · {problem.size}. {problem.fix}")
for problem in problems[problems["items"] == 0].itertuples():
    st.caption(f":material/check_circle: No {problem.label.lower()}.")
gaps = ui.load(queries.time_gaps, ui.scope())
if not gaps.empty:
    weeks = ", ".join(f"{week:%-d %b %Y}" for week in gaps["week"])
    st.caption(f"Weeks (starting Monday) without time entries: {weeks}")
if ui.load(queries.unmatched_names, ui.scope()).shape[0]:
    st.page_link("app_pages/import_files.py", label="Fix unmatched names", icon=":material/link:")

st.subheader("Rejected rows")
rejects = ui.load(queries.rejects, ui.scope())
ui.table(
    rejects,
    currency,
    empty="Every row of the latest import of each file was loaded.",
    line=st.column_config.NumberColumn("Line", format="%d"),
)
if not rejects.empty:
    ui.csv_download(rejects, "rejected_rows.csv", "Download the rejected rows (CSV)")
skipped = ui.load(queries.skipped_rows, ui.scope())
with st.expander(f"Skipped rows: titles, totals, footers and empty rows ({len(skipped):,})"):
    ui.table(
        skipped,
        currency,
        empty="No file held titles, totals, footers or empty rows.",
        line=st.column_config.NumberColumn("Line", format="%d"),
    )
    st.caption(
        "Every row of every file is accounted for: the rows after its header, counted apart "
        "from the import, are loaded, rejected (above) or skipped as report furniture (here)."
    )

st.subheader("Reconciliation of the last import")
checks = ui.load(queries.last_reconciliation, ui.scope())
ui.table(
    checks[["measure", "loaded", "reported"]],
    currency,
    empty="No import has recorded reconciliation figures yet.",
    loaded=st.column_config.NumberColumn("In the files", format="%,.2f"),
    reported=st.column_config.NumberColumn("In the views", format="%,.2f"),
)
st.caption(
    "Every import checks that the hours, billed revenue and deliveries in the files equal what "
    "the metric views report; an import that does not reconcile changes nothing."
)

st.subheader("Import history")
st.caption(
    "A file replaces the earlier rows it covers: rows with the same key (invoice, project), and "
    "time entries and expenses of its own format on its dates for the clients, projects and "
    "people it holds (all of them when imported as the complete export for its dates)."
)
history = ui.load(queries.import_history, ui.scope())
ui.table(
    history,
    currency,
    run_id=st.column_config.NumberColumn("Run", format="%d"),
    started_at=st.column_config.DatetimeColumn("Imported", format="D MMM YYYY, HH:mm"),
    started_by="By",
)
last_run = int(history["run_id"].iloc[0]) if len(history) else None


def undo(seen: Path | None, run: int | None, last_day: date | None) -> None:
    """Undo the import run the user saw as the last one, unless another came since."""
    try:
        undone = imports.undo(seen, run, st.session_state["person"])
    except ValueError as exc:
        st.session_state["undo_failed"] = f"Nothing was undone: {exc}."
    else:
        ui.after_import(last_day)
        st.session_state["rolled_back"] = str(undone)


if "undo_failed" in st.session_state:
    st.error(ui.literal(st.session_state.pop("undo_failed")))
st.button(
    f"Undo the last import (run {last_run})",
    disabled=last_run is None,
    help="Puts the warehouse back exactly as it was before that import; every page follows.",
    on_click=undo,
    args=(ui.warehouse().version, last_run, ui.load(queries.data_span)[1]),
)
undos = imports.undone()
if not undos.empty:
    st.caption("Undone imports")
    ui.table(
        undos,
        currency,
        at=st.column_config.DatetimeColumn("Undone", format="D MMM YYYY, HH:mm"),
        by="By",
        run=st.column_config.NumberColumn("Run", format="%d"),
        files="Files",
    )
