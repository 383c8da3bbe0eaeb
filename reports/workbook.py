"""The monthly client report as an Excel workbook: number formats, frozen headers, filters and a
native chart; text is always written as text, never as a formula or a link."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from metrics import periods
from metrics.catalogue import column_spec, in_table_unit
from metrics.palette import REVENUE_COLOUR, TO_DATE_OPACITY
from reports.cells import formula_like
from reports.content import MonthlyReport

OPTIONS = {
    "in_memory": True,
    # A client or project named '=HYPERLINK(…)' must stay text (formula injection).
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def render(report: MonthlyReport) -> bytes:
    """The workbook: Summary (figures, 12-month trend and its chart), then one sheet per table."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, OPTIONS)
    styles = cell_formats(book, report.currency)
    summary(book, book.add_worksheet("Summary"), report, styles)
    for name, frame in report.sheets.items():
        sheet = book.add_worksheet(name)
        note = report.sheet_notes.get(name, "")
        top = 1 if note else 0  # a sheet's note, when it has one, above its table
        if note:
            sheet.write_string(0, 0, note)
        write_table(sheet, frame, top, styles)
        if frame.empty:
            sheet.write_string(top + 1, 0, f"None in {report.month:%B %Y}.")
        sheet.freeze_panes(top + 1, 0)
        sheet.autofilter(top, 0, top + max(len(frame), 1), len(frame.columns) - 1)
        printed(sheet, pages_high=0)
        sheet.repeat_rows(top)  # the headings on every printed page
    book.close()
    return out.getvalue()


def printed(sheet: Worksheet, pages_high: int) -> None:
    """Print landscape on A4, one page wide and `pages_high` pages high (0: as many as needed)."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, pages_high)


def cell_formats(book: xlsxwriter.Workbook, currency: str) -> dict[str, Format]:
    """One cell format per unit, plus headings and text that looks like a formula."""
    # A negative amount reads 'EUR -1,567', as on the pages and in the reports' figures.
    money = f'"{currency}" #,##0;"{currency}" -#,##0'
    formats = {
        "money": {"num_format": money},
        "rate": {"num_format": f'"{currency}" #,##0.00'},
        "pct": {"num_format": "0.0%"},
        "growth": {"num_format": "+0.0%;-0.0%;0.0%"},
        "pts": {"num_format": '+0.0" pts";-0.0" pts";0.0" pts"'},
        "hours": {"num_format": "#,##0.0"},
        "count": {"num_format": "#,##0"},
        "date": {"num_format": "d mmm yyyy"},
        "month": {"num_format": "mmm yyyy"},
        "text": {},
        # Excel's own "this is text" mark: the cell shows as typed and stays text when edited.
        "quoted": {"quote_prefix": True},
        "heading": {"bold": True, "bg_color": "#EBEFF4", "bottom": 1, "text_wrap": True},
        "title": {"bold": True, "font_size": 16, "font_color": REVENUE_COLOUR},
    }
    return {name: book.add_format(spec) for name, spec in formats.items()}


def write_cell(sheet: Worksheet, row: int, col: int, value: Any, unit: str, styles: dict) -> None:
    """One cell: text as text, dates as dates, numbers with their unit's format; blank if none."""
    if not isinstance(value, str) and pd.isna(value):  # None, NaN, NaT and a nullable column's NA
        return
    if isinstance(value, str):
        style = styles["quoted"] if formula_like(value) else None
        sheet.write_string(row, col, value, style)
    elif isinstance(value, datetime | date):
        moment = pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
        sheet.write_datetime(
            row, col, moment, styles[unit if unit in ("date", "month") else "date"]
        )
    else:
        sheet.write_number(row, col, float(value), styles.get(unit, styles["text"]))


def write_table(sheet: Worksheet, frame: pd.DataFrame, top: int, styles: dict) -> None:
    """A heading row at `top`, then the frame's rows; columns sized to their contents."""
    for c, name in enumerate(frame.columns):
        heading, unit = column_spec(name)
        sheet.write_string(top, c, heading, styles["heading"])
        # Excel's own % format scales a share; points have no format of their own.
        values = in_table_unit(unit, frame[name], scaled=("pts",))
        for r, value in enumerate(values.tolist(), start=top + 1):
            write_cell(sheet, r, c, value, unit, styles)
        longest = max([len(heading) // 2, *(len(str(v)) for v in frame[name].tolist()[:200])])
        sheet.set_column(c, c, min(max(longest + 2, 10), 50))


def summary(
    book: xlsxwriter.Workbook, sheet: Worksheet, report: MonthlyReport, styles: dict
) -> None:
    """The title, the month's figures, the 12-month trend and a chart of it."""
    sheet.write_string(0, 0, f"Monthly client report: {report.client}", styles["title"])
    sheet.write_string(
        1,
        0,
        f"{report.month:%B %Y} · figures as of {report.as_of:%-d %b %Y} · amounts in "
        f"{report.currency} · trend: revenue earned",
    )
    if report.note:
        sheet.write_string(2, 0, report.note)
    sheet.write_string(3, 0, "Figure", styles["heading"])
    sheet.write_string(3, 1, f"{report.month:%B %Y}", styles["heading"])
    for r, (label, unit, value) in enumerate(report.figures, start=4):
        sheet.write_string(r, 0, label)
        write_cell(sheet, r, 1, value, unit, styles)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 3, 16)
    top = 4 + len(report.figures) + 2
    running = running_month(report.trend, report.as_of)
    heading = "Last 12 months"
    if running:  # its figures are so far: said beside the table, and its bar drawn lighter
        heading += f" ({running:%B %Y} to date, {report.as_of:%-d %b})"
    sheet.write_string(top - 1, 0, heading, styles["heading"])
    write_table(sheet, report.trend, top, styles)
    sheet.set_column(0, 0, 30)
    sheet.freeze_panes(2, 0)
    printed(sheet, pages_high=1)
    chart(book, sheet, top, len(report.trend), report.currency, to_date=running is not None)


def running_month(trend: pd.DataFrame, as_of: date) -> date | None:
    """The trend's last month when it is still running at `as_of`, else None."""
    if trend.empty:
        return None
    last = pd.Timestamp(trend["month"].iloc[-1]).date()
    return last if periods.still_running(last, "month", as_of) else None


def chart(
    book: xlsxwriter.Workbook,
    sheet: Worksheet,
    top: int,
    months: int,
    currency: str,
    to_date: bool = False,
) -> None:
    """Revenue per month as columns and gross margin as a line on a second axis, from the
    trend table (columns month, revenue, hours, margin_pct) at row `top`; with `to_date`, the
    last month is still running and its column is drawn lighter."""
    if months == 0:
        return
    first, last = top + 1, top + months
    fill = {"color": REVENUE_COLOUR}
    lighter = {"fill": {**fill, "transparency": round(100 * (1 - TO_DATE_OPACITY))}}
    plot = book.add_chart({"type": "column"})
    plot.add_series(
        {
            "name": ["Summary", top, 1],
            "categories": ["Summary", first, 0, last, 0],
            "values": ["Summary", first, 1, last, 1],
            "fill": fill,
            "points": [None] * (months - 1) + [lighter] if to_date else None,
        }
    )
    margin = book.add_chart({"type": "line"})
    margin.add_series(
        {
            "name": ["Summary", top, 3],
            "categories": ["Summary", first, 0, last, 0],
            "values": ["Summary", first, 3, last, 3],
            "y2_axis": True,
            "marker": {"type": "circle"},
        }
    )
    plot.combine(margin)
    plot.set_title({"name": "Revenue and gross margin, last 12 months"})
    plot.set_y_axis({"name": currency, "num_format": "#,##0", "major_gridlines": {"visible": True}})
    margin.set_y2_axis({"name": "Gross margin", "num_format": "0%"})
    plot.set_x_axis({"num_format": "mmm yyyy"})  # 'Dec 25' would read as a day
    plot.set_legend({"position": "bottom"})
    plot.set_size({"width": 720, "height": 360})
    sheet.insert_chart(3, 4, plot)
