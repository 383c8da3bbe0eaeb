"""The one Streamlit helper: cached warehouse reads, the shared sidebar filters, KPI tiles and
tables, drill-down, editors, downloads and sign-in. What only some pages show is theirs
(app_pages/parts)."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from actions import scenarios, team
from metrics import account_log, forecast, labels, periods, queries
from metrics.catalogue import (
    CATALOGUE,
    column_spec,
    format_value,
    in_table_unit,
    kpi,
    table_format,
)
from metrics.db import Warehouse, current, shared
from metrics.queries import Filters
from metrics.scope import EVERYONE, NOT_YOURS, Scope, of_clients
from reports import cells, files, markdown

ALL = "All"
BASES = {"earned": "Earned", "billed": "Billed"}


# Every ASCII punctuation mark: Markdown, maths ($), Streamlit's colour and icon directives
# (:red[…], :material/…:) and autolinks are all made of them, and a backslash keeps any one
# of them a plain character.
MARKDOWN_MARKS = re.compile(f"([{re.escape(string.punctuation)}])")


def literal(text: object) -> str:
    """Text from the data or a user (a client, a file name, a message quoting them) as it is,
    where Streamlit renders Markdown: never bold, a link, maths, an icon or markup."""
    return MARKDOWN_MARKS.sub(r"\\\1", markdown.unlinked(str(text)))


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


def choose(
    label: str, options: list[str], key: str, default: str | None = None, **extra: Any
) -> str:
    """A select box bound to the URL (unless `bind=None`), starting on `default` when offered;
    a value no longer offered falls back to the first."""
    if st.session_state.get(key) not in (None, *options):
        del st.session_state[key]
    if default in options and key not in st.session_state:
        extra["index"] = options.index(default)
    return st.selectbox(label, options, key=key, **{"bind": "query-params", **extra})


def choose_labelled(
    label: str, labels: dict[str, str], key: str, default: str | None = None
) -> str:
    """A select box of codes shown by their labels, with the code (not the label) in the URL;
    `default` (else the first) when neither the session nor the link asks for one."""
    # Streamlit's own binding would put the label in the URL, so the code is synced by hand.
    wanted = asked(key)
    if wanted not in labels:
        wanted = default if default in labels else next(iter(labels))
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


# Pages about the data itself (imports, its health, the team): the filters do not narrow them.
PAGES_WITHOUT_FILTERS = {"import", "data-health", "team"}


def sidebar_filters(applies: bool = True) -> Filters | None:
    """Draw the shared filters (bound to the URL) and return them; None when there is no data.
    Only the viewer's clients are offered; a link to another client is refused with a warning.
    On a page they do not narrow (`applies` false) they are greyed out, keeping their values."""
    if warehouse().empty:
        return None
    first, last = load(queries.data_span)
    if last is None:
        return None
    viewer = scope()
    directory = load(queries.client_directory, viewer)
    if st.session_state.pop("as_of_follows_data", False):
        st.session_state["as_of"] = last
    off = {"disabled": not applies}
    with st.sidebar:
        if not applies:
            st.caption("The filters below do not apply to this page.")
        as_of = st.date_input(
            "As of",
            value=last,
            min_value=first,
            max_value=last,
            key="as_of",
            bind="query-params",
            **off,
        )
        preset = choose("Period", list(periods.PRESETS), "period", **off)
        start, end = periods.resolve(preset, as_of)
        if preset == "Custom":
            chosen = st.date_input(
                "From – to",
                value=(start, end),
                min_value=first,
                max_value=as_of,
                key="range",
                **off,
            )
            if isinstance(chosen, tuple) and len(chosen) == 2:
                start, end = chosen
        managers = [ALL, *sorted(directory["account_manager"].dropna().unique())]
        manager = choose("Account manager", managers, "manager", **off)
        mine = directory if manager == ALL else directory[directory["account_manager"] == manager]
        refused = asked_outside_scope("client", list(directory["client"]))
        st.session_state["refused_client"] = refused
        if refused:
            not_yours()
            st.session_state.pop("client", None)
            st.query_params.pop("client", None)
        client = choose("Client", [ALL, *mine["client"]], "client", **off)
        lines = sorted({line for lines in mine["service_lines"].dropna() for line in lines})
        service_line = choose("Service line", [ALL, *lines], "service_line", **off)
        # Labels as options: with a format_func the URL would hold the label anyway.
        basis = st.segmented_control(
            "Revenue basis",
            list(BASES.values()),
            default=BASES["earned"],
            key="basis",
            bind="query-params",
            help="Earned: work done (time, fixed fees spread over the schedule, retainers by "
            "month). Billed: invoices by issue date.",
            **off,
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
        calendar_step=periods.calendar_step(preset, start, end),
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
    frame = frame.assign(**{n: in_table_unit(column_spec(n)[1], frame[n]) for n in frame.columns})
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


def money_column(label: str, currency: str) -> Any:
    """Table column settings for an amount under a heading of the page's own."""
    return st.column_config.NumberColumn(label, format=table_format("money", currency))


def value(row: pd.Series, name: str, missing: float | None = None) -> float | None:
    """A figure from a totals row; `missing` when the period has none."""
    return missing if row.empty or pd.isna(row.get(name)) else float(row[name])


def change_tile(
    name: str,
    now: pd.Series,
    before: pd.Series | None,
    currency: str,
    column: str | None = None,
    higher_is_better: bool = True,
    missing: float | None = None,
) -> None:
    """A KPI tile comparing a totals row with the one of the period before (none when that one
    is not known)."""
    column = column or name
    kpi_tile(
        name,
        value(now, column, missing),
        currency,
        None if before is None else value(before, column, missing),
        higher_is_better,
    )


def on_time_tile(now: pd.Series, before: pd.Series | None, currency: str) -> None:
    """The on-time rate as a tile, with how many deliverables it counts (a rate of 3 reads
    as much as one of 300)."""
    change_tile("on_time_rate", now, before, currency)
    delivered = int(value(now, "deliverables_delivered", 0.0) or 0)
    if delivered:
        on_time = int(value(now, "deliverables_on_time", 0.0) or 0)
        st.caption(f"{on_time:,} of {delivered:,} delivered on time")


def balance_tile(name: str, chosen: Filters, currency: str) -> None:
    """The outstanding or overdue balance at the end of the period as a tile, with its change
    on the end of the period before when both are known (see `balances_note`)."""
    before = chosen.previous()
    _, owed = load(queries.receivables, chosen)
    if name in load(queries.unknown_balances, chosen):
        # Payments of unknown date are counted as received: the figure is what was owed at least.
        entry, least = kpi(name), value(owed, name, 0.0) or 0.0
        shown = f"At least {entry.format(least, currency, compact=True)}" if least else "Not known"
        st.metric(entry.label, shown, help=entry.definition)
        return
    unknown_before = name in load(queries.unknown_balances, before)
    before_row = None if unknown_before else load(queries.receivables, before)[1]
    change_tile(name, owed, before_row, currency, higher_is_better=False, missing=0.0)


def nothing_unpaid(chosen: Filters) -> None:
    """What an empty list of unpaid invoices means: nothing unpaid, or not known (payments of
    unknown date counted as received by the end of the period)."""
    if "outstanding" in load(queries.unknown_balances, chosen):
        st.info(
            f"What was owed on {chosen.end:%-d %b %Y} is not known: {labels.UNDATED_PAYMENTS}. "
            "A period ending on the last day with data shows what is owed."
        )
    else:
        st.success("Nothing is unpaid.")


def balances_note(chosen: Filters, shown: tuple[str, ...] = ("outstanding", "overdue")) -> None:
    """Under the tiles of the balances `shown`: which count payments as received without
    knowing when, and which are not compared with the end of the period before, and why."""
    end, before = chosen.end, chosen.previous().end
    now = [n for n in shown if n in load(queries.unknown_balances, chosen)]
    then = [n for n in shown if n in load(queries.unknown_balances, chosen.previous())]
    uncompared = [n for n in shown if n in then and n not in now]
    if not now and not uncompared:
        return
    said = []
    if now:  # the period's own balances count undated payments as received: a least figure
        counts, shows = ("counts", "it shows") if len(now) == 1 else ("count", "they show")
        said.append(
            f"{_named(now)} on {end:%-d %b %Y} {counts} every payment as received by then, so "
            f"{shows} what was owed at least"
        )
    if uncompared:
        verb = "is" if len(uncompared) == 1 else "are"
        said.append(f"{_named(uncompared)} {verb} not compared with {before:%-d %b %Y}")
    then_only = "" if now else ", so what was owed then is not known"
    st.caption(f"{'; '.join(said)}: {labels.UNDATED_PAYMENTS}{then_only}.")


def _named(names: list[str]) -> str:
    """KPI labels as a phrase: 'Outstanding and overdue'."""
    words = [kpi(name).label for name in names]
    return " and ".join([words[0], *(word.lower() for word in words[1:])])


def plan_heading(title: str, as_of: date) -> int:
    """A section heading `title` (with `{year}` in it) for the year whose plans it shows: the
    as-of date's; in December a choice, beside it, of that or the next, whose plans are set
    then. The year chosen."""
    heading, pick = st.columns([3, 1], vertical_alignment="bottom")
    years = forecast.plan_years(as_of)
    with pick:
        chosen = len(years) > 1 and st.segmented_control(
            "Plan year",
            years,
            default=years[0],
            key="plan_year",
            required=True,
            help="In December the forecast runs to the end of next year: its plans can be set "
            "and compared with it.",
        )
    year = chosen or years[0]
    heading.subheader(title.format(year=year))
    return year


def band_caption(plan: pd.Series, currency: str) -> None:
    """The forecast's P10–P90 band under its tile, as its likely range."""
    low, high = value(plan, "forecast_low"), value(plan, "forecast_high")
    if low is not None and high is not None:
        entry = kpi("forecast_year")
        st.caption(
            f"Likely range: {entry.format(low, currency, compact=True)} – "
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
    """A download button that builds its file only when clicked (no rerun afterwards), and only
    for a team member whose access has not changed since the page was drawn."""
    st.download_button(
        label,
        data=partial(_built_for, current_person(), scope(), build) if team_mode() else build,
        file_name=file_name,
        mime=files.MIME_TYPES.get(Path(file_name).suffix),
        on_click="ignore",
        icon=":material/download:",
        **options,
    )


def _built_for(person: team.Person, seen: Scope, build: Callable[[], bytes]) -> bytes:
    """`build()`, unless `person` has left the team, or their role or their clients (`seen`
    when the page was drawn; a manager's change with an import) changed since: a click does not
    rerun the page, so a tab left open would go on building reports of clients no longer
    theirs (Streamlit says the file could not be made)."""
    if team.find(person.email) != person or scope_of(person).clients != seen.clients:
        raise PermissionError(f"{person.email}'s access changed since the page was drawn")
    return build()


def csv_download(frame: pd.DataFrame, file_name: str, label: str = "Download CSV") -> None:
    """A compact button for a CSV of the frame in which no text can run as a spreadsheet
    formula (the tables' own export is off: it would write such text as it is); none when
    the frame has no rows."""
    if frame.empty:
        return
    download(label, partial(cells.csv_bytes, frame), file_name, type="tertiary")


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
    # The team is keyed on e-mail: an address the provider says it has not verified could be
    # anyone's (a provider that lets people type one), so it is nobody's.
    unverified = str(st.user.get("email_verified", "")).lower() == "false"
    try:
        person = None if unverified else team.find(st.user.get("email"))
    except team.TeamError:
        person, refusal = None, "The team list cannot be read right now"
    else:
        refusal = f"{literal(st.user.get('email') or 'This account')} is not on the team yet"
    if unverified:
        refusal = "Your sign-in provider has not verified this e-mail address"
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
