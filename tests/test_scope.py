"""The viewer's scope, enforced below the pages (issue 17, item 3): every query function takes it,
its SQL applies it, and a manager's answers, reports, downloads and pages mention no client of
another manager — not even through a link that names one.

The hand-made studio has two clients, Acme Corporation (Maya Patel: P-1, P-2) and Birch & Co
(Tom Becker: P-3); the demo studio has 30 clients, six for each of five managers."""

from __future__ import annotations

import dataclasses
import html
import inspect
import io
import json
import re
import types
import typing
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import unquote_plus

import openpyxl
import pandas as pd
import pytest
from google.protobuf import text_format
from pptx import Presentation
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from demo.spec import MANAGERS
from metrics import forecast, periods, queries
from metrics.db import QUERIES, Warehouse, current
from metrics.queries import Filters
from metrics.scope import EVERYONE, NOT_YOURS, Scope, of_clients
from reports import content, files
from reports import scope as subject
from reports.scope import ReportError
from studio import DEMO_AS_OF, ROOT, query, shown

APP = str(ROOT / "app.py")
STUDIO_AS_OF = date(2026, 3, 2)
# Every page a manager may open. The Team page lists the team, not client data; the director's.
PAGES = sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "app_pages").glob("*.py") if p.name != "team.py"
)
WHATIF_MODES = ["New quote", "Project re-plan", "Client year"]


# --------------------------------------------------------------------------- finding names


def texts(answer: object) -> Iterator[str]:
    """Every text an answer holds: cells, labels, keys, values, fields of dataclasses."""
    if isinstance(answer, pd.DataFrame):
        yield answer.to_csv()
        yield " ".join(map(str, answer.index))
    elif isinstance(answer, pd.Series):
        yield answer.to_csv()
    elif dataclasses.is_dataclass(answer) and not isinstance(answer, type):
        for field in dataclasses.fields(answer):
            yield from texts(getattr(answer, field.name))
    elif isinstance(answer, dict):
        for key, value in answer.items():
            yield from texts(key)
            yield from texts(value)
    elif isinstance(answer, (list, tuple, set)):
        for item in answer:
            yield from texts(item)
    else:
        yield str(answer)


def readings(text: str) -> list[str]:
    """The text as a reader may meet a name in it: as is, with the app's Markdown escapes and
    the charts' HTML escapes undone, and as a link's query string decodes."""
    plain = html.unescape(shown(text))
    return [text, plain, unquote_plus(plain)]


def mentioned(text: str, names: list[str], codes: list[str] = ()) -> list[str]:
    """The client `names` and project `codes` (whole words of letters, digits and dashes) that
    occur in `text`."""
    found = set()
    for reading in readings(text):
        found |= {name for name in names if name in reading}
        found |= set(re.findall(r"[\w-]+", reading)) & set(codes)
    return sorted(found)


@dataclasses.dataclass(frozen=True)
class Portfolio:
    """A manager's scope in a warehouse, and what of the studio lies outside it."""

    warehouse: Warehouse
    scope: Scope
    filters: Filters
    own_client: str
    own_project: str
    own_line: str
    other_client: str
    other_project: str
    other_manager: str
    others: list[str]  # the other managers' clients
    other_codes: list[str]  # their projects' codes


def portfolio(pointer: Path, manager: str, as_of: date) -> Portfolio:
    """`manager`'s portfolio in the warehouse at `pointer`, with the last 4 weeks to `as_of`."""
    warehouse = current(str(pointer))
    scope = queries.manager_scope(warehouse, manager)
    projects = query(
        pointer,
        "SELECT p.project_code, p.client, p.service_line, c.account_manager FROM projects p "
        "JOIN clients c USING (client) ORDER BY p.start_date DESC, p.project_code",
    )
    assert all(re.fullmatch(r"[\w-]+", p[0]) for p in projects)  # as `mentioned` finds codes
    own = [p for p in projects if scope.allows(p[1])]
    other = [p for p in projects if not scope.allows(p[1])]
    everyone = queries.client_directory(warehouse, EVERYONE)
    start, end = periods.resolve("Last 4 weeks", as_of)
    return Portfolio(
        warehouse=warehouse,
        scope=scope,
        filters=Filters(start=start, end=end, as_of=as_of, scope=scope),
        own_client=own[0][1],
        own_project=own[0][0],
        own_line=own[0][2],
        other_client=other[0][1],
        other_project=other[0][0],
        other_manager=other[0][3],
        others=[c for c in everyone["client"] if not scope.allows(c)],
        other_codes=[p[0] for p in other],
    )


@pytest.fixture(scope="module", params=["Maya Patel", "Tom Becker"])
def studio_manager(request, studio_db) -> Portfolio:
    return portfolio(studio_db, request.param, STUDIO_AS_OF)


@pytest.fixture(scope="module", params=MANAGERS)
def demo_manager(request, demo_db) -> Portfolio:
    return portfolio(demo_db, request.param, DEMO_AS_OF)


# --------------------------------------------------------------------------- the signatures


def query_functions(module: types.ModuleType) -> dict[str, Callable]:
    """The public functions defined in `module` whose first argument is a warehouse."""
    found = {}
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if name.startswith("_") or function.__module__ != module.__name__:
            continue
        hints = typing.get_type_hints(function)
        first = next(iter(inspect.signature(function).parameters), None)
        if first is not None and hints.get(first) is Warehouse:
            found[name] = function
    return found


def unscoped(module: types.ModuleType, exempt: dict[str, str]) -> list[str]:
    """The query functions of `module` that do not take the viewer's scope right after the
    warehouse, as `filters: Filters` or `scope: Scope` with no default (a default would let a
    caller forget it), and are not `exempt`."""
    problems = []
    for name, function in query_functions(module).items():
        if name in exempt:
            continue
        parameters = list(inspect.signature(function).parameters.values())
        hints = typing.get_type_hints(function)
        second = parameters[1] if len(parameters) > 1 else None
        takes = second is not None and (
            (second.name, hints.get(second.name)) in (("filters", Filters), ("scope", Scope))
        )
        if not takes or second.default is not inspect.Parameter.empty:
            problems.append(name)
    return problems


def test_every_query_function_takes_the_scope():
    assert len(query_functions(queries)) > 50
    assert unscoped(queries, queries.NOT_CLIENT_DATA) == []
    assert len(query_functions(forecast)) >= 4
    assert unscoped(forecast, {}) == []
    # The exemptions are real functions, each with its reason.
    assert set(queries.NOT_CLIENT_DATA) <= set(query_functions(queries))


def test_the_check_fails_on_a_query_function_without_the_scope():
    planted = types.ModuleType("planted")
    source = """
from __future__ import annotations
from metrics.db import Warehouse
from metrics.queries import Filters
from metrics.scope import EVERYONE, Scope

def by_filters(warehouse: Warehouse, filters: Filters) -> None: ...
def by_scope(warehouse: Warehouse, scope: Scope, client: str) -> None: ...
def no_scope(warehouse: Warehouse, client: str) -> None: ...
def scope_later(warehouse: Warehouse, client: str, scope: Scope) -> None: ...
def forgettable(warehouse: Warehouse, scope: Scope = EVERYONE) -> None: ...
def wrong_type(warehouse: Warehouse, scope: str) -> None: ...
def studio_wide(warehouse: Warehouse) -> None: ...
def helper(rows: list) -> None: ...
"""
    exec(compile(source, "planted", "exec"), planted.__dict__)
    for function in vars(planted).values():
        if inspect.isfunction(function):
            function.__module__ = "planted"
    assert unscoped(planted, {"studio_wide": "why"}) == [
        "forgettable", "no_scope", "scope_later", "wrong_type"
    ]  # fmt: skip


# Query files that do not bind $visible, and why none of them answers with a client's data.
UNSCOPED_SQL = {
    "data_span": "the first and last dates with data",
    "reporting_currency": "a setting",
    "rate_card_now": "the studio's rates per role and person",
    "managed_clients": "makes a manager's scope",
    "retention": "revenue_retention sums client_ttm, which applies the scope (variable visible)",
    # The import's records: queries.import_records empties them for a narrower scope (the
    # import preview runs the same files on its dry-run copy, before any scope exists).
    "data_problems": "import record",
    "time_gaps": "import record",
    "source_freshness": "import record",
    "rejects": "import record",
    "skipped_rows": "import record",
    "unmatched_names": "import record",
    "import_history": "import record",
    "last_reconciliation": "import record",
    "import_preview_rows": "the import preview's dry run, never the warehouse",
}


def test_every_query_file_applies_the_scope():
    for path in sorted(QUERIES.glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        if path.stem in UNSCOPED_SQL:
            assert "$visible" not in sql, path.name
            continue
        assert "$visible" in sql, f"{path.name} does not apply the viewer's scope"
    assert set(UNSCOPED_SQL) <= {p.stem for p in QUERIES.glob("*.sql")}


# --------------------------------------------------------------------------- the scope itself


def test_a_managers_scope_is_the_clients_they_manage(studio_db):
    warehouse = current(str(studio_db))
    maya = queries.manager_scope(warehouse, "Maya Patel")
    assert maya == Scope(clients=("Acme Corporation",), name="Maya Patel")
    # Spelt as the data spells it, whatever the case and spaces of the name asked for.
    assert queries.manager_scope(warehouse, "  tom BECKER ") == of_clients(
        ["Birch & Co"], "Tom Becker"
    )
    # A name that manages nothing sees nothing — never everything.
    nobody = queries.manager_scope(warehouse, "Ada Lovelace")
    assert nobody.clients == () and not nobody.allows("Acme Corporation")
    assert EVERYONE.allows("Birch & Co") and EVERYONE.params() == {"visible": None}
    assert maya.params() == {"visible": ["Acme Corporation"]}
    assert not maya.allows("Birch & Co") and not maya.allows(None)
    assert (maya.label, maya.among) == ("Maya Patel's clients", "Maya Patel's clients")
    assert (EVERYONE.label, EVERYONE.among) == ("All clients", "the whole studio")


def test_the_demo_managers_split_the_clients(demo_db):
    warehouse = current(str(demo_db))
    scopes = [queries.manager_scope(warehouse, manager) for manager in MANAGERS]
    clients = [client for scope in scopes for client in scope.clients]
    assert [len(scope.clients) for scope in scopes] == [6, 6, 6, 6, 6]
    assert sorted(clients) == sorted(queries.client_directory(warehouse, EVERYONE)["client"])


def test_the_portfolios_add_up_to_the_studio(demo_db):
    """A manager's figures are their clients' own: the five portfolios sum to the studio."""
    warehouse = current(str(demo_db))
    start, end = periods.resolve("Last 4 weeks", DEMO_AS_OF)
    studio = Filters(start=start, end=end, as_of=DEMO_AS_OF)
    each = [
        replace(studio, scope=queries.manager_scope(warehouse, manager)) for manager in MANAGERS
    ]
    _, total = queries.client_period(warehouse, studio)
    parts = [queries.client_period(warehouse, f)[1]["revenue"] for f in each]
    assert sum(parts) == pytest.approx(total["revenue"])
    owed = [queries.receivables(warehouse, f)[1].get("outstanding", 0.0) for f in each]
    assert sum(owed) == pytest.approx(queries.receivables(warehouse, studio)[1]["outstanding"])
    for f in each:
        # Shares are of the portfolio's revenue, so they add up to all of it.
        growth = queries.growth(warehouse, f)
        assert growth["share_pct"].sum() == pytest.approx(1.0)
        assert set(growth["client"]) <= set(f.scope.clients)
        kept = queries.retention(warehouse, f)
        assert kept["prior_clients"] <= 6
    retained = sum(queries.retention(warehouse, f)["retained_revenue"] for f in each)
    assert retained == pytest.approx(queries.retention(warehouse, studio)["retained_revenue"])
    # The director's manager filter still measures that manager's clients against the studio.
    filtered = queries.growth(warehouse, replace(studio, manager=MANAGERS[0]))
    assert filtered["share_pct"].sum() < 1.0


# --------------------------------------------------------------------------- every answer


def call(function: Callable, values: dict[str, object]) -> object:
    """`function` called with the `values` its parameters are named after (defaults kept)."""
    arguments = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name in values:
            arguments[name] = values[name]
        elif parameter.default is inspect.Parameter.empty:
            raise AssertionError(f"{function.__name__}: the test has no value for {name!r}")
    return function(**arguments)


def answers(mine: Portfolio) -> Iterator[tuple[str, object]]:
    """Every query function's answer for the manager: with their client, project and filters,
    and with another manager's client, project and name asked for in their place."""
    as_of = mine.filters.as_of
    own = {
        "warehouse": mine.warehouse,
        "filters": mine.filters,
        "scope": mine.scope,
        "as_of": as_of,
        "month": periods.months_back(as_of, 1),
        "currency": "EUR",
        "delivered": False,
        "manager": mine.scope.name,
        "client": mine.own_client,
        "project": mine.own_project,
        "service_line": mine.own_line,
        "replan": True,
        "entry": "an-entry-id",  # of the account log (tests/test_account_log.py writes some)
    }
    asking_for_others = {
        **own,
        "filters": replace(mine.filters, client=mine.other_client),
        "client": mine.other_client,
        "project": mine.other_project,
    }
    other_manager = {**own, "filters": replace(mine.filters, manager=mine.other_manager)}
    for name, function in query_functions(queries).items():
        if name == "manager_scope":
            continue  # makes the scope from a name: checked above
        for label, values in (
            ("own", own),
            ("others", asking_for_others),
            ("manager", other_manager),
        ):
            if name == "project_terms":
                for replan in (True, False):
                    try:
                        yield (
                            f"{name}/{label}/{replan}",
                            call(function, {**values, "replan": replan}),
                        )
                    except LookupError:  # a project outside the scope: not found, nothing said
                        assert label == "others" or not mine.scope.clients
            else:
                yield f"{name}/{label}", call(function, values)


def check_answers(mine: Portfolio) -> None:
    seen = ""
    for what, answer in answers(mine):
        text = "\n".join(texts(answer))
        assert mentioned(text, mine.others, mine.other_codes) == [], what
        seen += text
    # Not vacuous: the manager's own client and project are in the answers.
    assert mine.own_client in seen and mine.own_project in seen


def test_no_answer_mentions_another_managers_client_in_the_studio(studio_manager):
    check_answers(studio_manager)


def test_no_answer_mentions_another_managers_client_in_the_demo(demo_manager):
    check_answers(demo_manager)


def test_another_managers_client_or_project_has_no_figures(studio_manager):
    mine = studio_manager
    w, scope, as_of = mine.warehouse, mine.scope, mine.filters.as_of
    assert queries.project_detail(w, scope, mine.other_project, as_of).empty
    for read in (queries.project_burn, queries.project_hours, queries.project_entries,
                 queries.project_invoices, queries.project_deliverables):  # fmt: skip
        assert read(w, scope, mine.other_project, as_of).empty, read.__name__
    assert queries.client_month_row(w, scope, mine.other_client, date(2026, 2, 1), as_of).empty
    plan, uncosted = queries.client_year(w, scope, mine.other_client, as_of)
    assert (plan.lines, plan.fee, plan.expenses, uncosted) == ((), 0.0, 0.0, 0.0)
    with pytest.raises(LookupError):
        queries.project_terms(w, scope, mine.other_project, as_of, True)
    asked = replace(mine.filters, client=mine.other_client)
    _, total = queries.client_period(w, asked)
    assert total.empty
    assert queries.project_choices(w, asked) == {}
    # The director sees the same project in full.
    assert not queries.project_detail(w, EVERYONE, mine.other_project, as_of).empty


def test_a_scope_without_clients_sees_nothing(studio_db):
    maya = portfolio(studio_db, "Maya Patel", STUDIO_AS_OF)
    none = of_clients([], "Ada Lovelace")
    nobody = replace(
        maya,
        scope=none,
        filters=replace(maya.filters, scope=none),
        others=["Acme Corporation", "Birch & Co"],
        other_codes=["P-1", "P-2", "P-3"],
    )
    for what, answer in answers(nobody):
        assert mentioned("\n".join(texts(answer)), nobody.others, nobody.other_codes) == [], what


def test_the_history_of_similar_projects_is_the_managers_clients(studio_db):
    warehouse = current(str(studio_db))
    tom = queries.manager_scope(warehouse, "Tom Becker")
    maya = queries.manager_scope(warehouse, "Maya Patel")
    # P-2 (Acme's, delivered) is the studio's only history; Tom has none, Maya learns from it.
    assert queries.overrun_history(warehouse, tom, STUDIO_AS_OF, "Birch & Co", "Design").empty
    mine = queries.overrun_history(warehouse, maya, STUDIO_AS_OF, "Acme Corporation", "Design")
    assert mine[["project_code", "scope"]].values.tolist() == [["P-2", "your clients"]]


# --------------------------------------------------------------------------- reports


def deck_text(data: bytes) -> str:
    """Every text of a PowerPoint deck: text frames, tables, chart categories and series."""
    parts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                plot = shape.chart.plots[0]
                parts += [str(c) for c in plot.categories]
                parts += [s.name for s in plot.series]
    # Anything else in the package (notes, chart workbooks' shared strings) as raw XML.
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts += [package.read(n).decode("utf-8", "replace") for n in package.namelist()
                  if n.endswith(".xml")]  # fmt: skip
    return "\n".join(parts)


def workbook_text(data: bytes) -> str:
    """Every cell of every sheet of a workbook, and the sheet names."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(
        [*book.sheetnames]
        + [str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row]
    )


def file_text(name: str, data: bytes) -> str:
    """The text of a downloaded or written file by its kind (a PDF: the names it embeds)."""
    suffix = Path(name).suffix
    if suffix == ".pptx":
        return deck_text(data)
    if suffix == ".xlsx":
        return workbook_text(data)
    if suffix == ".pdf":
        # The PDF lays out the same content as the Markdown (checked below); its text is
        # drawn in an embedded font, so only its uncompressed bytes can be read here.
        return data.decode("latin-1")
    return data.decode("utf-8")


def check_reports(mine: Portfolio) -> None:
    w, scope, as_of = mine.warehouse, mine.scope, mine.filters.as_of
    month = periods.months_back(as_of, 1)
    made = {}
    for client, manager in ((mine.own_client, None), (None, scope.name), (None, None)):
        for suffix in files.WEEKLY_FORMATS:
            data = files.weekly(w, suffix, client, manager, as_of, scope=scope)
            made[f"weekly {client} {manager}{suffix}"] = data
        # What the deck, the Markdown and the PDF lay out.
        report = content.weekly(w, subject.weekly_filters(w, client, manager, as_of, scope))
        made[f"content {client} {manager}.txt"] = "\n".join(texts(report)).encode()
    made["monthly.xlsx"] = files.monthly(w, mine.own_client, month, scope=scope)
    for name, data in made.items():
        assert mentioned(file_text(name, data), mine.others, mine.other_codes) == [], name
    assert mine.own_client in made[f"weekly {mine.own_client} None.md"].decode()
    assert mine.own_client in workbook_text(made["monthly.xlsx"])


def test_a_managers_reports_mention_no_other_client_in_the_studio(studio_manager):
    check_reports(studio_manager)


def test_a_managers_reports_mention_no_other_client_in_the_demo(demo_manager):
    check_reports(demo_manager)


def test_a_report_on_another_managers_client_is_refused(studio_manager):
    mine = studio_manager
    w, scope, as_of = mine.warehouse, mine.scope, mine.filters.as_of
    expected = f"{mine.other_client!r} is not one of your clients: ask your director for access."
    with pytest.raises(ReportError, match=re.escape(expected)):
        files.weekly(w, ".md", client=mine.other_client, as_of=as_of, scope=scope)
    with pytest.raises(ReportError, match=re.escape(expected)):
        files.monthly(w, mine.other_client, date(2026, 2, 1), scope=scope)
    # A client that does not exist gets the same answer: the message confirms nothing.
    with pytest.raises(ReportError, match=re.escape("'Zenith' is not one of your clients")):
        files.weekly(w, ".md", client="Zenith", as_of=as_of, scope=scope)
    with pytest.raises(
        ReportError, match=re.escape(f"{mine.other_manager!r} manages none of your")
    ):
        files.weekly(w, ".md", manager=mine.other_manager, as_of=as_of, scope=scope)
    # Close names suggested are the manager's own, in any case.
    with pytest.raises(ReportError) as error:
        files.weekly(w, ".md", client=mine.own_client[:4].lower(), as_of=as_of, scope=scope)
    assert f"Did you mean {mine.own_client!r}?" in str(error.value)
    assert mentioned(str(error.value), mine.others) == []


def test_the_command_line_reports_on_every_client(studio_db, tmp_path):
    """python -m reports is run by whoever holds the warehouse file: it sees every client."""
    from reports.__main__ import main

    out = tmp_path / "birch.md"
    args = ["weekly", "--db", str(studio_db), "--client", "Birch & Co", "--as-of", "2026-03-02"]
    assert main([*args, "--out", str(out)]) == 0
    assert "Birch & Co" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the pages


def run_as(
    pointer: Path, monkeypatch: pytest.MonkeyPatch, scope: Scope, page: str, **params: str
) -> AppTest:
    """The app on the warehouse at `pointer` for a viewer with `scope` (as sign-in leaves it in
    the session), opened on `page` with the URL query parameters `params`."""
    monkeypatch.setenv("STUDIO_DB", str(pointer))
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    app.session_state["scope"] = scope
    app.switch_page(page)
    return app.run()


def rendered(app: AppTest) -> str:
    """Everything the app drew: every element's text and settings (Markdown, titles, metrics,
    select box options, …), every table's cells and every chart's figure."""
    parts = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        if isinstance(node, Dataframe):
            parts.append(node.value.to_csv())
        if getattr(node, "type", None) == "plotly_chart":
            parts.append(json.dumps(json.loads(proto.spec), ensure_ascii=False))
    return "\n".join(parts)


def warnings(app: AppTest) -> list[str]:
    return [w.value for w in app.warning]


def check_page(app: AppTest, mine: Portfolio, what: str) -> str:
    assert not app.exception, (what, app.exception)
    text = rendered(app)
    assert mentioned(text, mine.others, mine.other_codes) == [], what
    return text


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_a_manager_only_their_clients(studio_db, monkeypatch, page):
    for manager in ("Maya Patel", "Tom Becker"):
        mine = portfolio(studio_db, manager, STUDIO_AS_OF)
        app = run_as(studio_db, monkeypatch, mine.scope, page)
        check_page(app, mine, f"{manager} {page}")
        assert NOT_YOURS not in warnings(app)
        client = app.selectbox(key="client")
        assert client.options == ["All", mine.own_client]
        assert app.selectbox(key="manager").options == ["All", manager]


@pytest.mark.parametrize("page", PAGES)
def test_a_link_to_another_managers_client_is_refused(studio_db, monkeypatch, page):
    mine = portfolio(studio_db, "Maya Patel", STUDIO_AS_OF)
    app = run_as(studio_db, monkeypatch, mine.scope, page, client="Birch & Co")
    check_page(app, mine, page)
    assert NOT_YOURS in warnings(app)
    assert app.selectbox(key="client").value == "All"
    assert "client" not in app.query_params
    if page == "app_pages/client.py":
        assert [t.value for t in app.title] == ["Client"] and not app.metric


@pytest.mark.parametrize("page", ["app_pages/project.py", "app_pages/whatif.py"])
def test_a_link_to_another_managers_project_is_refused(studio_db, monkeypatch, page):
    mine = portfolio(studio_db, "Maya Patel", STUDIO_AS_OF)
    app = run_as(studio_db, monkeypatch, mine.scope, page, project="P-3")
    check_page(app, mine, page)
    if page == "app_pages/project.py":
        assert warnings(app) == [NOT_YOURS]
        # Her open project (P-2 was delivered) the page opens on.
        assert shown(app.title[0].value) == "P-1 · Brand refresh"
        assert app.query_params["project"] == "P-1"
    # Her own project, outside the chosen client, is not refused: only filtered out.
    app = run_as(studio_db, monkeypatch, mine.scope, "app_pages/project.py", project="P-1")
    assert warnings(app) == [] and shown(app.title[0].value) == "P-1 · Brand refresh"


def test_without_a_scope_a_link_to_any_client_works_as_before(studio_db, monkeypatch):
    app = run_as(studio_db, monkeypatch, EVERYONE, "app_pages/client.py", client="Birch & Co")
    assert warnings(app) == [] and app.title[0].value == "Birch \\& Co"
    app = run_as(studio_db, monkeypatch, EVERYONE, "app_pages/project.py", project="P-3")
    assert warnings(app) == [] and shown(app.title[0].value) == "P-3 · Monthly retouching"


def test_the_growth_page_says_what_its_studio_figures_are_of(studio_db, monkeypatch):
    mine = portfolio(studio_db, "Tom Becker", STUDIO_AS_OF)
    app = run_as(studio_db, monkeypatch, mine.scope, "app_pages/growth.py")
    captions = [c.value for c in app.caption]
    assert any(
        "retention (with new and lost clients), concentration and the forecast's accuracy are "
        "for Tom Becker's clients" in c
        for c in captions
    )
    # Birch is all of Tom's revenue.
    assert {m.label: m.value for m in app.metric}["Largest client's share"] == "100.0%"


def test_a_demo_manager_sees_only_their_clients_everywhere(demo_db, monkeypatch, downloads):
    """The acceptance test: a demo account manager on every page, every what-if view, every
    download and deep links to another manager's client and project."""
    mine = portfolio(demo_db, MANAGERS[2], DEMO_AS_OF)
    seen = ""
    for page in PAGES:
        seen += check_page(run_as(demo_db, monkeypatch, mine.scope, page), mine, page)
    for mode in WHATIF_MODES:
        app = run_as(demo_db, monkeypatch, mine.scope, "app_pages/whatif.py", whatif=mode)
        seen += check_page(app, mine, mode)
    # A quote from one of the manager's past projects: its figures and how jobs like it overran.
    app = run_as(demo_db, monkeypatch, mine.scope, "app_pages/whatif.py", whatif="New quote")
    template = app.selectbox(key="wi_q_template")
    app = template.select(template.options[-1]).run()
    seen += check_page(app, mine, "quote from a past project")
    assert "How jobs like this overran" in [s.value for s in app.subheader]
    app = run_as(demo_db, monkeypatch, mine.scope, "app_pages/client.py", client=mine.own_client)
    seen += check_page(app, mine, "own client")
    app = run_as(demo_db, monkeypatch, mine.scope, "app_pages/client.py", client=mine.other_client)
    check_page(app, mine, "other client")
    assert NOT_YOURS in warnings(app)
    app = run_as(
        demo_db, monkeypatch, mine.scope, "app_pages/project.py", project=mine.other_project
    )
    check_page(app, mine, "other project")
    assert NOT_YOURS in warnings(app)
    assert all(client in seen for client in mine.scope.clients)
    # Every download the pages offered, built as a click would.
    assert len(downloads) >= 10
    for name, build in downloads.items():
        assert mentioned(file_text(name, build()), mine.others, mine.other_codes) == [], name
