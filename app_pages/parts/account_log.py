"""The Client page's account log: its entries found by text and kind, a chosen entry's versions
and the buttons that close it (the forms are log_forms.py)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

import ui
from actions import account_log as logbook
from app_pages.parts import log_forms
from metrics import account_log, queries
from metrics.queries import Filters
from settings import file_slug

LOG_COLUMNS = ["entry_date", "what", "project_code", "summary", "people", "status",
               "follow_up_text", "author"]  # fmt: skip


LOG_EXPORT = ["entry_date", "what", "client", "project_code", "project", "summary", "people",
              "status", "follow_up", "follow_up_owner", "follow_up_due", "follow_up_done",
              "author", "author_email", "written_at", "version", "id"]  # fmt: skip


def client_log(chosen: Filters, currency: str) -> None:
    """The Client page's account log: a form to log an entry (for those who may write for the
    client), the entries found by text and kind, a CSV of them, and a chosen entry's versions,
    its edit form and quick actions (resolve an issue, a follow-up done)."""
    client, me = chosen.client, ui.current_person()
    if client is None:
        return
    st.subheader("Account log")
    st.caption(
        "Calls, meetings, e-mails, issues, decisions, opportunities and risks, newest first. "
        "Open issues and risks and overdue follow-ups are listed in Needs attention on the weekly "
        "review."
    )
    if "log_saved" in st.session_state:
        st.success(st.session_state.pop("log_saved"), icon=":material/check_circle:")
    writer = logbook.may_log(me, client)
    projects = partial(
        ui.load, queries.project_choices, replace(chosen, manager=None, service_line=None)
    )
    if writer and (
        section := ui.opened(
            "Log a call, meeting, e-mail, issue…", ":material/edit_note:", f"log_open:{client}"
        )
    ):
        with section:
            form = f"log_new:{client}:{st.session_state.get('log_forms', 0)}"
            log_forms.entry_form(form, client, projects())
    search, kinds = st.columns([3, 2])
    text = search.text_input(
        "Search the log", key="log_text", placeholder="A word of the summary, people, follow-up"
    )
    chosen_kinds = kinds.multiselect(
        "Kinds", list(account_log.KINDS), key="log_kinds", format_func=account_log.KINDS.get
    )
    entries = ui.load(queries.account_log, chosen, text, tuple(chosen_kinds))
    ui.csv_download(entries[LOG_EXPORT], f"account-log-{file_slug(client)}.csv")
    event = ui.table(
        entries[LOG_COLUMNS],
        currency,
        empty="Nothing logged for this client yet."
        if not text and not chosen_kinds
        else "No entry holds that text or is of those kinds.",
        summary=st.column_config.TextColumn("Summary", width=360),
        people=st.column_config.TextColumn("People present", width=130),
        follow_up_text=st.column_config.TextColumn("Follow-up", width=220),
        author=st.column_config.TextColumn("Written by", width=110),
        on_select="rerun",
        selection_mode="single-row",
        key="log_table",
    )
    picked = ui.chosen_row(event, entries, "id")
    if picked is None:
        if len(entries):
            st.caption("Select an entry to see its earlier versions, change it or close it.")
        return
    entry = entries[entries["id"] == picked].iloc[0]
    _entry_actions(entry, writer)
    if writer:
        with st.expander("Change this entry", icon=":material/edit:"):
            log_forms.entry_form(f"log_edit:{picked}:{entry['version']}", client, projects(), entry)
    versions = ui.load(queries.account_log_history, chosen.scope, picked)
    st.caption(f"The entry as written, the latest first ({len(versions)}): earlier text is kept.")
    for version in versions.itertuples():
        with st.container(border=True):
            parts = [f"Version {version.version}", f"{version.written_at:%-d %b %Y, %H:%M}",
                     version.author, f"{version.what} of {version.entry_date:%-d %b %Y}",
                     version.status, version.follow_up_text]  # fmt: skip
            st.caption(" · ".join(ui.literal(part) for part in parts if part))
            st.text(
                version.summary + (f"\nPeople present: {version.people}" if version.people else "")
            )


def _entry_actions(entry: pd.Series, writer: bool) -> None:
    """Buttons that close a chosen entry: resolve an open issue or risk, a follow-up done."""
    if not writer:
        return
    me, author = ui.current_person(), st.session_state.get("log_author_name", "")
    actions = []
    if entry["status"] == account_log.STATUSES["open"]:
        actions.append(("Resolve", logbook.resolve, "Resolved."))
    if entry["follow_up_owner"] and not entry["follow_up_done"]:
        actions.append(("Follow-up done", logbook.follow_up_done, "Follow-up done."))
    if not actions:
        return
    with st.container(horizontal=True):
        for label, act, message in actions:
            if st.button(label, key=f"log_{act.__name__}:{entry['id']}", icon=":material/done:"):
                try:
                    act(entry["id"], int(entry["version"]), by=me, author=author)
                except (PermissionError, ValueError) as exc:
                    st.error(f"Nothing was written: {ui.literal(exc)}.")
                    return
                log_forms.log_saved(message)
