"""The reports, opened with their own libraries and checked against figures worked out by hand
from the hand-made studio (data to 2 Mar 2026; rates in test_metric_views).

Acme Corporation, weekly report as of Mon 2 Mar 2026 (last 4 weeks 3 Feb – 2 Mar, before that
6 Jan – 2 Feb):
- P-2 Spring packaging: fixed fee 6,200 over 20 Jan – 20 Feb (32 days) = 193.75 a day;
- P-1 Brand refresh (T&M, budget 20 h, 5 Jan – 31 Mar): 4 h at 120 on 10 Jan, travel 50 on
  12 Jan, 2.5 h at 130 on 2 Mar; labour 4 h × 50, 10 h × 50 (P-2, 21 Jan), 2.5 h × 55;
  expenses print 800 (25 Jan), travel 50 (12 Jan), couriers 20 (10 Feb).
- Revenue now 18 days of P-2 (3,487.50) + 325 = 3,812.50; before 14 days (2,712.50) + 480 + 50
  = 3,242.50: up 17.6%. Margin now (3,812.50 − 137.50 − 20) ÷ 3,812.50 = 95.9%; before
  (3,242.50 − 700 − 850) ÷ 3,242.50 = 52.2%.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from fpdf import FPDF
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import PP_ALIGN

from etl.load import load_files
from metrics.db import current
from metrics.scope import EVERYONE
from reports import cells, content, deck, files, markdown, scope
from reports import pdf as pdf_report
from reports.__main__ import main
from reports.content import Chart, Overrun, Report, Section
from reports.pdf import FONT_DIR
from reports.scope import ReportError
from studio import PROJECTS, ROOT, shown

AS_OF = date(2026, 3, 2)
ACME = "Acme Corporation"


def charts(pptx: bytes) -> dict[str, object]:
    """Every chart in the deck by its title."""
    found = {}
    for slide in Presentation(io.BytesIO(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                found[shape.chart.chart_title.text_frame.text] = shape.chart
    return found


def slide_texts(pptx: bytes) -> list[str]:
    """All text on the slides, text boxes and table cells alike."""
    texts = []
    for slide in Presentation(io.BytesIO(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return texts


@pytest.fixture(scope="module")
def acme_deck(studio_db) -> bytes:
    return files.weekly(current(str(studio_db)), ".pptx", client=ACME, as_of=AS_OF, scope=EVERYONE)


def test_the_summary_sentence_states_the_hand_worked_figures(studio_db):
    report = content.weekly(
        current(str(studio_db)),
        scope.weekly_filters(current(str(studio_db)), ACME, None, AS_OF, EVERYONE),
    )
    # Logo suite (P-1) was due 28 Feb and is not delivered; INV-002 is due on 2 Mar: not overdue.
    # INV-003 (due 15 Feb) was paid on a day the Xero export does not give: whether it was still
    # overdue on 23 Feb (last week) is not known; on 2 Feb (4 weeks before) nothing was past due.
    assert report.summary == (
        "Revenue EUR 3,812 in the last 4 weeks, up 18% on the 4 weeks before; margin 95.9% "
        "(+43.7 pts); 1 deliverable late, not yet delivered; no invoice overdue."
    )
    # Beside the key figures (the e-mail's headline goes without it): why a cell is blank.
    assert report.sections[0].text == report.summary + (
        " Overdue at the end of last week is not known: the invoices export does not say when "
        "invoices were paid."
    )
    figures = {row[0]: row[1:] for row in report.sections[0].table.rows}
    assert figures["Overdue"] == ["EUR 0", "—", "—", "EUR 0", "EUR 0", "+EUR 0"]
    assert report.alerts == ("1 deliverable late",)  # what an e-mail's subject flags


@pytest.mark.parametrize(
    ("late", "balances", "flagged"),
    [
        (0, [], ()),
        (1, [], ("1 deliverable late",)),
        (2, [100.0, 250.4], ("2 deliverables late", "2 invoices overdue (EUR 350)")),
        (0, [18_400.0], ("1 invoice overdue (EUR 18,400)",)),
    ],
)
def test_what_needs_chasing_in_a_few_words(late, balances, flagged):
    assert content.alerts(late, balances, "EUR") == flagged


def studio_copy(studio_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of its own holding the hand-made studio's export files, to add rows to."""
    folder = tmp_path_factory.mktemp("studio_copy")
    for source in studio_dir.iterdir():
        shutil.copy(source, folder / source.name)
    return folder


def imported(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse (pointer path) holding the export files of `folder`."""
    pointer = tmp_path_factory.mktemp("warehouse_copy") / "studio.duckdb"
    load_files([folder], pointer, echo=lambda _: None)
    return pointer


@pytest.fixture(scope="module")
def week_later_db(studio_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The studio a week on: Birch & Co's hours of Tue 10 Mar imported, nothing new for Acme."""
    folder = studio_copy(studio_dir, tmp_path_factory)
    with (folder / "harvest_time.csv").open("a", newline="") as out:
        csv.writer(out).writerow(["2026-03-10", "Birch & Co", "Monthly retouching", "P-3",
                                  "Retouch", "", "2", "Yes", "No", "Cleo", "Stone", "Retoucher",
                                  "", "", "Euro - EUR"])  # fmt: skip
    return imported(folder, tmp_path_factory)


def test_a_week_later_the_invoice_is_overdue_and_named_with_its_age(week_later_db):
    warehouse = current(str(week_later_db))
    report = content.weekly(
        warehouse, scope.weekly_filters(warehouse, ACME, None, date(2026, 3, 10), EVERYONE)
    )
    # INV-002: 530 + 106 tax unpaid, due 2 Mar; Guidelines (due 5 Mar) is now late too, while
    # Logo suite (due 28 Feb) was delivered late on 3 Mar.
    assert report.summary.endswith(
        "; 1 deliverable late, not yet delivered, and 1 delivered late in the last 4 weeks; "
        "1 invoice 8 days overdue (EUR 636)."
    )


def test_the_deck_is_16_9_with_a_slide_per_section(acme_deck):
    deck_ = Presentation(io.BytesIO(acme_deck))
    assert (deck_.slide_width, deck_.slide_height) == (12192000, 6858000)
    titles = [s.shapes[0].text_frame.text for s in deck_.slides]
    assert titles == [
        f"Weekly account status: {ACME}",
        "Summary",
        "Revenue and margin by week",
        "Plan and forecast, 2026",
        "Budget burn of active projects",
        "Deliverables",
        "Invoices overdue",
        "Unbilled work (WIP)",
        "Calls and issues this week",
        "Needs attention",
    ]


def test_the_trend_charts_are_native_with_the_weekly_figures(acme_deck):
    found = charts(acme_deck)
    revenue, margin = found["Revenue earned per week"], found["Gross margin per week"]
    assert revenue.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert margin.chart_type == XL_CHART_TYPE.LINE_MARKERS
    weeks = list(revenue.plots[0].categories)
    # Seven-day weeks ending on the as-of date, Monday 2 Mar (Tuesday to Monday): none cut short.
    assert weeks[0] == "8 Dec" and weeks[-1] == "2 Mar" and len(weeks) == 13
    # Nothing until the week to 12 Jan: P-1's 4 h at 120 (10 Jan) and travel (12 Jan); a quiet
    # week; P-2's fee at 193.75 a day from 20 Jan, four whole weeks and 4 days to 20 Feb; P-1's
    # 2.5 h at 130 (2 Mar). The last two are the summary's this week and last week.
    assert list(revenue.series[0].values) == pytest.approx(
        [0, 0, 0, 0, 0, 480 + 50, 0, 1356.25, 1356.25, 1356.25, 1356.25, 775, 325]
    )
    margins = list(margin.series[0].values)
    assert margins[5] == pytest.approx((530 - 200 - 50) / 530)  # 4 h labour and the travel
    assert margins[7] == pytest.approx((1356.25 - 500 - 800) / 1356.25)  # 10 h labour and print
    assert margins[10] == pytest.approx((1356.25 - 20) / 1356.25)  # couriers
    assert margins[0] is None and margins[6] is None  # no revenue, no margin


def test_burn_deliverable_and_aging_charts_match_the_views(acme_deck):
    found = charts(acme_deck)
    burn = found["Budget hours used and schedule elapsed"]
    assert list(burn.plots[0].categories) == ["P-1 Brand refresh"]
    # 6.5 of 20 budget hours; 57 of the 86 days from 5 Jan to 31 Mar.
    assert [v for s in burn.series for v in s.values] == pytest.approx([0.325, 57 / 86])
    stages = found["Deliverables"]
    assert list(stages.plots[0].categories) == [
        "Delivered on time", "Delivered late", "Late, not delivered", "Due in the next 14 days",
    ]  # fmt: skip
    # Pack artwork (early) and Print proofs (on time); Logo suite late; Guidelines due 5 Mar.
    assert list(stages.series[0].values) == [2, 0, 1, 1]
    aging = found["Unpaid invoices by days past due"]
    assert list(aging.series[0].values) == [636, 0, 0, 0, 0]


def test_the_key_figures_table_compares_week_and_period(acme_deck):
    texts = slide_texts(acme_deck)
    revenue_row = texts[texts.index("Revenue (earned)") : texts.index("Revenue (earned)") + 7]
    # This week (24 Feb – 2 Mar) 325; last week 4 days of P-2 = 775; the periods as above.
    assert revenue_row == [
        "Revenue (earned)", "EUR 325", "EUR 775", "-EUR 450", "EUR 3,812", "EUR 3,242", "+EUR 570",
    ]  # fmt: skip
    assert "Logo suite" in texts and "Late, not delivered" in texts


def test_deck_tables_right_align_their_figures_below_the_slides_text(acme_deck):
    summary = Presentation(io.BytesIO(acme_deck)).slides[1]
    title, text = (s for s in summary.shapes if s.has_text_frame)
    assert title.text_frame.text == "Summary"
    grid = next(s for s in summary.shapes if s.has_table)
    assert grid.top >= text.top + text.height  # the summary's lines never run into the table
    row = next(r for r in grid.table.rows if r.cells[0].text == "Revenue (earned)")
    aligned = [cell.text_frame.paragraphs[0].alignment for cell in row.cells]
    assert aligned == [PP_ALIGN.LEFT] + [PP_ALIGN.RIGHT] * 6  # "EUR 325" … "+EUR 570"


def test_long_names_stay_on_the_slide_and_off_the_pdfs_figures():
    name = "Extraordinarily Lengthy Holdings " * 12 + "GmbH & Co. KG"
    report = content.Report(
        f"Weekly account status: {name}",
        "Week to 2 Mar 2026",
        "",
        (
            content.Section(
                "Projects", table=content.Table(["Project", "Revenue"], [[name, "EUR 1"]])
            ),
        ),
    )
    slides = Presentation(io.BytesIO(deck.render(report))).slides
    title, subtitle = slides[0].shapes
    assert subtitle.top >= title.top + title.height  # the title's lines never run into it
    assert title.top >= 0 and subtitle.top + subtitle.height <= deck.HEIGHT  # both on the slide
    # The box holds the title's lines at its size (about 0.55 em a character), cut or not.
    size = title.text_frame.paragraphs[0].runs[0].font.size
    per_line = int((deck.WIDTH - 2 * deck.MARGIN) / (size * 0.55))
    lines = -(-len(title.text_frame.text) // per_line)
    assert title.height >= lines * size * 1.2
    grid = next(s for s in slides[1].shapes if s.has_table).table
    cell = grid.cell(1, 0).text_frame.text
    assert cell.endswith("…") and name.startswith(cell[:-1].rstrip())
    # A name without a space squeezes the figures' column, whose figures still show whole.
    squeezed = content.Table(["Client", "Earned so far"], [["Acme-" + "x" * 230, "EUR 1,250,000"]])
    slide = Presentation(io.BytesIO(deck.render(report))).slides[1]
    deck.add_table(slide, squeezed, deck.MARGIN, deck.CONTENT_TOP, deck.Inches(4))  # by a chart
    added = [s for s in slide.shapes if s.has_table][-1].table
    assert [added.cell(r, 1).text_frame.text for r in (0, 1)] == ["Earned so far", "EUR 1,250,000"]
    # A chart's label in the PDF is cut to its 70 mm, never over the figures beside it.
    page = FPDF()
    pdf_report._fonts(page)
    page.set_font(pdf_report.FONT, "", 9)
    label = pdf_report.fitted(page, name, 70)
    assert label.endswith("…") and page.get_string_width(label) <= 70 - 2 * page.c_margin
    assert pdf_report.fitted(page, "Acme Corporation", 70) == "Acme Corporation"


def test_columns_of_figures_negative_ones_too_are_told_from_text():
    table = content.Table(
        ["Client", "Balance", "Change", "Note"],
        [["Acme", "EUR -1,567", "-EUR 200", "credit note"], ["Birch", "EUR 636", "—", "12 days"]],
    )
    assert table.figure_columns() == [False, True, True, False]


def test_chart_data_is_written_in_the_reporting_currency():
    chart = content.Chart("Unpaid", "column", ["Not yet due"], {"Unpaid": [636.0]}, "money", "USD")
    assert content.chart_table(chart).rows == [["Not yet due", "USD 636"]]


def test_deck_money_charts_name_their_currency_beside_the_axis(acme_deck):
    axis = charts(acme_deck)["Unpaid invoices by days past due"].value_axis
    assert axis.has_title and axis.axis_title.text_frame.text == "EUR"


def test_deck_bars_start_at_zero(acme_deck):
    # PowerPoint's own axis may start near the smallest bar, making small gaps look large.
    assert charts(acme_deck)["Revenue earned per week"].value_axis.minimum_scale == 0


def test_markdown_has_the_same_summary_and_chart_data(studio_db):
    text = files.weekly(
        current(str(studio_db)), ".md", client=ACME, as_of=AS_OF, scope=EVERYONE
    ).decode()
    assert text.startswith(f"# Weekly account status: {ACME}\n")
    assert "1 deliverable late, not yet delivered; no invoice overdue." in text
    assert "| 2 Mar | EUR 325 |" in text
    assert "| Not yet due | EUR 636 |" in text


@pytest.mark.skipif(not (FONT_DIR / "DejaVuSans.ttf").exists(), reason="needs fonts-dejavu-core")
def test_the_pdf_is_written_in_a_unicode_font(studio_db):
    pdf = files.weekly(
        current(str(studio_db)), ".pdf", manager="Tom Becker", as_of=AS_OF, scope=EVERYONE
    )
    assert pdf.startswith(b"%PDF-") and b"DejaVuSans" in pdf


@pytest.mark.parametrize(
    ("now", "before", "overrun", "late", "balances", "days", "expected"),
    [
        (
            {"earned_revenue": 1120.0, "margin_pct": 0.41},
            {"earned_revenue": 1000.0, "margin_pct": 0.47},
            Overrun("P-1043 Spring packaging", 0.3, already=True),
            (2, 0),
            [18400.0],
            [45],
            "Revenue EUR 1,120 in the last 4 weeks, up 12% on the 4 weeks before; margin 41.0% "
            "(-6.0 pts), with "
            "P-1043 Spring packaging running 30% over budget hours; 2 deliverables late, not yet "
            "delivered; 1 invoice 45 days overdue (EUR 18,400).",
        ),
        (
            {"earned_revenue": 500.0, "margin_pct": None},
            {"earned_revenue": None, "margin_pct": None},
            Overrun("P-7 Lookbook", 0.125, already=False),
            (0, 0),
            [100.0, 250.0],
            [3, 61],
            "Revenue EUR 500 in the last 4 weeks, none in the 4 weeks before, with P-7 Lookbook "
            "on course to finish 12% over budget hours; no deliverable late; 2 invoices overdue "
            "(EUR 350, the oldest 61 days).",
        ),
        (
            {"earned_revenue": 1000.0, "margin_pct": 0.5},
            {"earned_revenue": 1002.0, "margin_pct": 0.5},
            None,
            (1, 2),
            [],
            [],
            "Revenue EUR 1,000 in the last 4 weeks, flat on the 4 weeks before; margin 50.0% "
            "(+0.0 pts); 1 deliverable late, not yet delivered, and 2 delivered late in the last 4 weeks; "
            "no invoice overdue.",
        ),
        (
            {"earned_revenue": 1000.0, "margin_pct": 0.5},
            {"earned_revenue": 1000.0, "margin_pct": 0.5},
            None,
            (0, 1),
            [],
            [],
            "Revenue EUR 1,000 in the last 4 weeks, flat on the 4 weeks before; margin 50.0% "
            "(+0.0 pts); 1 deliverable delivered late in the last 4 weeks; no invoice overdue.",
        ),
    ],
)
def test_summary_sentences(now, before, overrun, late, balances, days, expected):
    assert content.summary(now, before, overrun, late, balances, days, "EUR") == expected


def test_without_payment_dates_the_summary_and_subject_say_at_least():
    # As of an earlier date a Xero export's payments count as received by then: what is overdue
    # is a floor, and "no invoice overdue" would contradict the note that it is not known.
    now = {"earned_revenue": 1000.0, "margin_pct": None}
    before = {"earned_revenue": 1000.0, "margin_pct": None}
    assert content.summary(now, before, None, (0, 0), [], [], "EUR", overdue_known=False) == (
        "Revenue EUR 1,000 in the last 4 weeks, flat on the 4 weeks before; no deliverable late."
    )
    assert content.summary(
        now, before, None, (0, 0), [100.0, 250.0], [3, 61], "EUR", overdue_known=False
    ).endswith("; at least 2 invoices overdue (at least EUR 350, the oldest 61 days).")
    assert content.alerts(0, [100.0, 250.0], "EUR", overdue_known=False) == (
        "at least 2 invoices overdue (at least EUR 350)",
    )


def test_worst_overrun_prefers_projects_already_over_budget():
    projects = pd.DataFrame(
        {
            "project_code": ["P-1", "P-2", "P-3"],
            "project": ["Heading over", "Already over", "On budget"],
            "hours_burn_pct": [0.6, 1.1, 0.9],
            "pace_pct": [0.2, 0.1, 0.0],
            "eac_burn_pct": [1.6, 1.2, 1.0],
        }
    )
    assert content.worst_overrun(projects) == Overrun("P-2 Already over", pytest.approx(0.1), True)
    assert content.worst_overrun(projects.iloc[[0, 2]]) == Overrun(
        "P-1 Heading over", pytest.approx(0.6), False
    )


@pytest.mark.parametrize(
    ("burn", "pace"),
    [
        (0.41, 0.07),  # 106 of 260 h at 34% of the schedule: an estimate of 119%, early and calm
        (0.41, 0.2),  # ahead of schedule, but under half the hours used
        (0.8, 0.05),  # most hours used, within 10 points of the schedule
    ],
)
def test_an_overrun_forecast_is_named_only_when_needs_attention_lists_the_project(burn, pace):
    # Needs attention's rule: over 10 points ahead of the schedule with over half the hours used.
    projects = pd.DataFrame(
        {
            "project_code": ["P-2261"],
            "project": ["How-to Videos"],
            "hours_burn_pct": [burn],
            "pace_pct": [pace],
            "eac_burn_pct": [1.19],
        }
    )
    assert content.worst_overrun(projects) is None


def test_the_monthly_workbook_reconciles_to_client_month_and_invoice_status(studio_db):
    book = openpyxl.load_workbook(
        io.BytesIO(files.monthly(current(str(studio_db)), ACME, date(2026, 1, 1), scope=EVERYONE))
    )
    assert book.sheetnames == [
        "Summary",
        "Projects",
        "Hours",
        "Invoices",
        "AR aging",
        "Deliverables",
        "Log",
    ]
    summary = book["Summary"]
    figures = {row[0].value: row[1] for row in summary.iter_rows(min_row=5, max_row=17)}
    # January: 14 h (4 + 10); revenue P-1 480 + travel 50 + 12 days of P-2 (2,325); billed
    # INV-001 3,100 + INV-002 530; labour 700; expenses 850.
    expected = {
        "Hours": 14, "Billable hours": 14, "Revenue (earned)": 2855, "Revenue (billed)": 3630,
        "Labour cost": 700, "Expenses": 850, "Gross profit": 1305,
        "Gross margin": 1305 / 2855, "Deliverables delivered": 0,
        "Overdue": 0, "Unbilled work (WIP)": 0,
    }  # fmt: skip
    for label, value in expected.items():
        assert figures[label].value == pytest.approx(value), label
    # INV-001 (issued 20 Jan) was paid on a day the Xero export does not give: what was
    # outstanding on 31 Jan is not known (INV-002's 636 at least); nothing was past due then.
    assert figures["Outstanding"].value is None
    assert summary["A3"].value == (
        "Outstanding at the month's end not known: the invoices export does not say when "
        "invoices were paid; AR aging counts every payment as received by then."
    )
    assert figures["Revenue (earned)"].number_format == '"EUR" #,##0;"EUR" -#,##0'
    assert figures["Gross margin"].number_format == "0.0%"
    assert figures["On-time rate"].value is None  # nothing delivered
    assert len(summary._charts) == 1
    hours = book["Hours"]
    assert [[c.value for c in row] for row in hours.iter_rows()] == [
        ["Person", "Role", "Task", "Hours", "Billable hours", "Labour cost"],
        ["Ada Lovelace", "Designer", "Artwork", 10, 10, 500],
        ["Ada Lovelace", "Designer", "Design", 4, 4, 200],
    ]
    assert hours.freeze_panes == "A2" and hours.auto_filter.ref == "A1:F3"
    # Sheets mixing the month with figures to date, or counting undated payments, say so above
    # their table.
    projects = book["Projects"]
    assert projects["A1"].value == (
        "Revenue, hours and gross margin are January 2026's; budget burn, pace and margin at "
        "completion are each project's to 31 Jan 2026. Pace is budget burn less schedule "
        "elapsed (above 0: burning ahead of the schedule); burn and pace are blank for a project "
        "without budgeted hours."
    )
    assert projects["A2"].value == "Code" and projects.freeze_panes == "A3"
    # Printed landscape, a page wide, the headings on every page; a month with nothing logged
    # says so under the Log sheet's headings.
    setup = projects.page_setup
    assert setup.orientation == "landscape" and projects.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth or 1, setup.fitToHeight) == (1, 0)  # Excel's default width is 1
    assert projects.print_title_rows == "$2:$2"
    assert book["Log"]["A2"].value == "None in January 2026."
    assert book["AR aging"]["A1"].value == (
        "Every payment counted as received by then: the invoices export does not say when "
        "invoices were paid."
    )
    invoices = {row[0].value: row for row in book["Invoices"].iter_rows(min_row=2)}
    assert sorted(invoices) == ["INV-001", "INV-002"]
    # INV-002: 530 net and 106 tax, nothing paid: the balance is the gross amount.
    assert [c.value for c in invoices["INV-002"]][4:8] == [530, 636, 636, "Open"]
    assert invoices["INV-002"][2].number_format == "d mmm yyyy"


def test_the_monthly_workbook_marks_a_month_still_running_in_its_trend(studio_db):
    warehouse = current(str(studio_db))

    def trend(month: date) -> tuple[list[str], str]:
        data = files.monthly(warehouse, ACME, month, scope=EVERYONE)
        summary = openpyxl.load_workbook(io.BytesIO(data))["Summary"]
        headings = [c.value for c in summary["A"] if str(c.value).startswith("Last 12 months")]
        return headings, zipfile.ZipFile(io.BytesIO(data)).read("xl/charts/chart1.xml").decode()

    # The studio's data ends on 2 March 2026: March is running, February is over.
    headings, chart = trend(date(2026, 3, 1))
    assert headings == ["Last 12 months (March 2026 to date, 2 Mar)"]
    # Its column (the third month: January to March) is drawn at 40% opacity, the others whole.
    points = re.findall(r'<c:dPt><c:idx val="(\d+)"/>.*?<a:alpha val="(\d+)"/>', chart)
    assert points == [("2", "40000")]
    headings, chart = trend(date(2026, 2, 1))
    assert headings == ["Last 12 months"]
    assert "<c:dPt>" not in chart


def test_unknown_clients_and_empty_periods_are_clear_errors(studio_db):
    warehouse = current(str(studio_db))
    with pytest.raises(
        ReportError, match=re.escape("No client named 'acme'. Did you mean 'Acme Corporation'?")
    ):
        files.monthly(warehouse, "acme", date(2026, 1, 1), scope=EVERYONE)
    with pytest.raises(ReportError, match="after the last day with data"):
        files.monthly(warehouse, ACME, date(2026, 4, 1), scope=EVERYONE)
    with pytest.raises(ReportError, match="nothing to report"):
        files.monthly(warehouse, "Birch & Co", date(2025, 12, 1), scope=EVERYONE)
    with pytest.raises(ReportError, match="nothing to report"):
        files.weekly(warehouse, ".md", client=ACME, as_of=date(2025, 6, 1), scope=EVERYONE)
    with pytest.raises(
        ReportError,
        match=re.escape("3 Mar 2026 is after the last day with data (2 Mar 2026): choose that"),
    ):
        files.weekly(warehouse, ".md", client=ACME, as_of=date(2026, 3, 3), scope=EVERYONE)
    with pytest.raises(
        ReportError, match=re.escape("No manager named 'Maya'. Did you mean 'Maya Patel'?")
    ):
        files.weekly(warehouse, ".md", manager="Maya", scope=EVERYONE)
    with pytest.raises(ReportError, match=re.escape("format '.docx'")):
        files.weekly(warehouse, ".docx", client=ACME, scope=EVERYONE)


def run_reports(*args: str) -> subprocess.CompletedProcess:
    """`python -m reports ARGS…` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "reports", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_command_line_writes_each_format_and_exits_2_on_errors(studio_db, tmp_path):
    out = tmp_path / "acme.pptx"
    done = run_reports("weekly", "--db", str(studio_db), "--client", ACME, "--as-of", "2026-03-02",
                       "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Budget hours used and schedule elapsed" in charts(out.read_bytes())
    book = tmp_path / "acme.xlsx"
    done = run_reports("monthly", "--db", str(studio_db), "--client", ACME, "--month", "2026-02",
                       "--out", str(book))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(book)["Summary"]["B7"].value == pytest.approx(3875)  # 20 days
    failed = run_reports("weekly", "--db", str(studio_db), "--client", "Acme Corp", "--out",
                         str(tmp_path / "x.md"))  # fmt: skip
    assert failed.returncode == 2
    assert "error: No client named 'Acme Corp'. Did you mean 'Acme Corporation'?" in failed.stderr
    assert not (tmp_path / "x.md").exists()


@pytest.mark.parametrize(
    ("out", "why"),
    [("missing/acme.md", "No such file or directory"), ("folder.md", "Is a directory")],
)
def test_an_out_file_that_cannot_be_written_is_an_error_naming_it(
    studio_db, tmp_path, capsys, out, why
):
    (tmp_path / "folder.md").mkdir()
    path = tmp_path / out
    args = ["weekly", "--db", str(studio_db), "--client", ACME, "--as-of", "2026-03-02",
            "--out", str(path)]  # fmt: skip
    assert main(args) == 2
    assert capsys.readouterr() == ("", f"error: Cannot write {path}: {why}.\n")


@pytest.fixture(scope="module")
def odd_names_db(studio_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The studio plus a client and a project whose names look like spreadsheet formulas."""
    folder = studio_copy(studio_dir, tmp_path_factory)
    with (folder / "clients.csv").open("a", newline="") as out:
        csv.writer(out).writerow(['=HYPERLINK("http://x","y")', "Maya Patel", ""])
        csv.writer(out).writerow(["x\r=2+2", "Maya Patel", ""])  # a carriage return, then a formula
    # As CSV: a workbook written by xlsxwriter's write() would hold a formula, not the name.
    with (folder / "more_projects.csv").open("w", newline="") as out:
        csv.writer(out).writerows([PROJECTS[0], (
            "P-9", "@SUM(1)", '=HYPERLINK("http://x","y")', "Design", "time_and_materials", 10,
            "", "EUR", "2026-01-05", "2026-03-31", "", "active", "Maya Patel",
        )])  # fmt: skip
    with (folder / "harvest_time.csv").open("a", newline="") as out:
        csv.writer(out).writerow(["2026-02-11", '=HYPERLINK("http://x","y")', "@SUM(1)", "P-9",
                                  "-cmd", "", "2", "Yes", "No", "Ada", "Lovelace", "Designer", "",
                                  "", "Euro - EUR"])  # fmt: skip
        csv.writer(out).writerow(["2026-02-12", "x\r=2+2", "Odd job", "", "Design", "", "1", "Yes",
                                  "No", "Ada", "Lovelace", "Designer", "", "", "Euro - EUR"])  # fmt: skip
    return imported(folder, tmp_path_factory)


def test_formula_like_names_stay_text_in_the_workbook(odd_names_db):
    data = files.monthly(
        current(str(odd_names_db)), '=HYPERLINK("http://x","y")', date(2026, 2, 1), scope=EVERYONE
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    project = book["Projects"]["B3"]  # under the sheet's note and its headings
    assert (project.value, project.data_type) == ("@SUM(1)", "s")
    task = book["Hours"]["C2"]
    assert (task.value, task.data_type) == ("-cmd", "s")
    assert project.quotePrefix and task.quotePrefix  # Excel keeps them text when edited too
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
        assert not any("hyperlink" in n for n in archive.namelist())


def test_formula_like_chart_labels_stay_text_in_the_decks_workbook():
    chart = Chart("Burn", "bar", ["=1+1", "@SUM(1)", "P-1"], {"Burn": [0.5, 0.6, 0.7]}, "pct")
    pptx = deck.render(Report("t", "s", "x", (Section("Burn", charts=(chart,)),)))
    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        embedded = [n for n in archive.namelist() if n.endswith(".xlsx")]
        sheet = openpyxl.load_workbook(io.BytesIO(archive.read(embedded[0])))["Sheet1"]
    assert [sheet.cell(row, 1).value for row in (2, 3, 4)] == ["'=1+1", "'@SUM(1)", "P-1"]
    assert {sheet.cell(row, 1).data_type for row in (2, 3, 4)} == {"s"}


def test_csv_downloads_neutralise_formula_like_text():
    frame = pd.DataFrame(
        {
            "client": ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "Acme"],
            "margin": [-0.5, 1, 2, 3],
        }
    )
    rows = list(csv.reader(io.StringIO(cells.csv_bytes(frame).decode("utf-8-sig"))))
    assert rows == [
        ["client", "margin"],
        ['\'=HYPERLINK("http://x","y")', "-0.5"],  # numbers stay numbers
        ["'@SUM(1)", "1.0"],
        ["'+1", "2.0"],
        ["Acme", "3.0"],
    ]


def test_the_pages_csv_downloads_keep_formula_like_names_text(odd_names_db, monkeypatch, downloads):
    from test_app import run_app

    odd = '=HYPERLINK("http://x","y")'
    app = run_app(odd_names_db, monkeypatch)
    assert not app.exception
    rows = list(csv.reader(io.StringIO(downloads["clients.csv"]().decode("utf-8-sig"), newline="")))
    assert [rows[0][0], "'" + odd] == ["client", next(r[0] for r in rows if odd in r[0])]
    # As a spreadsheet splits the file: the name with a carriage return stays one cell, and no
    # cell anywhere starts a formula.
    assert "x\r=2+2" in [row[0] for row in rows]
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "@"))]
    app = run_app(odd_names_db, monkeypatch, client=odd)
    app.switch_page("app_pages/client.py").run()
    assert not app.exception and shown(app.title[0].value) == odd
    projects = csv.reader(io.StringIO(downloads["projects.csv"]().decode("utf-8-sig")))
    assert ["P-9", "'@SUM(1)"] in [row[:2] for row in projects]


def test_a_long_name_makes_a_short_file_name_that_still_tells_it_apart():
    long = "Very Long Client Name " + "Extraordinarily Lengthy Holdings " * 6 + "GmbH & Co. KG"
    first, second = (files.monthly_name(n, date(2026, 2, 1)) for n in (long, long + " II"))
    head = "monthly-report-very-long-client-name-extraordinarily-lengthy-holdings-extraordinarily"
    assert re.fullmatch(rf"{head}-[0-9a-f]{{8}}-2026-02\.xlsx", first)  # 71 + 1 + 8 bytes
    assert first != second and second.startswith(head)
    # "ærøx-" is 7 bytes: 10 of them and one byte of the next "æ" fill 71; that byte is dropped.
    accented = files.monthly_name("Ærøx " * 60, date(2026, 2, 1))
    assert re.fullmatch(rf"monthly-report-{'-'.join(['ærøx'] * 10)}-[0-9a-f]{{8}}-2026-02\.xlsx",
                        accented)  # fmt: skip
    assert (
        files.monthly_name("Acme & Co.", date(2026, 2, 1)) == "monthly-report-acme-co-2026-02.xlsx"
    )


def test_markdown_shows_names_as_written():
    table = content.Table(["Client"], [["a|b *c*"]])
    text = markdown.render(Report("T", "S", "x", (Section("S", table=table),))).decode()
    assert "| a\\|b \\*c\\* |" in text


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ('=HYPERLINK("http://evil.example","click")',
         '=HYPERLINK("http:\u2060//evil.example","click")'),
        ("https://evil.example/a_b", "https:\u2060//evil.example/a\\_b"),
        ("Visit WWW.evil.example", "Visit WWW\u2060.evil.example"),
        ("mailto:d@x.example", "mailto:d\u2060@x.example"),
        ("Café Søren: 10:30 / www", "Café Søren: 10:30 / www"),  # nothing to break
    ],
)  # fmt: skip
def test_markdown_makes_no_link_of_a_web_or_mail_address(name, written):
    # GitHub-style viewers link "http://", "https://", "www." and "name@domain" in plain text,
    # and still do once the Markdown is read with its escapes taken out; an invisible word
    # joiner (U+2060) in each leaves the text reading as written and matching none of them.
    table = content.Table(["Client"], [[name]])
    text = markdown.render(Report(name, "S", "x", (Section("S", table=table),))).decode()
    assert text.startswith(f"# {written}\n") and f"| {written} |" in text
    assert shown(written) == name


def test_the_pages_offer_the_reports_for_download(studio_db, monkeypatch):
    from test_app import run_app

    app = run_app(studio_db, monkeypatch, manager="Maya Patel")
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == [
        "Weekly status (PowerPoint)", "Weekly status (PDF)", "Weekly status (Markdown)",
        "Download CSV", "Download CSV",  # Needs attention, the clients
    ]  # fmt: skip
    app = run_app(studio_db, monkeypatch, client=ACME)
    app.switch_page("app_pages/client.py").run()
    assert not app.exception
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels[3] == "Monthly report, February 2026 (Excel)"  # the last complete month


def test_a_client_owing_nothing_gets_no_chart_of_zeros(studio_db):
    # As of 10 Jan 2026 no invoice of Acme's had been issued: nothing unpaid, nothing overdue.
    warehouse = current(str(studio_db))
    filters = scope.weekly_filters(warehouse, ACME, None, date(2026, 1, 10), EVERYONE)
    section = content.invoices_section(warehouse, filters, pd.DataFrame(
        {"invoice_number": [], "client": [], "due_date": [], "days_overdue": [], "balance": []}
    ), "EUR")  # fmt: skip
    assert section.charts == ()
    assert section.text == "No invoice overdue; EUR 0 unpaid in all (tax included)."
    # With an invoice unpaid (INV-002, due 2 Mar), the chart is there.
    report = content.weekly(warehouse, scope.weekly_filters(warehouse, ACME, None, AS_OF, EVERYONE))
    assert [s.charts != () for s in report.sections if s.title == "Invoices overdue"] == [True]
