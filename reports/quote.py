"""A what-if scenario as a live Excel workbook: its hours, rates, fee, discount and expenses as
inputs, and the SPEC §5 figures as formulas over them, so a quote can be reworked in Excel and
still add up as the What-if page adds it up (metrics.whatif)."""

from __future__ import annotations

import io

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from metrics import whatif
from metrics.catalogue import kpi
from reports.cells import formula_like
from reports.workbook import OPTIONS, cell_formats, printed

LINE_HEADINGS = (
    "Role or person",
    "Hours",
    "Cost rate",
    "Bill rate",
    "Billed by the hour",
    "Already worked",
    "Labour cost",
    "Revenue from hours",
)
HOURS, COST_RATE, BILL_RATE, BILLED, DONE, LABOUR, EARNED = range(1, 8)
FIRST_LINE = 4  # the row of the first line, under the title, the note and the headings


def render(
    name: str,
    level: str,
    baseline: whatif.Plan,
    scenario: whatif.Plan,
    target: float,
    currency: str,
) -> bytes:
    """The workbook: the scenario and the baseline, each on its own sheet."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, OPTIONS)
    formats = cell_formats(book, currency)
    title = f"What-if: {name.strip() or 'unsaved scenario'}"
    for sheet_name, plan in (("Scenario", scenario), ("Baseline", baseline)):
        sheet = book.add_worksheet(sheet_name)
        plan_sheet(sheet, f"{title} · {sheet_name.lower()}", level, plan, target, currency, formats)
    book.close()
    return out.getvalue()


def plan_sheet(
    sheet: Worksheet,
    title: str,
    level: str,
    plan: whatif.Plan,
    target: float,
    currency: str,
    formats: dict[str, Format],
) -> None:
    """One plan: its lines, then its inputs, then its figures as formulas over both."""
    sheet.write_string(0, 0, title, formats["title"])
    sheet.write_string(
        1,
        0,
        f"{level} · amounts in {currency} · target delivery margin {target:.0%}. The figures "
        "follow the hours, rates and inputs typed here; a line already worked takes no discount.",
    )
    for column, heading in enumerate(LINE_HEADINGS):
        sheet.write_string(FIRST_LINE - 1, column, heading, formats["heading"])
    # One blank line when there are none, so that the sums have a range to add up.
    last = FIRST_LINE + max(len(plan.lines), 1) - 1
    inputs = last + 2
    discount = xl_rowcol_to_cell(inputs + 1, 1, row_abs=True, col_abs=True)
    for row, line in enumerate(plan.lines, start=FIRST_LINE):
        who_format = formats["quoted"] if formula_like(line.who) else formats["text"]
        sheet.write_string(row, 0, line.who, who_format)
        sheet.write_number(row, HOURS, line.hours, formats["hours"])
        sheet.write_number(row, COST_RATE, line.cost_rate, formats["rate"])
        sheet.write_number(row, BILL_RATE, line.bill_rate, formats["rate"])
        sheet.write_boolean(row, BILLED, line.billed)
        sheet.write_boolean(row, DONE, line.done)
        cell = {c: xl_rowcol_to_cell(row, c) for c in (HOURS, COST_RATE, BILL_RATE, BILLED, DONE)}
        sheet.write_formula(
            row,
            LABOUR,
            f"={cell[HOURS]}*{cell[COST_RATE]}",
            formats["money"],
            line.hours * line.cost_rate,
        )
        sheet.write_formula(
            row,
            EARNED,
            f"=IF({cell[BILLED]},{cell[HOURS]}*{cell[BILL_RATE]}*(1-IF({cell[DONE]},0,{discount})),0)",
            formats["money"],
            whatif.line_revenue(line, plan.discount_pct),
        )
    given = {
        "fee": ("Fee (fixed fee or retainer months)", plan.fee, "money"),
        "discount": ("Discount, off planned hours and the fee", plan.discount_pct, "pct"),
        "expenses": ("Expenses, pass-through included", plan.expenses, "money"),
        "pass_through": ("Of which passed on to the client at cost", plan.pass_through, "money"),
        "rebilled": ("Expenses billed to the client on top", plan.rebilled, "money"),
    }
    sheet.write_string(inputs - 1, 0, "Inputs", formats["heading"])
    at: dict[str, str] = {}
    for row, (key, (label, value, unit)) in enumerate(given.items(), start=inputs):
        sheet.write_string(row, 0, label)
        sheet.write_number(row, 1, value, formats[unit])
        at[key] = xl_rowcol_to_cell(row, 1)
    figures_at = inputs + len(given) + 1
    _figures(sheet, plan, figures_at, (FIRST_LINE, last), at, formats)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, len(LINE_HEADINGS) - 1, 16)
    sheet.freeze_panes(FIRST_LINE, 1)
    printed(sheet, pages_high=0)


def _figures(
    sheet: Worksheet,
    plan: whatif.Plan,
    top: int,
    lines: tuple[int, int],
    at: dict[str, str],
    formats: dict[str, Format],
) -> None:
    """The plan's figures from row `top`: each a formula (as metrics.whatif works it out) with
    the value the page shows, for readers that do not recalculate."""
    first, last = lines

    def column(index: int) -> str:
        return f"{xl_rowcol_to_cell(first, index)}:{xl_rowcol_to_cell(last, index)}"

    result = whatif.outcome(plan)
    earned = sum(whatif.line_revenue(line, plan.discount_pct) for line in plan.lines)
    # Each figure: its label, its formula over the cells above it, the value and the unit.
    figures = {
        "hours": (kpi("hours").label, f"=SUM({column(HOURS)})", result.hours, "hours"),
        "labour": (kpi("labour_cost").label, f"=SUM({column(LABOUR)})", result.labour_cost),
        "earned": ("Revenue from hours", f"=SUM({column(EARNED)})", earned),
        "fee": (
            "Fee after discount",
            f"={at['fee']}*(1-{at['discount']})",
            plan.fee * (1 - plan.discount_pct),
        ),
        "revenue": ("Revenue", f"={{earned}}+{{fee}}+{at['rebilled']}", result.revenue),
        "profit": (
            kpi("gross_profit").label,
            f"={{revenue}}-{{labour}}-{at['expenses']}",
            result.gross_profit,
        ),
        "margin": (
            kpi("margin_pct").label,
            '=IF({revenue}=0,"",{profit}/{revenue})',
            result.margin_pct,
            "pct",
        ),
        "agi": (kpi("agi").label, f"={{revenue}}-{at['pass_through']}", result.agi),
        "delivery": (
            kpi("delivery_margin_pct").label,
            '=IF({agi}=0,"",({agi}-{labour})/{agi})',
            result.delivery_margin_pct,
            "pct",
        ),
        "rate": (
            kpi("effective_rate").label,
            '=IF({hours}=0,"",{revenue}/{hours})',
            result.effective_rate,
            "rate",
        ),
    }
    sheet.write_string(top - 1, 0, "Figures", formats["heading"])
    cells: dict[str, str] = {}
    for row, (key, (label, formula, value, *unit)) in enumerate(figures.items(), start=top):
        cells[key] = xl_rowcol_to_cell(row, 1)
        sheet.write_string(row, 0, label)
        shown = formats[unit[0] if unit else "money"]
        sheet.write_formula(row, 1, formula.format(**cells), shown, "" if value is None else value)
