"""The weekly status report as a landscape A4 PDF, in a Unicode font (DejaVu Sans)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from metrics.palette import LOSS_COLOUR, MUTED_COLOUR, REVENUE_COLOUR
from reports.content import Chart, Report, Table, chart_table
from reports.scope import ReportError

# Debian's fonts-dejavu-core; the core PDF fonts cannot show '–', '€' or 'ø'.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
BAR_WIDTH = 70  # mm for the longest bar of a chart


def render(report: Report) -> bytes:
    """The report: its title, then each section's text, charts (as bars with their values) and
    table."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    _fonts(pdf)
    pdf.add_page()
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(REVENUE_COLOUR)
    pdf.multi_cell(0, 10, report.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, 6, report.subtitle, new_x="LMARGIN", new_y="NEXT")
    for section in report.sections:
        pdf.ln(4)
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        if section.text:
            pdf.multi_cell(0, 5, section.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        for chart in section.charts:
            bars(pdf, chart)
        if section.table:
            table(pdf, section.table)
    return bytes(pdf.output())


def _fonts(pdf: FPDF) -> None:
    """Register DejaVu Sans (regular and bold: table headings are bold)."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        raise ReportError(
            f"The PDF needs the DejaVu Sans font in {FONT_DIR} (Debian: apt-get install "
            "fonts-dejavu-core); the .pptx and .md reports do not."
        )
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))


def bars(pdf: FPDF, chart: Chart) -> None:
    """A chart as rows of its values, each with a bar scaled to the largest value."""
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(0, 6, chart.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    values = [v for series in chart.series.values() for v in series if v is not None]
    top = max((abs(v) for v in values), default=0) or 1
    label_width = 70
    for n, row in enumerate(chart_table(chart).rows):
        if pdf.will_page_break(5 * len(chart.series)):
            pdf.add_page()
        for s, (name, series) in enumerate(chart.series.items()):
            y = pdf.get_y()
            label = fitted(pdf, row[0], label_width) if s == 0 else ""
            pdf.cell(label_width, 5, label, new_x="RIGHT", new_y="TOP")
            pdf.cell(35, 5, f"{name}: " if len(chart.series) > 1 else "", align="R")
            pdf.cell(30, 5, row[s + 1], align="R")
            value = series[n]
            if value is not None:
                colour = (REVENUE_COLOUR if s == 0 else MUTED_COLOUR) if value >= 0 else LOSS_COLOUR
                pdf.set_fill_color(colour)
                pdf.rect(pdf.get_x() + 3, y + 1, max(BAR_WIDTH * abs(value) / top, 0.3), 3, "F")
            pdf.set_xy(pdf.l_margin, y + 5)
    pdf.ln(3)


def fitted(pdf: FPDF, text: str, width: float) -> str:
    """`text` cut short with '…' to fit a cell `width` mm wide in the current font: a chart's
    label would otherwise run over its figures (the tables wrap theirs)."""
    room = width - 2 * pdf.c_margin
    if pdf.get_string_width(text) <= room:
        return text
    while text and pdf.get_string_width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def table(pdf: FPDF, content: Table) -> None:
    """A table with a bold heading row; figures right-aligned."""
    align = ["RIGHT" if figures else "LEFT" for figures in content.figure_columns()]
    pdf.set_font(FONT, "", 9)
    pdf.set_fill_color(243, 245, 248)  # the zebra rows take the current fill colour
    with pdf.table(
        col_widths=content.weights(),
        text_align=align,
        cell_fill_mode="ROWS",
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 239, 244)),
        line_height=5,
    ) as grid:
        for row in [content.columns, *content.rows]:
            cells = grid.row()
            for text in row:
                cells.cell(text)
    pdf.ln(3)
