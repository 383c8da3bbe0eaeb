"""Import: drop exports, see what would be loaded and rejected, map unknown layouts, commit."""

import streamlit as st

import ui
from actions import imports
from app_pages.parts import uploaded
from app_pages.parts.import_steps import (
    commit,
    file_preview,
    mapping_form,
    mapping_profiles,
    unmatched_form,
)
from metrics import queries

DATE_ORDERS = {"auto": "From the file", "dmy": "Day first (31/01)", "mdy": "Month first (01/31)"}
COMPLETE_HELP = (
    "By default a file replaces the earlier rows of its own format on its dates only for the "
    "clients, projects and people it holds, so exports filtered by client, project or person "
    "lose nothing. Tick this when each file is the tool's complete export for its dates: it "
    "then replaces every earlier row of its format on those dates, so entries deleted in the "
    "tool disappear here too."
)

st.title("Import")
st.caption(
    "Drop this week's exports: time reports, invoices, projects, expenses or studio templates "
    f"(CSV or XLSX, up to {st.get_option('server.maxUploadSize')} MB each). Nothing changes "
    "until you press Import; an import can be undone on the Data health page."
)
if ui.warehouse().empty:
    st.info("No data yet: drop your first exports below, or the demo studio's (data/demo).")
if "imported" in st.session_state:
    st.success(st.session_state.pop("imported"))
    st.page_link(
        "app_pages/weekly_review.py", label="See the weekly review", icon=":material/dashboard:"
    )
uploads = st.file_uploader(
    "Export files",
    type=[suffix.removeprefix(".") for suffix in imports.SUFFIXES],
    accept_multiple_files=True,
    key=f"uploads:{st.session_state.get('upload_round', 0)}",
)
known, unknown, refused = imports.recognised(uploaded.saved_uploads(uploads or []))
for problem in refused:
    st.error(ui.literal(problem))
for path in unknown:
    mapping_form(path)
if known:
    order = st.selectbox(
        "Date order of files whose dates fit both", list(DATE_ORDERS), format_func=DATE_ORDERS.get
    )
    date_order = None if order == "auto" else order
    complete = st.checkbox(
        "Each file is the complete export for its dates", key="complete", help=COMPLETE_HELP
    )
    try:
        preview = uploaded.dry_run(known, date_order, complete)
    except imports.ImportFailure as exc:
        st.error(f"These files cannot be imported as they are: {ui.literal(exc)}")
    else:
        for item in preview.files:
            file_preview(item)
        if not preview.unmatched.empty:
            unmatched_form(preview.unmatched, "preview")
        commit(known, date_order, complete, preview)
elif not uploads and not ui.warehouse().empty:
    names = ui.load(queries.unmatched_names, ui.scope())
    if not names.empty:
        unmatched_form(names, "warehouse")
mapping_profiles()
