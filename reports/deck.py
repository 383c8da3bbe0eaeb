"""The weekly status report as a 16:9 PowerPoint deck with native, editable charts."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.util import Emu, Inches, Pt

from metrics.palette import MUTED_COLOUR, PROFIT_COLOUR, REVENUE_COLOUR
from reports.cells import neutralised
from reports.content import Chart, Report, Section, Table

WIDTH, HEIGHT = Inches(40 / 3), Inches(7.5)  # 16:9
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.9)
TEXT_TOP = Inches(1.05)
# A section's text at 16 pt across the slide: about 110 characters and 0.3 inch a line.
TEXT_LINE_CHARACTERS = 110
TEXT_LINE_HEIGHT = Inches(0.3)
# The title slide's title: (points, characters a line, line height) at its usual size, and
# smaller for a long name; past five lines of the smaller it is cut short.
TITLE_SIZES = ((36, 44, Inches(0.6)), (24, 64, Inches(0.4)))
TITLE_LINES = 5
# A table cell at 11 pt holds about 13 characters an inch; past two lines a row would push the
# table off the slide, so its text is cut there (the Markdown and the workbook keep it whole).
CELL_CHARACTERS_PER_INCH = 13
CELL_LINES = 2
GAP = Inches(0.3)
BLANK_LAYOUT = 6
COLOURS = [
    RGBColor.from_string(c.lstrip("#")) for c in (REVENUE_COLOUR, MUTED_COLOUR, PROFIT_COLOUR)
]
CHART_TYPES = {
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}
NUMBER_FORMATS = {
    "money": "#,##0",
    "pct": "0%",
    "growth": "+0%;-0%;0%",
    "hours": "#,##0",
    "count": "0",
}


def render(report: Report) -> bytes:
    """The deck: a title slide, then one slide per section."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    title_slide(deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT]), report)
    for section in report.sections:
        section_slide(deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT]), section)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _text(slide: Slide, text: str, top: Emu, height: Emu, size: int, bold: bool = False) -> None:
    """A full-width, word-wrapped text box."""
    box = slide.shapes.add_textbox(MARGIN, top, WIDTH - 2 * MARGIN, height)
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold = Pt(size), bold
    if bold:
        run.font.color.rgb = COLOURS[0]


def title_slide(slide: Slide, report: Report) -> None:
    """The report's title and what it covers."""
    title = report.title
    size, characters, line = next(
        (s for s in TITLE_SIZES if len(title) <= 3 * s[1]), TITLE_SIZES[-1]
    )
    if len(title) > TITLE_LINES * characters:
        title = title[: TITLE_LINES * characters - 1].rstrip() + "…"
    height = line * -(-len(title) // characters) + Inches(0.2)
    top = min(Inches(2.2), HEIGHT - height - Inches(1.4))
    _text(slide, title, top, height, size, bold=True)
    _text(slide, report.subtitle, top + height + Inches(0.2), Inches(0.6), 18)


def section_slide(slide: Slide, section: Section) -> None:
    """A heading, its text, then its charts side by side and its table (right of a chart),
    below the text however many lines it takes."""
    _text(slide, section.title, Inches(0.3), Inches(0.8), 28, bold=True)
    top = CONTENT_TOP
    if section.text:
        lines = -(-len(section.text) // TEXT_LINE_CHARACTERS)
        height = TEXT_LINE_HEIGHT * lines + Inches(0.15)
        _text(slide, section.text, TEXT_TOP, height, 16)
        top = max(CONTENT_TOP, TEXT_TOP + height + Inches(0.1))
    parts = [*section.charts, *([section.table] if section.table else [])]
    if not parts:
        return
    # A table needs more room than a chart beside it: widths in the ratio 2 (chart) to 3, and
    # up to 4 for a table whose columns hold more text (20 characters per unit).
    weights = [
        2 if isinstance(part, Chart) else max(3, min(4, sum(part.weights()) // 20))
        for part in parts
    ]
    room = WIDTH - 2 * MARGIN - GAP * (len(parts) - 1)
    left = MARGIN
    for part, weight in zip(parts, weights, strict=True):
        width = Emu(room * weight // sum(weights))
        if isinstance(part, Chart):
            add_chart(slide, part, left, top, width)
        else:
            add_table(slide, part, left, top, width)
        left += width + GAP


def add_chart(slide: Slide, chart: Chart, left: Emu, top: Emu, width: Emu) -> None:
    """A native chart from the chart's data (editable in PowerPoint, values in its workbook)."""
    data = CategoryChartData(number_format=NUMBER_FORMATS[chart.unit])
    # The chart's embedded workbook is written with formulas on: keep labels text.
    data.categories = [neutralised(c) for c in chart.categories]
    for name, values in chart.series.items():
        data.add_series(name, values)
    height = HEIGHT - top - Inches(0.4)
    frame = slide.shapes.add_chart(CHART_TYPES[chart.kind], left, top, width, height, data)
    plot = frame.chart
    plot.has_title = True
    plot.chart_title.text_frame.text = chart.title
    plot.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    plot.has_legend = len(chart.series) > 1
    if plot.has_legend:
        plot.legend.position = XL_LEGEND_POSITION.BOTTOM
        plot.legend.include_in_layout = False
    plot.value_axis.tick_labels.number_format = NUMBER_FORMATS[chart.unit]
    plot.value_axis.tick_labels.number_format_is_linked = False
    plot.value_axis.has_major_gridlines = True
    if chart.currency and chart.unit == "money":  # the values' unit, beside the axis
        plot.value_axis.has_title = True
        plot.value_axis.axis_title.text_frame.text = chart.currency
    values = [v for series in chart.series.values() for v in series if v is not None]
    if chart.kind != "line" and min(values, default=0) >= 0:
        # A bar's length is its value: PowerPoint's own axis may start near the smallest one.
        plot.value_axis.minimum_scale = 0
    plot.font.size = Pt(11)
    if chart.kind == "bar":  # PowerPoint draws the first category at the bottom otherwise
        plot.category_axis.reverse_order = True
    for series, colour in zip(plot.series, COLOURS, strict=False):
        if chart.kind == "line":
            series.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if chart.kind != "line" and len(chart.categories) <= 8:
        plot.plots[0].has_data_labels = True
        labels = plot.plots[0].data_labels
        labels.number_format = NUMBER_FORMATS[chart.unit]
        labels.number_format_is_linked = False
        labels.font.size = Pt(10)


def add_table(slide: Slide, table: Table, left: Emu, top: Emu, width: Emu) -> None:
    """A native table: a heading row, then the rows as text."""
    rows = len(table.rows) + 1
    shape = slide.shapes.add_table(rows, len(table.columns), left, top, width, Inches(0.32) * rows)
    cells = shape.table
    weights = table.weights()
    most = []
    for c, weight in enumerate(weights):
        cells.columns[c].width = Emu(width * weight // sum(weights))
        most.append(int(cells.columns[c].width / Inches(1) * CELL_CHARACTERS_PER_INCH) * CELL_LINES)
    figures = table.figure_columns()
    align = [PP_ALIGN.RIGHT if figure else PP_ALIGN.LEFT for figure in figures]
    for r, row in enumerate([table.columns, *table.rows]):
        for c, text in enumerate(row):
            # Only words are cut: a figure (or its heading) always shows whole.
            whole = figures[c] or len(text) <= most[c]
            shown = text if whole else text[: most[c] - 1].rstrip() + "…"
            _cell(cells.cell(r, c), shown, align[c], bold=r == 0)


def _cell(cell: _Cell, text: str, align: PP_ALIGN, bold: bool = False) -> None:
    """Set a table cell's text in the deck's table font, aligned (figures to the right)."""
    cell.text = text
    for paragraph in cell.text_frame.paragraphs:
        paragraph.alignment = align
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(11), bold
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.margin_left = cell.margin_right = Inches(0.06)
