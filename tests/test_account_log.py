"""The account log (SPEC F16, issue #20 parts 1-2): entries written through actions, kept with
their history outside the warehouse, seen under the client's scope, in Needs attention, in the
weekly report and in the monthly workbook; and on the Client page and the weekly review.

The hand-made studio: Acme Corporation (Maya Patel: P-1, P-2) and Birch & Co (Tom Becker: P-3);
its data runs to 2 Mar 2026. As of that last day the log is read to today (`log_until`); as of
an earlier day, to that day, which keeps ages and lateness fixed for the tests that check them."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest
from test_reports import slide_texts

from actions import account_log as logbook
from actions import team
from actions.account_log import Entry, LogError
from actions.team import Person
from etl.load import load_files
from etl.warehouse import roll_back
from metrics import account_log, queries
from metrics.db import current
from metrics.queries import Filters
from metrics.scope import EVERYONE, of_clients
from reports import files
from studio import ROOT, copy_warehouse, shown

ACME, BIRCH = "Acme Corporation", "Birch & Co"
ME = team.local_person()  # personal mode: allowed everything
MAYA = Person("maya@studio.test", team.MANAGER, "Maya Patel")
VIEWER = Person("vic@studio.test", team.VIEWER, "Vic Viewer", (ACME,))
LAST = date(2026, 3, 2)  # the studio's last day with data
NOW = Filters(start=date(2026, 2, 3), end=LAST, as_of=LAST)  # the log read to today
THEN = Filters(start=date(2026, 2, 1), end=date(2026, 2, 28), as_of=date(2026, 2, 28))
APP = str(ROOT / "app.py")


@pytest.fixture
def studio(studio_db: Path, monkeypatch: pytest.MonkeyPatch):
    """The hand-made studio's warehouse, as the actions and the app find it."""
    monkeypatch.setenv("STUDIO_DB", str(studio_db))
    return current(str(studio_db))


def entry(**typed) -> Entry:
    """An entry of Acme's, a call on 26 Feb 2026, with what the test types on top."""
    return Entry(**{"client": ACME, "kind": "call", "entry_date": date(2026, 2, 26),
                    "summary": "Spring shoot brief agreed", **typed})  # fmt: skip


# --------------------------------------------------------------------------- the store


def test_an_edit_keeps_the_earlier_text(studio, account_log_file):
    first = logbook.write(entry(people="Ann Lee"), by=ME, author="Sam Writer")
    assert (first["version"], first["author"], first["summary"]) == (
        1,
        "Sam Writer",
        entry().summary,
    )
    second = logbook.revise(first["id"], 1, entry(summary="Brief agreed, shoot moved"), by=ME)
    assert second["version"] == 2 and second["id"] == first["id"]
    lines = [json.loads(line) for line in account_log_file.read_text().splitlines()]
    assert [line["summary"] for line in lines] == [entry().summary, "Brief agreed, shoot moved"]
    # The entry is its last version; its history has both texts, the latest first.
    listed = queries.account_log(studio, NOW)
    assert listed[["summary", "version", "what", "people"]].values.tolist() == [
        ["Brief agreed, shoot moved", 2, "Call", ""]
    ]
    versions = queries.account_log_history(studio, EVERYONE, first["id"])
    assert versions["summary"].tolist() == ["Brief agreed, shoot moved", entry().summary]
    assert versions["author"].tolist() == [ME.shown_as, "Sam Writer"]


def test_an_edit_from_a_stale_page_is_refused(studio):
    first = logbook.write(entry(), by=ME)
    logbook.revise(first["id"], 1, entry(summary="Mine"), by=ME)
    with pytest.raises(LogError, match="changed by someone else since you opened it"):
        logbook.revise(first["id"], 1, entry(summary="Theirs"), by=ME)
    with pytest.raises(LogError, match="stays with its client"):
        logbook.revise(first["id"], 2, entry(client=BIRCH), by=ME)
    assert queries.account_log(studio, NOW)["summary"].tolist() == ["Mine"]


def test_the_log_is_searched_by_text_and_kind(studio):
    logbook.write(entry(people="Ann Lee"), by=ME)
    logbook.write(entry(kind="issue", summary="Retouching sent back twice", project="P-1"), by=ME)
    logbook.write(entry(client=BIRCH, kind="decision", summary="Retainer renewed"), by=ME)
    search = queries.account_log
    assert search(studio, NOW, "ann lee")["summary"].tolist() == [entry().summary]
    assert search(studio, NOW, "RETOUCH")["project"].tolist() == ["Brand refresh"]
    assert sorted(search(studio, NOW, "", ("issue", "decision"))["client"]) == [ACME, BIRCH]
    assert len(search(studio, replace(NOW, client=BIRCH))) == 1
    assert search(studio, NOW, "nothing like it").empty


def test_a_viewer_sees_only_their_clients_entries(studio):
    acme = logbook.write(entry(kind="issue", summary="Acme's issue"), by=ME)
    birch = logbook.write(entry(client=BIRCH, kind="risk", summary="Birch's risk"), by=ME)
    maya = queries.manager_scope(studio, "Maya Patel")
    mine = replace(NOW, scope=maya)
    assert queries.account_log(studio, mine)["summary"].tolist() == ["Acme's issue"]
    assert queries.account_log(studio, replace(mine, client=BIRCH)).empty
    assert queries.account_log_history(studio, maya, birch["id"]).empty
    assert len(queries.account_log_history(studio, maya, acme["id"])) == 1
    attention = queries.attention(studio, mine)
    assert "Birch's risk" not in " ".join(attention["reason"])
    assert "Acme's issue" in " ".join(attention["reason"])
    assert queries.account_log(studio, replace(NOW, scope=of_clients([]))).empty


def test_who_may_write_for_which_client(studio, account_log_file):
    assert logbook.may_log(MAYA, ACME) and not logbook.may_log(MAYA, BIRCH)
    with pytest.raises(PermissionError, match="Not one of your clients"):
        logbook.write(entry(client=BIRCH), by=MAYA)
    with pytest.raises(PermissionError, match="may not write in the account log"):
        logbook.write(entry(), by=VIEWER)
    assert not account_log_file.exists()
    # In team mode the author is the signed-in member, whatever name is typed.
    written = logbook.write(entry(), by=MAYA, author="Someone Else")
    assert (written["author"], written["author_email"]) == ("Maya Patel", "maya@studio.test")
    with pytest.raises(LogError, match="no such entry"):
        logbook.resolve(logbook.write(entry(client=BIRCH, kind="issue"), by=ME)["id"], 1, by=MAYA)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"summary": "   "}, "write a short summary"),
        ({"follow_up_due": date(2026, 3, 5)}, "a follow-up needs an owner"),
        ({"follow_up": "Send the quote"}, "a follow-up needs an owner"),
        ({"follow_up_owner": "Maya"}, "a follow-up needs a due date: by when Maya"),
        ({"follow_up_owner": "Maya", "follow_up_due": date(2026, 2, 1)}, "due (1 Feb 2026) before"),
        ({"entry_date": date.today() + timedelta(days=1)}, "is after today"),
        ({"kind": "gossip"}, "the kind must be one of Call, Meeting, E-mail"),
        ({"project": "P-3"}, "P-3 is not one of Acme Corporation's projects"),
        ({"status": "closed", "kind": "risk"}, "status is open or resolved"),
        ({"summary": "x" * 1001}, "the summary is 1,001 characters: keep it within 1,000"),
        ({"client": ""}, "choose the client"),
    ],
)
def test_an_entry_that_cannot_be_written_says_why(studio, account_log_file, typed, message):
    with pytest.raises(LogError, match=message.replace("(", r"\(").replace(")", r"\)")):
        logbook.write(entry(**typed), by=ME)
    assert not account_log_file.exists()


def test_control_characters_are_dropped_and_a_damaged_line_is_skipped(studio, account_log_file):
    account_log_file.write_bytes(b'{"id": "cut short by a crash", "vers')
    written = logbook.write(entry(summary="Line one\r\nline two\x00\x1b[31m"), by=ME)
    assert written["summary"] == "Line one\nline two  [31m"
    reading = account_log.read()
    assert (len(reading.versions), reading.damaged) == (1, 1)
    assert account_log_file.read_bytes().count(b"\n") == 2  # the new line kept apart


def test_imports_and_undo_never_touch_the_log(studio_db, studio_dir, tmp_path, monkeypatch):
    pointer = copy_warehouse(studio_db, tmp_path / "warehouse")
    monkeypatch.setenv("STUDIO_DB", str(pointer))
    logbook.write(entry(kind="issue"), by=ME)
    path = account_log.stamp().path
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert pointer.parent not in path.parents  # outside the warehouse's folder
    load_files([studio_dir / "clients.csv"], pointer, echo=lambda _: None)
    roll_back(pointer)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert len(queries.account_log(current(str(pointer)), NOW)) == 1


# --------------------------------------------------------------------------- Needs attention


def reasons(studio, filters: Filters, kind: str) -> list[str]:
    items = queries.attention(studio, filters)
    return items.loc[items["kind"] == kind, "reason"].tolist()


def test_an_open_issue_needs_attention_until_resolved(studio):
    issue = logbook.write(entry(kind="issue", summary="Colours off on the packshots"), by=ME)
    logbook.write(
        entry(kind="risk", summary="Budget cut rumoured", entry_date=date(2026, 2, 20)), by=ME
    )
    logbook.write(entry(kind="call", summary="A friendly call"), by=ME)
    # As of 28 Feb: open 2 and 8 days; the older risk scores higher than the fresh issue.
    items = queries.attention(studio, THEN)
    logged = items[items["kind"].isin(["Open issue", "Open risk"])]
    assert logged[["kind", "client", "reason"]].values.tolist() == [
        ["Open risk", ACME, "Budget cut rumoured (logged 20 Feb, open 8 days)"],
        ["Open issue", ACME, "Colours off on the packshots (logged 26 Feb, open 2 days)"],
    ]
    assert logged["link"].tolist() == ["client?client=Acme+Corporation"] * 2
    assert logged["score"].tolist() == [49 + 8, 49 + 2]
    logbook.resolve(issue["id"], 1, by=ME)
    assert reasons(studio, THEN, "Open issue") == []
    assert len(reasons(studio, THEN, "Open risk")) == 1
    # A past as-of date does not see what was logged after it.
    assert reasons(studio, replace(THEN, as_of=date(2026, 2, 19)), "Open risk") == []


def test_a_follow_up_past_due_needs_attention_until_done(studio):
    late = logbook.write(
        entry(follow_up="Send the revised quote", follow_up_owner="Maya Patel",
              follow_up_due=date(2026, 2, 27)),
        by=ME,
    )  # fmt: skip
    logbook.write(entry(follow_up_owner="Tom", follow_up_due=date(2026, 3, 1)), by=ME)
    assert reasons(studio, THEN, "Follow-up overdue") == [
        "Maya Patel: Send the revised quote (due 27 Feb, 1 day overdue)"
    ]
    # Read to today (the as-of date is the last day with data), both are past due.
    assert len(reasons(studio, NOW, "Follow-up overdue")) == 2
    # The Client page's log says so beside the follow-up, as of the same day.
    assert sorted(queries.account_log(studio, THEN)["follow_up_text"]) == [
        "1 day overdue · Maya Patel by 27 Feb 2026: Send the revised quote",
        "Tom by 1 Mar 2026",
    ]
    logbook.follow_up_done(late["id"], 1, by=ME)
    assert reasons(studio, THEN, "Follow-up overdue") == []
    assert "Done · Maya Patel by 27 Feb 2026: Send the revised quote" in set(
        queries.account_log(studio, THEN)["follow_up_text"]
    )


# --------------------------------------------------------------------------- the reports


def test_an_entry_is_in_its_clients_weekly_report(studio):
    logbook.write(
        entry(kind="issue", summary="Client *unhappy* with | the proofs", people="Ann Lee",
              follow_up_owner="Maya Patel", follow_up_due=date(2026, 2, 27)),
        by=ME,
    )  # fmt: skip
    logbook.write(entry(kind="risk", entry_date=date(2026, 1, 5), summary="Old risk"), by=ME)
    logbook.write(entry(entry_date=date(2026, 1, 6), summary="Old call, closed"), by=ME)
    deck = "\n".join(
        slide_texts(files.weekly(studio, ".pptx", ACME, as_of=THEN.as_of, scope=EVERYONE))
    )
    assert "Calls and issues this week" in deck
    assert "Client *unhappy* with | the proofs (with Ann Lee)" in deck
    assert "open 2 days; follow-up: Maya Patel by 27 Feb 2026, 1 day late" in deck
    assert "Old risk" in deck and "open 54 days" in deck
    assert "Old call, closed" not in deck  # neither new, nor open, nor due
    markdown = files.weekly(studio, ".md", ACME, as_of=THEN.as_of, scope=EVERYONE).decode()
    section = markdown.split("## Calls and issues this week\n")[1].split("\n## ")[0]
    assert section.splitlines()[1] == (
        "1 entry logged since 22 Feb 2026; 2 issues or risks open (the oldest open 54 days); "
        "1 follow-up past due."
    )
    assert "Client \\*unhappy\\* with \\| the proofs" in section  # escaped, never markup
    assert "| 26 Feb 2026 | Issue | Acme Corporation |" in section
    assert section.index("26 Feb 2026") < section.index("5 Jan 2026")  # new first, then open
    # Birch's report has none of it.
    birch = files.weekly(studio, ".md", BIRCH, as_of=THEN.as_of, scope=EVERYONE).decode()
    assert "unhappy" not in birch and "no issue, risk or follow-up open" in birch
    assert files.weekly(studio, ".pdf", ACME, as_of=THEN.as_of, scope=EVERYONE)[:4] == b"%PDF"


def test_the_monthly_workbook_has_the_months_log(studio):
    logbook.write(entry(summary='=HYPERLINK("http://x")', people="@ann"), by=ME)
    logbook.write(entry(entry_date=date(2026, 1, 30), summary="January's call"), by=ME)
    book = openpyxl.load_workbook(
        io.BytesIO(files.monthly(studio, ACME, date(2026, 2, 1), scope=EVERYONE))
    )
    sheet = book["Log"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:6] == ["Date", "What", "Code", "Project", "Summary", "People present"]
    assert len(rows) == 2 and rows[1][1] == "Call"
    cell = sheet.cell(2, 5)
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert cell.quotePrefix and sheet.cell(2, 6).quotePrefix


# --------------------------------------------------------------------------- the app


def test_a_call_logged_on_the_client_page_is_listed_and_needs_attention(studio, downloads):
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["client"] = ACME
    app.switch_page("app_pages/client.py").run()
    assert not app.exception
    assert "Log a call, meeting, e-mail, issue…" in [e.label for e in app.expander]
    assert not [t for t in app.text_area if t.label == "Summary"]  # runs once opened
    app.session_state[f"log_open:{ACME}"] = True
    app.run()
    form = "log_new:Acme Corporation"
    [box] = [t for t in app.text_area if t.label == "Summary"]
    box.input("Proofs rejected: =colour **again**")
    [kind] = [s for s in app.selectbox if s.label == "Kind" and form in str(s.form_id)]
    kind.select("issue")
    [people] = [t for t in app.text_input if t.label == "People present"]
    people.input("Ann Lee")
    [name] = [t for t in app.text_input if t.label == "Your name" and form in str(t.form_id)]
    name.input("Sam Writer")
    [save] = [b for b in app.button if b.label == "Add to the log"]
    save.click().run()
    assert not app.exception and not app.error
    assert shown(app.success[0].value) == "Added to Acme Corporation's log."
    [listed] = [d.value for d in app.dataframe if "summary" in d.value.columns]
    assert listed[["what", "summary", "people", "status", "author"]].values.tolist() == [
        ["Issue", "Proofs rejected: =colour **again**", "Ann Lee", "Open", "Sam Writer"]
    ]
    csv = downloads["account-log-acme-corporation.csv"]().decode("utf-8-sig")
    assert "Proofs rejected: =colour" in csv and "Sam Writer" in csv
    # The search finds it, or not.
    app.text_input(key="log_text").input("nothing of the kind").run()
    assert not [d for d in app.dataframe if "summary" in d.value.columns]
    # The weekly review lists it in Needs attention (read to today: the last day with data).
    app.switch_page("app_pages/weekly_review.py").run()
    assert not app.exception
    items = app.dataframe[0].value
    issue = items[items["kind"] == "Open issue"]
    assert issue[["client", "reason"]].values.tolist() == [
        [ACME, f"Proofs rejected: =colour **again** (logged {date.today():%-d %b}, open 0 days)"]
    ]


def test_log_a_call_on_the_weekly_review(studio):
    app = AppTest.from_file(APP, default_timeout=120)
    app.switch_page("app_pages/weekly_review.py").run()
    assert not app.exception
    assert "Log a call" in [e.label for e in app.expander]
    app.session_state["quick_log_open"] = True
    app.run()
    [client] = [s for s in app.selectbox if s.label == "Client" and "quick_log" in str(s.form_id)]
    client.select(BIRCH)
    [summary] = [t for t in app.text_input if t.label == "Summary"]
    [save] = [b for b in app.button if b.label == "Add to the log"]
    save.click().run()
    assert "write a short summary" in shown(app.error[0].value)
    [summary] = [t for t in app.text_input if t.label == "Summary"]
    summary.input("Quarterly call: happy with the retainer")
    [owner] = [t for t in app.text_input if t.label == "Who follows up"]
    owner.input("Tom Becker")
    [save] = [b for b in app.button if b.label == "Add to the log"]
    save.click().run()
    assert "a follow-up needs a due date" in shown(app.error[0].value)
    [due] = [d for d in app.date_input if d.label == "By"]
    due.set_value(date.today())
    [save] = [b for b in app.button if b.label == "Add to the log"]
    save.click().run()
    assert not app.exception and not app.error
    listed = queries.account_log(studio, replace(NOW, client=BIRCH))
    assert listed[["summary", "follow_up_owner"]].values.tolist() == [
        ["Quarterly call: happy with the retainer", "Tom Becker"]
    ]
