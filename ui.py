"""The one Streamlit helper: cached warehouse reads, the shared sidebar filters, KPI tiles."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from actions import account_log as logbook
from actions import imports, plans, profiles, scenarios, team
from metrics import account_log, forecast, periods, queries
from metrics.catalogue import CATALOGUE, column_spec, format_value, kpi, table_format
from metrics.db import Warehouse, current, shared
from metrics.queries import Filters
from metrics.scope import EVERYONE, NOT_YOURS, Scope, of_clients
from reports import cells, files
from settings import file_slug

ALL = "All"
BASES = {"earned": "Earned", "billed": "Billed"}


# Every ASCII punctuation mark: Markdown, maths ($), Streamlit's colour and icon directives
# (:red[…], :material/…:) and autolinks are all made of them, and a backslash keeps any one
# of them a plain character.
MARKDOWN_MARKS = re.compile(f"([{re.escape(string.punctuation)}])")


# Where Markdown would find a web address or an e-mail address and make it a link even with
# its marks escaped: "://", "www." and "@" get an invisible word joiner, which no link has.
LINK_STARTS = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")


def literal(text: object) -> str:
    """Text from the data or a user (a client, a file name, a message quoting them) as it is,
    where Streamlit renders Markdown: never bold, a link, maths, an icon or markup."""
    return MARKDOWN_MARKS.sub(r"\\\1", LINK_STARTS.sub("\u2060", str(text)))


def warehouse() -> Warehouse:
    """The warehouse version current right now (an import switches it without a restart)."""
    return current()


QUESTIONS = {module.__name__: module for module in (queries, forecast)}


@shared(512)
def _cached(module: str, name: str, warehouse: Warehouse, log: Any, *args: Any) -> Any:
    return getattr(QUESTIONS[module], name)(warehouse, *args)


def load(question: Callable[..., Any], *args: Any) -> Any:
    """Answer of a `metrics.queries` or `metrics.forecast` function for the current warehouse,
    cached per version (and, for those that read the account log, per state of the log)."""
    reads_log = question.__module__ == queries.__name__ and (
        question.__name__ in queries.READS_ACCOUNT_LOG
    )
    log = account_log.stamp() if reads_log else None
    return _own(_cached(question.__module__, question.__name__, warehouse(), log, *args))


def _own(answer: Any) -> Any:
    """A cached answer as the caller's own: every session shares the cached tables, so each gets
    shallow copies (pandas copies a table's data when a copy is written to) and a page that
    changes its copy never changes what the others see."""
    # Streamlit's cache pickled every answer and unpickled it on every call instead.
    if isinstance(answer, pd.DataFrame | pd.Series):
        return answer.copy(deep=False)
    if type(answer) in (tuple, list):
        return type(answer)(_own(part) for part in answer)
    if isinstance(answer, dict):
        return {key: _own(value) for key, value in answer.items()}
    return answer


def opened(label: str, icon: str, key: str) -> Any:
    """An expander whose content runs only while it is open (opening it reruns the page), else
    None: a form nobody opens costs a view nothing."""
    section = st.expander(label, icon=icon, key=key, on_change="rerun")
    return section if section.open else None


def choose(label: str, options: list[str], key: str, **extra: Any) -> str:
    """A select box bound to the URL (unless `bind=None`); a value no longer offered falls
    back to the first."""
    if st.session_state.get(key) not in (None, *options):
        del st.session_state[key]
    return st.selectbox(label, options, key=key, **{"bind": "query-params", **extra})


def choose_labelled(label: str, labels: dict[str, str], key: str) -> str:
    """A select box of codes shown by their labels, with the code (not the label) in the URL."""
    # Streamlit's own binding would put the label in the URL, so the code is synced by hand.
    wanted = asked(key)
    if wanted not in labels:
        wanted = next(iter(labels))
    st.session_state[key] = wanted
    value = st.selectbox(label, list(labels), key=key, format_func=labels.get)
    st.query_params[key] = value
    return value


def scope() -> Scope:
    """The clients the viewer may see: what sign-in put in the session (team mode), else every
    client (personal mode, where nobody signs in)."""
    return st.session_state.get("scope", EVERYONE)


def asked(key: str) -> str | None:
    """The value `key` is asked for: as chosen in this session, else by the link (URL)."""
    return st.session_state.get(key, st.query_params.get(key))


def capped(choices: dict[str, str], what: str) -> None:
    """Say that a picker holds only the latest `what` when there are more of them."""
    if len(choices) >= queries.MOST_CHOICES:
        st.caption(
            f"The {queries.MOST_CHOICES:,} latest {what} are listed: choose a client in the "
            "sidebar for all of theirs."
        )


def asked_outside_scope(key: str, offered: list[str]) -> bool:
    """Whether a link (the URL, or a click elsewhere) asks `key` for a value the viewer may not
    see: one not `offered` to them. Never for a viewer who sees every client."""
    return not scope().everything and asked(key) not in (None, ALL, *offered)


def not_yours() -> None:
    """Say that a link pointed at a client outside the viewer's scope (without naming it)."""
    st.warning(NOT_YOURS, icon=":material/lock:")


def refused_client() -> bool:
    """Whether this run's link asked for a client outside the viewer's scope (sidebar_filters
    dropped it, so the page shows none of it)."""
    return st.session_state.get("refused_client", False)


def refuse_project_outside_scope(choices: dict[str, str], chosen: Filters) -> None:
    """When a link asks for a project whose client is outside the viewer's scope (or one that
    does not exist: the viewer cannot tell), say so and drop it from the link, showing none of
    it. A project of theirs outside the chosen filters is not refused."""
    viewer = chosen.scope
    project = asked("project")
    if viewer.everything or project is None or project in choices:
        return
    if not load(queries.project_detail, viewer, project, chosen.as_of).empty:
        return
    not_yours()
    st.session_state.pop("project", None)
    st.query_params.pop("project", None)


def sidebar_filters() -> Filters | None:
    """Draw the shared filters (bound to the URL) and return them; None when there is no data.
    Only the viewer's clients are offered; a link to another client is refused with a warning."""
    if warehouse().empty:
        return None
    first, last = load(queries.data_span)
    if last is None:
        return None
    viewer = scope()
    directory = load(queries.client_directory, viewer)
    if st.session_state.pop("as_of_follows_data", False):
        st.session_state["as_of"] = last
    with st.sidebar:
        as_of = st.date_input(
            "As of", value=last, min_value=first, max_value=last, key="as_of", bind="query-params"
        )
        preset = choose("Period", list(periods.PRESETS), "period")
        start, end = periods.resolve(preset, as_of)
        if preset == "Custom":
            chosen = st.date_input(
                "From – to", value=(start, end), min_value=first, max_value=as_of, key="range"
            )
            if isinstance(chosen, tuple) and len(chosen) == 2:
                start, end = chosen
        managers = [ALL, *sorted(directory["account_manager"].dropna().unique())]
        manager = choose("Account manager", managers, "manager")
        mine = directory if manager == ALL else directory[directory["account_manager"] == manager]
        refused = asked_outside_scope("client", list(directory["client"]))
        st.session_state["refused_client"] = refused
        if refused:
            not_yours()
            st.session_state.pop("client", None)
            st.query_params.pop("client", None)
        client = choose("Client", [ALL, *mine["client"]], "client")
        lines = sorted({line for lines in mine["service_lines"].dropna() for line in lines})
        service_line = choose("Service line", [ALL, *lines], "service_line")
        # Labels as options: with a format_func the URL would hold the label anyway.
        basis = st.segmented_control(
            "Revenue basis",
            list(BASES.values()),
            default=BASES["earned"],
            key="basis",
            bind="query-params",
            help="Earned: work done (time, fixed fees spread over the schedule, retainers by "
            "month). Billed: invoices by issue date.",
        )
        st.caption(f"{periods.label(start, end)} · data up to {last:%-d %b %Y}")
    return Filters(
        start=start,
        end=end,
        as_of=as_of,
        manager=None if manager == ALL else manager,
        client=None if client == ALL else client,
        service_line=None if service_line == ALL else service_line,
        basis=(basis or BASES["earned"]).lower(),
        scope=viewer,
    )


def filters() -> Filters | None:
    """The filters drawn by app.py for this run."""
    return st.session_state.get("filters")


def page_filters() -> Filters:
    """The filters for a page, or an explanation and a stop when there is no data yet."""
    chosen = filters()
    if chosen is None:
        st.info(
            "No data yet. Drop your exports on the Import page (or use `python -m etl load "
            "FILES…`), or run `make run`, which loads the demo studio."
        )
        st.stop()
    return chosen


def revenue_name(chosen: Filters) -> str:
    """The catalogue name of revenue on the chosen basis."""
    return f"{chosen.basis}_revenue"


def kpi_tile(
    name: str,
    value: float | None,
    currency: str,
    before: float | None = None,
    higher_is_better: bool = True,
) -> None:
    """A KPI from the catalogue as a metric tile, with its change and its definition as help."""
    entry = kpi(name)
    change = entry.format_change(value, before, currency) if before is not None else None
    unchanged = bool(change) and not any(digit in change for digit in "123456789")
    st.metric(
        entry.label,
        entry.format(value, currency, compact=True),
        delta=change or None,
        delta_color="off" if unchanged else "normal" if higher_is_better else "inverse",
        delta_arrow="off" if unchanged else "auto",
        help=entry.definition,
    )


def count_tile(label: str, count: float, help_text: str) -> None:
    """A tile with a plain count (deliverables, invoices, clients)."""
    st.metric(label, format_value("count", count), help=help_text)


def table(frame: pd.DataFrame, currency: str, empty: str = "", **columns: Any) -> Any:
    """A table with the house headings and formats of its columns (`metrics.catalogue`);
    `columns` adds or overrides settings by column name. With no rows, the `empty`
    explanation is shown instead."""
    if empty and frame.empty:
        st.info(empty)
        return None
    config: dict[str, Any] = {}
    for name in frame.columns:
        label, unit = column_spec(name)
        if name in CATALOGUE:
            config.update(kpi_columns([name], currency))
        elif unit in ("date", "month"):
            shown = "D MMM YYYY" if unit == "date" else "MMM YYYY"
            config[name] = st.column_config.DateColumn(label, format=shown)
        elif unit != "text":
            config[name] = st.column_config.NumberColumn(label, format=table_format(unit, currency))
        else:
            config[name] = label
    # A missing value (no budget, no dates) reads as a dash, not Python's "None".
    options = {"hide_index": True, "width": "stretch", "placeholder": "—"}
    for key in ("height", "on_select", "selection_mode", "key"):
        if key in columns:
            options[key] = columns.pop(key)
    return st.dataframe(frame, column_config={**config, **columns}, **options)


def kpi_columns(names: list[str], currency: str) -> dict[str, Any]:
    """Table column settings for KPI columns: catalogue label, format and definition."""
    config = {}
    for name in names:
        entry = kpi(name)
        config[name] = st.column_config.NumberColumn(
            entry.label, help=entry.definition, format=table_format(entry.unit, currency)
        )
    return config


def value(row: pd.Series, name: str, missing: float | None = None) -> float | None:
    """A figure from a totals row; `missing` when the period has none."""
    return missing if row.empty or pd.isna(row.get(name)) else float(row[name])


def change_tile(
    name: str,
    now: pd.Series,
    before: pd.Series,
    currency: str,
    column: str | None = None,
    higher_is_better: bool = True,
    missing: float | None = None,
) -> None:
    """A KPI tile comparing a totals row with the one of the period before."""
    column = column or name
    kpi_tile(
        name,
        value(now, column, missing),
        currency,
        value(before, column, missing),
        higher_is_better,
    )


def band_caption(plan: pd.Series, currency: str) -> None:
    """The forecast's P10–P90 band under its tile."""
    low, high = value(plan, "forecast_low"), value(plan, "forecast_high")
    if low is not None and high is not None:
        entry = kpi("forecast_year")
        st.caption(
            f"P10–P90: {entry.format(low, currency, compact=True)} – "
            f"{entry.format(high, currency, compact=True)}"
        )


def chosen_point(event: Any, axis: str) -> str | None:
    """The category of the first bar clicked in a chart drawn with on_select, if any."""
    points = event.selection.points if event else []
    # Chart labels are HTML-escaped (metrics.charts): the filter takes the name itself.
    return html.unescape(points[0][axis]) if points else None


def chosen_row(event: Any, table: pd.DataFrame, column: str) -> str | None:
    """The `column` value of the row selected in a table drawn with on_select, if any."""
    rows = event.selection.rows if event else []
    return table.iloc[rows[0]][column] if rows else None


def drill(key: str, value: str | None, page: str | None = None) -> None:
    """Narrow a filter to `value` and show the result (on `page` when given)."""
    if value is None:
        return
    st.session_state[key] = value
    if page:
        st.switch_page(page)
    st.rerun()


def start_editor(key: str, frame: pd.DataFrame) -> None:
    """Put `frame` in the data editor `key`, replacing what was typed there."""
    st.session_state[key] = frame.reset_index(drop=True)
    st.session_state[f"{key}__version"] = st.session_state.get(f"{key}__version", 0) + 1


def editor(key: str, **options: Any) -> pd.DataFrame:
    """A data editor (started with `start_editor`) whose edits are kept in session state, so
    they survive reruns, a switch to another view and back, and can be saved."""
    base = st.session_state[key]
    widget = f"{key}__{st.session_state.get(f'{key}__version', 0)}"

    def keep() -> None:
        start_editor(key, _edited(base, st.session_state[widget]))

    return st.data_editor(base, key=widget, on_change=keep, hide_index=True, **options)


def _edited(base: pd.DataFrame, edits: dict[str, Any]) -> pd.DataFrame:
    """A table with a data editor's edits (changed cells, added and deleted rows) applied."""
    frame = base.copy()
    for row, changed in edits.get("edited_rows", {}).items():
        for column, cell in changed.items():
            frame.loc[frame.index[int(row)], column] = cell
    frame = frame.drop(index=frame.index[edits.get("deleted_rows", [])])
    added = pd.DataFrame(edits.get("added_rows", []), columns=frame.columns)
    return pd.concat([frame, added], ignore_index=True) if len(added) else frame


def inputs(prefix: str) -> dict[str, Any]:
    """What was typed into the widgets and editors whose keys start with `prefix`."""
    return {
        key: value
        for key, value in st.session_state.items()
        if str(key).startswith(prefix) and "__" not in str(key)
    }


def restore(values: dict[str, Any]) -> None:
    """Put saved inputs back (call from a button's on_click, before the widgets are drawn)."""
    for key, value in values.items():
        if isinstance(value, pd.DataFrame):
            start_editor(key, value)
        else:
            st.session_state[key] = value


def download(label: str, build: Callable[[], bytes], file_name: str, **options: Any) -> None:
    """A download button that builds its file only when clicked (no rerun afterwards)."""
    st.download_button(
        label,
        data=build,
        file_name=file_name,
        mime=files.MIME_TYPES.get(Path(file_name).suffix),
        on_click="ignore",
        icon=":material/download:",
        **options,
    )


def csv_download(frame: pd.DataFrame, file_name: str, label: str = "Download CSV") -> None:
    """A compact button for a CSV of the frame in which no text can run as a spreadsheet
    formula (the tables' own export is off: it would write such text as it is); none when
    the frame has no rows."""
    if frame.empty:
        return
    download(label, partial(cells.csv_bytes, frame), file_name, type="tertiary")


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
            warehouse(),
            suffix,
            chosen.client,
            chosen.manager,
            chosen.as_of,
            scope=chosen.scope,
        )
        download(f"Weekly status ({kind})", build, files.weekly_name(chosen, suffix))


def monthly_report_download(client: str, chosen: Filters) -> None:
    """The client's monthly report workbook for the last month complete at the as-of date."""
    month = periods.months_back(chosen.as_of + timedelta(days=1), 1)
    download(
        f"Monthly report, {month:%B %Y} (Excel)",
        partial(files.monthly, warehouse(), client, month, scope=chosen.scope),
        files.monthly_name(client, month),
    )


def saved_uploads(files: list[Any], key: str = "upload_folder") -> list[Path]:
    """The uploaded files written under their own names (kept apart when two share one) to
    this session's temporary folder (made on the first upload: a view without one leaves no
    folder behind)."""
    if not files and key not in st.session_state:
        return []
    if key not in st.session_state:
        st.session_state[key] = str(imports.upload_folder())
    folder = Path(st.session_state[key])
    folder.mkdir(exist_ok=True)  # removed if the session sat idle for a day
    paths = []
    for upload, name in zip(files, imports.upload_names([f.name for f in files]), strict=True):
        path = folder / name
        path.write_bytes(upload.getvalue())
        paths.append(path)
    for stale in set(folder.iterdir()) - set(paths):
        stale.unlink()
    return paths


@st.cache_data(max_entries=8, show_spinner="Checking the files with a dry run of the import…")
def _dry_run(
    paths: tuple[str, ...],
    stamp: tuple,
    version: str,
    saved: str,
    date_order: str | None,
    complete: bool,
) -> imports.Preview:
    return imports.preview([Path(p) for p in paths], date_order, complete)


def dry_run(paths: list[Path], date_order: str | None, complete: bool) -> imports.Preview:
    """What importing `paths` would do, cached until the files, the warehouse or the saved
    profiles change."""
    stamp = tuple((p.stat().st_size, p.stat().st_mtime_ns) for p in paths)
    saved = "".join(profile.to_json() for profile in profiles.saved())
    version = str(warehouse().version)
    return _dry_run(tuple(map(str, paths)), stamp, version, saved, date_order, complete)


def after_import(last_before: date | None) -> None:
    """Let the as-of date follow the data to its new last day after an import, unless the user
    had chosen another date."""
    # The widget already ran in this script run: the next run moves it (see sidebar_filters).
    st.session_state["as_of_follows_data"] = st.session_state.get("as_of") == last_before


def team_mode() -> bool:
    """Whether sign-in is configured: an `[auth]` section in .streamlit/secrets.toml."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def signed_in() -> team.Person:
    """Who is using the app: this computer's user in personal mode; in team mode the signed-in
    team member, else a sign-in page, a refusal or a set-up problem, and a stop (never data)."""
    if not team_mode():
        return team.local_person()
    problem = team.auth_problem(st.secrets["auth"])
    if problem:
        st.error(f"Sign-in is not set up correctly: {problem} (.streamlit/secrets.toml).")
        st.stop()
    if not st.user.is_logged_in:
        st.title("Studio Accounts")
        st.write("Sign in with your studio account to see your clients.")
        st.button("Sign in", type="primary", on_click=st.login, icon=":material/login:")
        st.stop()
    try:
        person = team.find(st.user.get("email"))
    except team.TeamError:
        person, refusal = None, "The team list cannot be read right now"
    else:
        refusal = f"{literal(st.user.get('email') or 'This account')} is not on the team yet"
    if person is None:
        st.title("Studio Accounts")
        st.warning(f"{refusal}: ask your director for access.", icon=":material/lock:")
        st.button("Sign out", on_click=st.logout)
        st.stop()
    return person


def account_box(person: team.Person) -> None:
    """Who is signed in, in which role, and the sign-out button (team mode only)."""
    if not team_mode():
        return
    with st.sidebar:
        st.caption(f"Signed in as {literal(person.shown_as)} · {team.ROLES[person.role]}")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:")


def scope_of(person: team.Person) -> Scope:
    """The clients `person` may see: every client for a director or an admin, an account
    manager's own (from the clients data), a viewer's named ones."""
    if person.sees_everything:
        return EVERYONE
    if person.role == team.VIEWER:
        return of_clients(person.clients, person.shown_as)
    if warehouse().empty:
        return of_clients([], person.shown_as)
    return load(queries.manager_scope, person.name)


def scenario_viewer() -> scenarios.Viewer:
    """Whose saved scenarios the what-if page lists: the person's own and the team's shared
    ones, about clients they may see."""
    person = st.session_state.get("person") or team.local_person()
    return scenarios.Viewer(person.email, scope().clients)


def current_person() -> team.Person:
    """Who is using the app: the signed-in team member app.py put in the session, else this
    computer's user (personal mode)."""
    return st.session_state.get("person") or team.local_person()


def share_as_percent(row: pd.Series, name: str) -> float | None:
    """A share from a row as a percentage for an input (None when it has none)."""
    share = value(row, name)
    return None if share is None else round(share * 100, 2)


def plan_editor(chosen: Filters, currency: str) -> None:
    """The chosen client's targets for the as-of date's year in a form, for those who may change
    them (a director or an admin, the client's account manager; nothing for anyone else).
    Saving imports them as a one-row targets file: a new version, in the import history under
    the person's name, undone like any import."""
    client, year, me = chosen.client, chosen.as_of.year, current_person()
    if client is None or not plans.may_plan(me, client):
        return
    if "plan_saved" in st.session_state:
        st.success(st.session_state.pop("plan_saved"), icon=":material/check_circle:")
    section = opened(f"Edit the {year} plan", ":material/edit:", f"plan_open:{client}:{year}")
    if section is None:
        return
    row = load(forecast.client_plan, chosen)  # the Client page's own read: cached once
    with section, st.form(f"plan_editor:{client}:{year}", border=False):
        st.caption("A blank target sets none. Saved as an import: undone on Data health.")
        revenue = st.number_input(
            f"Revenue target ({currency})",
            min_value=0.0,
            value=value(row, "revenue_target"),
            step=1000.0,
            format="%.0f",
        )
        margin = st.number_input(
            "Gross-margin target (%)",
            min_value=0.0,
            max_value=100.0,
            value=share_as_percent(row, "margin_target"),
            step=1.0,
            format="%.1f",
        )
        on_time = st.number_input(
            "On-time target (%)",
            min_value=0.0,
            max_value=100.0,
            value=share_as_percent(row, "on_time_target"),
            step=1.0,
            format="%.1f",
        )
        if st.form_submit_button("Save plan", type="primary", icon=":material/save:"):
            shares = [None if x is None else x / 100 for x in (margin, on_time)]
            save_plan(client, year, revenue, *shares)


def save_plan(
    client: str,
    year: int,
    revenue: float | None,
    margin: float | None,
    on_time: float | None,
) -> None:
    """Save a client's targets for a year, then show every page the new version; or say why
    nothing was saved."""
    last = load(queries.data_span)[1]
    try:
        plans.save_target(client, year, revenue, margin, on_time, by=current_person())
    except (PermissionError, ValueError, imports.ImportFailure) as exc:
        st.error(f"The plan was not saved: {literal(exc)}.")
        return
    after_import(last)
    st.session_state["plan_saved"] = f"Saved the {year} plan for {literal(client)}."
    st.rerun()


# --------------------------------------------------------------------------- the account log

LOG_COLUMNS = ["entry_date", "what", "project_code", "summary", "people", "status",
               "follow_up_text", "author"]  # fmt: skip
LOG_EXPORT = ["entry_date", "what", "client", "project_code", "project", "summary", "people",
              "status", "follow_up", "follow_up_owner", "follow_up_due", "follow_up_done",
              "author", "author_email", "written_at", "version", "id"]  # fmt: skip
NO_PROJECT = ""


def log_author(key: str) -> str:
    """Who writes a log entry: the signed-in member (team mode), else a name typed once and
    remembered for the session (this computer's user name to start with)."""
    me = current_person()
    if me.email:
        st.caption(f"Written as {literal(me.shown_as)}.")
        return me.shown_as
    remembered = st.session_state.get("log_author_name", me.shown_as)
    name = st.text_input("Your name", value=remembered, key=key, max_chars=100)
    st.session_state["log_author_name"] = name
    return name


def _log_saved(message: str) -> None:
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
    me = current_person()
    try:
        if earlier is None:
            logbook.write(entry, by=me, author=author)
        else:
            logbook.revise(earlier["id"], int(earlier["version"]), entry, by=me, author=author)
    except (PermissionError, ValueError) as exc:
        st.error(f"Nothing was written: {literal(exc)}.")
        return
    done = "Added to" if earlier is None else "Changed in"
    _log_saved(f"{done} {literal(entry.client)}'s log.")


def client_log(chosen: Filters, currency: str) -> None:
    """The Client page's account log: a form to log an entry (for those who may write for the
    client), the entries found by text and kind, a CSV of them, and a chosen entry's versions,
    its edit form and quick actions (resolve an issue, a follow-up done)."""
    client, me = chosen.client, current_person()
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
        load, queries.project_choices, replace(chosen, manager=None, service_line=None)
    )
    if writer and (
        section := opened(
            "Log a call, meeting, e-mail, issue…", ":material/edit_note:", f"log_open:{client}"
        )
    ):
        with section:
            form = f"log_new:{client}:{st.session_state.get('log_forms', 0)}"
            entry_form(form, client, projects())
    search, kinds = st.columns([3, 2])
    text = search.text_input(
        "Search the log", key="log_text", placeholder="A word of the summary, people, follow-up"
    )
    chosen_kinds = kinds.multiselect(
        "Kinds", list(account_log.KINDS), key="log_kinds", format_func=account_log.KINDS.get
    )
    entries = load(queries.account_log, chosen, text, tuple(chosen_kinds))
    csv_download(entries[LOG_EXPORT], f"account-log-{file_slug(client)}.csv")
    event = table(
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
    picked = chosen_row(event, entries, "id")
    if picked is None:
        if len(entries):
            st.caption("Select an entry to see its earlier versions, change it or close it.")
        return
    entry = entries[entries["id"] == picked].iloc[0]
    _entry_actions(entry, writer)
    if writer:
        with st.expander("Change this entry", icon=":material/edit:"):
            entry_form(f"log_edit:{picked}:{entry['version']}", client, projects(), entry)
    versions = load(queries.account_log_history, chosen.scope, picked)
    st.caption(f"The entry as written, the latest first ({len(versions)}): earlier text is kept.")
    for version in versions.itertuples():
        with st.container(border=True):
            parts = [f"Version {version.version}", f"{version.written_at:%-d %b %Y, %H:%M}",
                     version.author, f"{version.what} of {version.entry_date:%-d %b %Y}",
                     version.status, version.follow_up_text]  # fmt: skip
            st.caption(" · ".join(literal(part) for part in parts if part))
            st.text(
                version.summary + (f"\nPeople present: {version.people}" if version.people else "")
            )


def _entry_actions(entry: pd.Series, writer: bool) -> None:
    """Buttons that close a chosen entry: resolve an open issue or risk, a follow-up done."""
    if not writer:
        return
    me, author = current_person(), st.session_state.get("log_author_name", "")
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
                    st.error(f"Nothing was written: {literal(exc)}.")
                    return
                _log_saved(message)


def quick_log(chosen: Filters) -> None:
    """The weekly review's "Log a call": a client of the viewer's, a summary, who was there and
    a follow-up; everything else as the Client page's form sets it by default."""
    me = current_person()
    directory = load(queries.client_directory, chosen.scope)
    clients = [c for c in directory["client"] if logbook.may_log(me, c)]
    if "log_saved" in st.session_state:
        st.success(st.session_state.pop("log_saved"), icon=":material/check_circle:")
    if not clients:
        return
    section = opened("Log a call", ":material/call:", "quick_log_open")
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
        follow_up = follow[0].text_input("Follow-up (optional)", max_chars=300)
        owner = follow[1].text_input("Who follows up", max_chars=100)
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
