"""The studio's own templates: projects and deliverables workbooks, expenses, rate card and
clients."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from demo.model import Studio, data_years, money, yes_no
from demo.spec import (
    CLIENTS,
    CLIENTS_HEADER,
    DELIVERABLES_HEADER,
    EXPENSES_HEADER,
    MANAGERS,
    PROJECTS_HEADER,
    RATE_CARD_HEADER,
)


def _workbook(path: Path, studio: Studio) -> xlsxwriter.Workbook:
    """A workbook whose bytes depend only on its content (fixed creation time, zip dates)."""
    # in_memory also makes xlsxwriter stamp every zip member with 1980-01-01.
    book = xlsxwriter.Workbook(str(path), {"in_memory": True})
    as_of = studio.as_of
    book.set_properties({"created": datetime(as_of.year, as_of.month, as_of.day)})
    return book


def _write_sheet(
    path: Path, studio: Studio, sheet: str, header: list[str], rows: list[list[object]]
) -> None:
    """One-sheet workbook: bold header, real Excel dates, blanks left empty."""
    book = _workbook(path, studio)
    ws = book.add_worksheet(sheet)
    bold = book.add_format({"bold": True})
    day_format = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, header, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day_format)
            else:
                ws.write(r, c, value)
    ws.set_column(0, len(header) - 1, 16)
    ws.freeze_panes(1, 0)
    book.close()


def write_projects(path: Path, studio: Studio) -> None:
    """The studio's projects template."""
    lead = {c: MANAGERS[s.manager] for c, s in enumerate(CLIENTS)}
    rows: list[list[object]] = []
    for p in sorted(studio.projects, key=lambda p: int(p.code[2:])):
        amount = None if p.budget_cents is None else p.budget_cents / 100
        rows.append(
            [
                p.code,
                p.name,
                CLIENTS[p.client].name,
                p.line.capitalize(),
                p.billing,
                p.budget_hours,
                amount,
                "EUR",
                p.start,
                p.due,
                p.delivered,
                p.status,
                lead[p.client],
            ]
        )
    _write_sheet(path, studio, "Projects", PROJECTS_HEADER, rows)


def write_deliverables(path: Path, studio: Studio) -> None:
    """The studio's deliverables template (Original Due Date only where the date moved)."""
    rows: list[list[object]] = []
    for p in sorted(studio.projects, key=lambda p: int(p.code[2:])):
        for d in sorted(p.deliverables, key=lambda d: (d.due, d.name)):
            rows.append([p.code, d.name, d.due, d.delivered, d.original_due])
    _write_sheet(path, studio, "Deliverables", DELIVERABLES_HEADER, rows)


def write_expenses(path: Path, studio: Studio) -> None:
    """The studio's expenses template."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(EXPENSES_HEADER)
        for e in studio.expenses:
            out.writerow(
                [
                    e.day.isoformat(),
                    studio.projects[e.project].code,
                    e.category,
                    money(e.cents),
                    yes_no(e.billable),
                    yes_no(e.pass_through),
                ]
            )


def write_rate_card(path: Path, studio: Studio) -> None:
    """One row per person per rate period: from their start, then every 1 January."""
    rows = []
    for p in studio.people:
        if not p.in_rate_card:
            continue
        for year in data_years(studio):
            valid_from = max(p.start, date(year, 1, 1))
            if valid_from.year != year or (p.end is not None and p.end < valid_from):
                continue
            rows.append(
                [
                    p.name,
                    p.role,
                    money(p.cost[year]),
                    money(studio.bill_rates[p.role, year]),
                    p.capacity,
                    valid_from.isoformat(),
                ]
            )
    rows.sort(key=lambda r: (r[0], r[5]))
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(RATE_CARD_HEADER)
        out.writerows(rows)


def write_clients(path: Path, studio: Studio) -> None:
    """The studio's clients template with account managers and alias spellings."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(CLIENTS_HEADER)
        for spec in sorted(CLIENTS, key=lambda s: s.name):
            out.writerow([spec.name, MANAGERS[spec.manager], ";".join(spec.aliases)])
