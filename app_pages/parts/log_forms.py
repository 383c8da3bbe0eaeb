"""The account log's forms: an entry written or changed on the Client page, the Weekly
review's quick *Log a call*, who writes them and their saving."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from actions import account_log as logbook
from metrics import account_log, labels, queries
from metrics.queries import Filters

NO_PROJECT = ""


def log_author(key: str) -> str:
    """Who writes a log entry: the signed-in member (team mode), else a name typed once and
    remembered for the session (this computer's user name to start with)."""
    me = ui.current_person()
    if me.email:
        st.caption(f"Written as {ui.literal(me.shown_as)}.")
        return me.shown_as
    remembered = st.session_state.get("log_author_name", me.shown_as)
    name = st.text_input("Your name", value=remembered, key=key, max_chars=100)
    st.session_state["log_author_name"] = name
    return name


def log_saved(message: str) -> None:
    """Show every page the new state of the log, with what was done."""
    st.session_state["log_saved"] = message
    # New form keys: the forms start empty again (kept as typed when nothing was written).
    st.session_state["log_forms"] = st.session_state.get("log_forms", 0) + 1
    st.rerun()


def entry_form(
    key: str, client: str, projects: dict[str, str], earlier: pd.Series | None = None
) -> None:
    """A form for a log entry of `client` (a new one, or the next version of `earlier`)."""
    kinds = list(account_log.KINDS)
    projects = {NO_PROJECT: "No project", **projects}
    with st.form(key, border=earlier is not None):
        top = st.columns([1, 1, 2])
        kind = top[0].selectbox(
            "Kind",
            kinds,
            index=kinds.index(earlier["kind"]) if earlier is not None else 0,
            format_func=account_log.KINDS.get,
        )
        day = top[1].date_input(
            "Date",
            value=earlier["entry_date"].date() if earlier is not None else date.today(),
            max_value=date.today(),
        )
        project = top[2].selectbox(
            "Project (optional)",
            list(projects),
            index=list(projects).index(earlier["project_code"])
            if earlier is not None and earlier["project_code"] in projects
            else 0,
            format_func=projects.get,
        )
        summary = st.text_area(
            "Summary",
            value=earlier["summary"] if earlier is not None else "",
            max_chars=account_log.LIMITS["summary"],
            height=90,
            placeholder="What was said or decided, what went wrong, what may.",
        )
        people = st.text_input(
            "People present",
            value=earlier["people"] if earlier is not None else "",
            max_chars=account_log.LIMITS["people"],
            placeholder="Names, separated by commas",
        )
        statuses = list(account_log.STATUSES)
        now = {v: k for k, v in account_log.STATUSES.items()}.get(
            earlier["status"] if earlier is not None else "", "open"
        )
        status = st.segmented_control(
            "Status (issues and risks)", statuses, default=now, format_func=account_log.STATUSES.get
        )
        follow = st.columns([2, 1, 1])
        follow_up = follow[0].text_input(
            "Follow-up (optional)",
            value=earlier["follow_up"] if earlier is not None else "",
            max_chars=account_log.LIMITS["follow_up"],
            placeholder="What is to be done",
        )
        owner = follow[1].text_input(
            "Who follows up",
            value=earlier["follow_up_owner"] if earlier is not None else "",
            max_chars=account_log.LIMITS["follow_up_owner"],
        )
        due = follow[2].date_input(
            "By",
            value=None
            if earlier is None or pd.isna(earlier["follow_up_due"])
            else earlier["follow_up_due"].date(),
        )
        done = st.checkbox(
            "Follow-up done", value=earlier is not None and bool(earlier["follow_up_done"])
        )
        author = log_author(f"{key}:author")
        label = "Save changes" if earlier is not None else "Add to the log"
        if st.form_submit_button(label, type="primary", icon=":material/save:"):
            entry = logbook.Entry(
                client=client,
                kind=kind,
                entry_date=day,
                summary=summary,
                people=people,
                project=project,
                follow_up=follow_up,
                follow_up_owner=owner,
                follow_up_due=due,
                follow_up_done=done,
                status=status or "open",
            )
            _write_entry(entry, author, earlier)


def _write_entry(entry: logbook.Entry, author: str, earlier: pd.Series | None) -> None:
    """Write a new entry or the next version of `earlier`; or say why nothing was written."""
    me = ui.current_person()
    try:
        if earlier is None:
            logbook.write(entry, by=me, author=author)
        else:
            logbook.revise(earlier["id"], int(earlier["version"]), entry, by=me, author=author)
    except (PermissionError, ValueError) as exc:
        st.error(f"Nothing was written: {ui.literal(exc)}.")
        return
    done = "Added to" if earlier is None else "Changed in"
    log_saved(f"{done} {ui.literal(labels.possessive(entry.client))} log.")


def quick_log(chosen: Filters) -> None:
    """The weekly review's "Log a call": a client of the viewer's, a summary, who was there and
    a follow-up; everything else as the Client page's form sets it by default."""
    me = ui.current_person()
    directory = ui.load(queries.client_directory, chosen.scope)
    clients = [c for c in directory["client"] if logbook.may_log(me, c)]
    if "log_saved" in st.session_state:
        st.success(st.session_state.pop("log_saved"), icon=":material/check_circle:")
    if not clients:
        return
    section = ui.opened("Log a call", ":material/call:", "quick_log_open")
    if section is None:
        return
    with section, st.form(f"quick_log:{st.session_state.get('log_forms', 0)}", border=False):
        top = st.columns([2, 1, 1])
        client = top[0].selectbox(
            "Client", clients, index=clients.index(chosen.client) if chosen.client in clients else 0
        )
        kind = top[1].selectbox(
            "Kind", ["call", "meeting", "email", "issue", "risk"], format_func=account_log.KINDS.get
        )
        today = date.today()
        day = top[2].date_input("Date", value=today, max_value=today)
        summary = st.text_input("Summary", max_chars=account_log.LIMITS["summary"])
        people = st.text_input("People present", max_chars=account_log.LIMITS["people"])
        follow = st.columns([2, 1, 1])
        follow_up = follow[0].text_input(
            "Follow-up (optional)", max_chars=account_log.LIMITS["follow_up"]
        )
        owner = follow[1].text_input(
            "Who follows up", max_chars=account_log.LIMITS["follow_up_owner"]
        )
        due = follow[2].date_input("By", value=None)
        author = log_author("quick_log:author")
        if st.form_submit_button("Add to the log", type="primary", icon=":material/save:"):
            entry = logbook.Entry(
                client=client,
                kind=kind,
                entry_date=day,
                summary=summary,
                people=people,
                follow_up=follow_up,
                follow_up_owner=owner,
                follow_up_due=due,
            )
            _write_entry(entry, author, None)
