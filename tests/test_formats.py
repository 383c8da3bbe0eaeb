"""Each supported export, as the tool writes it (quirks included), loads exactly as in the file."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from etl.load import ImportFailure, load_files
from studio import query, write_workbook

FORMATS = Path(__file__).parent / "fixtures" / "formats"


@pytest.fixture
def load(tmp_path: Path):
    """Load fixture files into a fresh warehouse and return (results by file, warehouse)."""

    def load_(*names: str, **settings: str) -> tuple[dict, Path]:
        pointer = tmp_path / "studio.duckdb"
        files = [FORMATS / n for n in names]
        results = load_files(files, pointer, echo=lambda _: None, settings=settings)
        return {r.name: r for r in results}, pointer

    return load_


def entries(pointer: Path) -> list[tuple]:
    """Loaded time entries: date, client, person, task, hours, billable, bill rate."""
    return query(
        pointer,
        "SELECT entry_date, client, trim(person), task, hours, billable, bill_rate "
        "FROM raw_time_entries ORDER BY entry_date, person",
    )


def test_toggl_classic_with_bom_tags_midnight_and_zero_length(load):
    results, pointer = load("toggl_classic.csv")
    assert results["toggl_classic.csv"].label == "Toggl Track detailed report"
    assert entries(pointer) == [
        (date(2026, 3, 2), "Acme Corporation", "Ada Lovelace", None, Decimal("1.5"), True, None),
        (date(2026, 3, 3), "Birch & Co", "Ben Ode", None, Decimal("0.75"), False, None),
        (date(2026, 3, 4), None, "Ben Ode", None, Decimal("0"), False, None),
    ]


def test_toggl_2024_all_quoted_newest_first_no_final_newline(load):
    results, pointer = load("toggl_2024.csv")
    assert (results["toggl_2024.csv"].rows_loaded, results["toggl_2024.csv"].rows_rejected) == (
        2,
        0,
    )
    assert [(e[0], e[2], e[4]) for e in entries(pointer)] == [
        (date(2026, 3, 4), "ada@studio.example", Decimal("1")),
        (date(2026, 3, 5), "ada@studio.example", Decimal("2.25")),
    ]


def test_clockify_both_layouts_day_and_month_first(load):
    results, pointer = load("clockify_17.csv", "clockify_21.csv")
    assert {r.label for r in results.values()} == {"Clockify detailed report"}
    assert [(e[0], e[2], e[3], e[4], e[5]) for e in entries(pointer)] == [
        (date(2026, 3, 12), "Cleo Stone", "Retouch", Decimal("0.3333"), False),
        (date(2026, 3, 13), "Ada Lovelace", "Design", Decimal("2.5"), True),
        (date(2026, 3, 16), "Ada Lovelace", "Design", Decimal("2.25"), True),  # Activity column
    ]


def test_kimai_semicolons_decimal_commas_and_localized_no(load):
    _, pointer = load("kimai.csv")
    assert entries(pointer) == [
        (date(2026, 3, 27), "Acme Corporation", "Ada Lovelace", "Design", Decimal("1.5"), True,
         Decimal("120")),
        # Across midnight: the duration counts, not the clock times.
        (date(2026, 3, 27), "Birch & Co", "Cleo Stone", "Retouch", Decimal("2.5"), False,
         Decimal("0")),
    ]  # fmt: skip


def test_harvest_projects_budget_in_hours_or_money(load):
    _, pointer = load("harvest_projects.csv")
    rows = query(
        pointer,
        "SELECT project_code, client, budget_hours, budget_amount, due_date FROM raw_projects "
        "ORDER BY project_code",
    )
    assert rows == [
        ("Café Søren / Menu photography", "Café Søren", None, Decimal("4500"), date(2026, 2, 28)),
        ("P-1", "Acme Corporation", Decimal("20"), None, date(2026, 3, 31)),
    ]


def test_invoice_exports_give_net_amounts_tax_and_payments(load):
    results, pointer = load(
        "harvest_invoices.csv", "quickbooks_invoices.csv", "freshbooks_invoices.csv"
    )
    # QuickBooks: 3 invoices; the three title rows, the TOTAL row and the footer are skipped.
    quickbooks = results["quickbooks_invoices.csv"]
    counts = (quickbooks.rows_read, quickbooks.rows_loaded, quickbooks.rows_rejected)
    assert (*counts, quickbooks.rows_skipped) == (8, 3, 0, 5)
    skipped = query(pointer, "SELECT line, reason FROM skipped_rows ORDER BY line")
    assert [(line, reason.split(" (")[0]) for line, reason in skipped] == [
        (1, "a title row before the header"),
        (2, "a title row before the header"),
        (3, "a title row before the header"),
        (9, "a total row"),
        (12, "a report footer"),
    ]
    # FreshBooks: three lines, two invoices.
    assert results["freshbooks_invoices.csv"].rows_loaded == 3
    rows = query(
        pointer,
        "SELECT invoice_number, client, issue_date, due_date, amount, tax, paid_amount, paid_date "
        "FROM raw_invoices ORDER BY invoice_number",
    )
    # Payment dates: FreshBooks' Date Paid and Harvest's Last Payment Date; QuickBooks' Invoice
    # List has none.
    assert rows == [
        ("0000001", "Café Søren", date(2026, 2, 28), date(2026, 3, 30), Decimal("1750"),
         Decimal("350"), Decimal("2100"), date(2026, 3, 12)),
        ("0000002", "Café Søren", date(2026, 3, 31), date(2026, 4, 30), Decimal("1500"),
         Decimal("300"), Decimal("0"), None),
        ("1042", "Acme Corporation", date(2026, 3, 4), date(2026, 4, 3), Decimal("1250"),
         Decimal("0"), Decimal("0"), None),
        ("1043", "Acme Corporation", date(2026, 3, 14), date(2026, 3, 14), Decimal("-100"),
         Decimal("0"), Decimal("-100"), None),
        ("1044", "Birch & Co", date(2026, 3, 20), date(2026, 4, 19), Decimal("1000"),
         Decimal("0"), Decimal("1000"), None),
        # Harvest: Invoice Amount includes tax; no due date in the export.
        ("AMP.11.104", "Birch & Co", date(2026, 2, 28), None, Decimal("1000"), Decimal("200"),
         Decimal("1200"), date(2026, 3, 10)),
        ("AMP.11.105", "Acme Corporation", date(2026, 3, 31), None, Decimal("325"),
         Decimal("65"), Decimal("0"), None),
    ]  # fmt: skip
    # The Harvest invoice is due 30 days after issue; its project comes from the subject.
    status = query(
        pointer,
        "SELECT due_date, balance, status FROM invoice_status WHERE invoice_number = 'AMP.11.105'",
        as_of=date(2026, 5, 15),
    )
    assert status == [(date(2026, 4, 30), Decimal("390.00"), "overdue")]


def test_harvest_expenses_link_by_code_or_name(load):
    _, pointer = load("harvest_expenses.csv")
    rows = query(
        pointer, "SELECT category, amount, billable, pass_through FROM raw_expenses ORDER BY 1"
    )
    assert rows == [
        ("Couriers", Decimal("35"), False, False),
        ("Print", Decimal("120.5"), True, False),
    ]


def test_a_number_with_the_other_decimal_separator_is_rejected_not_misread(load, tmp_path):
    mixed = tmp_path / "projects.csv"
    mixed.write_text(
        "Client,Project,Project Code,Budget By,Budget\n"
        "Acme,Brand,P-1,Hours,6.5\n"
        'Acme,Pack,P-2,Total project fees,"4.500,00"\n'
    )
    (result,) = load_files([mixed], tmp_path / "w.duckdb", echo=lambda _: None)
    assert (result.rows_loaded, result.rows_rejected) == (1, 1)
    assert query(tmp_path / "w.duckdb", "SELECT line, column_name, value FROM rejects") == [
        (3, "Budget", "4.500,00")
    ]


def test_the_payment_term_and_reporting_currency_can_be_set(tmp_path):
    pointer = tmp_path / "w.duckdb"
    settings = {"payment_term_days": "14", "reporting_currency": "EUR"}
    load_files([FORMATS / "harvest_invoices.csv"], pointer, echo=lambda _: None, settings=settings)
    due = query(pointer, "SELECT due_date FROM invoice_status WHERE invoice_number = 'AMP.11.105'")
    assert due == [(date(2026, 4, 14),)]  # 31 March + 14 days
    with pytest.raises(ImportFailure, match="reports in EUR"):
        load_files(
            [FORMATS / "harvest_invoices.csv"], pointer, settings={"reporting_currency": "USD"}
        )


def test_amounts_in_another_currency_are_converted_at_the_rate_of_their_date(load):
    results, pointer = load(
        "invoices_multi_currency.csv", "exchange_rates.csv", reporting_currency="EUR"
    )
    invoices = results["invoices_multi_currency.csv"]
    assert (invoices.rows_loaded, invoices.rows_rejected) == (3, 1)
    rows = query(pointer, "SELECT invoice_number, amount, paid_amount FROM raw_invoices ORDER BY 1")
    assert rows == [
        ("E-1", Decimal("1000"), Decimal("0")),
        ("U-1", Decimal("900"), Decimal("900")),  # 0.90 from 1 January
        ("U-2", Decimal("1900"), Decimal("0")),  # 0.95 from 1 March
    ]
    reject = query(pointer, "SELECT line, column_name, value, reason FROM rejects")
    assert [r[:3] for r in reject] == [(5, "Currency", "GBP")]
    assert "no exchange rate" in reject[0][3]


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("toggl_classic.csv", "raw_time_entries"),
        ("clockify_17.csv", "raw_time_entries"),
        ("harvest_projects.csv", "raw_projects"),
        ("quickbooks_invoices.csv", "raw_invoices"),
        ("freshbooks_invoices.csv", "raw_invoices"),
        ("harvest_invoice_lines.csv", "raw_invoice_lines"),
        ("clockify_projects.csv", "raw_projects"),
    ],
)
def test_the_same_export_saved_as_xlsx_loads_the_same_rows(tmp_path, name, table):
    text = (FORMATS / name).read_text(encoding="utf-8-sig")
    rows = [tuple(row) for row in csv.reader(io.StringIO(text, newline=""))]
    workbook = write_workbook(tmp_path / name.replace(".csv", ".xlsx"), "Export", rows)
    loaded = []
    for path in (FORMATS / name, workbook):
        pointer = tmp_path / path.suffix[1:] / "studio.duckdb"
        load_files([path], pointer, echo=lambda _: None)
        # `line` is the file's line in a CSV and the sheet's row in a workbook (a cell may hold
        # a line break), so it is compared through the order only.
        loaded.append(
            query(pointer, f"SELECT * EXCLUDE (file_id, line) FROM {table} ORDER BY line")
        )
    assert loaded[0] == loaded[1] and loaded[0]


def test_clockify_projects_estimate_is_the_budget_and_entries_link_by_name(load):
    results, pointer = load("clockify_projects.csv", "clockify_21.csv")
    projects = results["clockify_projects.csv"]
    assert (projects.rows_read, projects.rows_loaded, projects.rows_rejected) == (3, 3, 0)
    rows = query(pointer, "SELECT project_code, client, budget_hours FROM raw_projects ORDER BY 1")
    assert rows == [
        ("Acme Corporation / Brand refresh", "Acme Corporation", Decimal("20")),
        ("Birch & Co / Monthly retouching", "Birch & Co", None),
        ("Studio admin", None, Decimal("10.5")),
    ]
    linked = query(pointer, "SELECT DISTINCT project_code FROM time_entries ORDER BY 1")
    assert linked == [("Acme Corporation / Brand refresh",)]


def test_harvest_invoice_lines_name_the_project_an_invoice_bills(tmp_path):
    projects = tmp_path / "projects.csv"
    projects.write_text(
        "Client,Project,Project Code,Budget By,Budget\n"
        "Birch & Co,Monthly retainer,R-1,Hours,10\n"
        "Acme Corporation,Brand refresh,P-1,Hours,20\n"
    )
    pointer = tmp_path / "studio.duckdb"
    files = [projects, FORMATS / "harvest_invoices.csv", FORMATS / "harvest_invoice_lines.csv"]
    results = {r.name: r for r in load_files(files, pointer, echo=lambda _: None)}
    lines = results["harvest_invoice_lines.csv"]
    assert (lines.rows_read, lines.rows_loaded, lines.rows_rejected) == (3, 3, 0)
    rows = query(
        pointer,
        "SELECT invoice_number, line_number, line, amount FROM raw_invoice_lines ORDER BY 1, 2",
    )
    # The first line's description spans two lines of the file.
    assert rows == [
        ("AMP.11.104", 1, 5, Decimal("1000")),
        ("AMP.11.105", 1, 2, Decimal("300")),
        ("AMP.11.105", 2, 4, Decimal("25")),
    ]
    # AMP.11.104's subject names no project: only its lines link it.
    invoices = query(
        pointer, "SELECT invoice_number, project_code, amount FROM invoices ORDER BY 1"
    )
    assert invoices == [
        ("AMP.11.104", "R-1", Decimal("1000")),
        ("AMP.11.105", "P-1", Decimal("325")),
    ]


def test_a_currency_named_in_a_header_is_the_files_currency(load):
    results, pointer = load("clockify_21.csv")
    assert results["clockify_21.csv"].rows_rejected == 0
    assert query(pointer, "SELECT DISTINCT currency, bill_rate FROM raw_time_entries") == [
        ("USD", Decimal("120"))
    ]
    assert query(pointer, "SELECT value FROM settings WHERE key = 'reporting_currency'") == [
        ("USD",)
    ]


def test_a_header_currency_the_warehouse_cannot_convert_rejects_the_rows(load, tmp_path):
    # Its only row is rejected, so the run fails and says why.
    with pytest.raises(ImportFailure) as failure:
        load("clockify_21.csv", reporting_currency="EUR")
    message = str(failure.value)
    assert "clockify_21.csv: every one of its 1 data rows was rejected" in message
    assert "currency in the header (USD): is in another currency" in message
    assert "no exchange rate" in message
    assert not (tmp_path / "studio.duckdb").exists()
