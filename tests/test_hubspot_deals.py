"""HubSpot's deals export as a source of the pipeline: a file in its layout in, mart rows out.

The layout is HubSpot's (docs/formats.md, "HubSpot deals export"): one column per property of the
exported view, headed by the property's label, every cell quoted, datetimes `YYYY-MM-DD HH:MM`.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from etl.formats import HUBSPOT_DEALS, detect
from etl.load import ImportFailure, load_files
from etl.sources import identify
from studio import query, write_workbook

CLIENTS = "Client,Account Manager,Aliases\nAcme Corporation,Maya Patel,ACME Corp;Acme Corp.\n"
RATES = "Currency,Rate,Valid From\nUSD,0.9,2026-01-01\nUSD,0.8,2027-01-01\n"
HEADER = (
    "Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Currency",
    "Deal probability", "Pipeline", "Associated Company (Primary)",
)  # fmt: skip
DEALS = [
    ("101", "Spring campaign", "Presentation Scheduled", "2026-11-30 00:00", "Maya Patel",
     "12000", "EUR", "0.6", "Sales Pipeline", "ACME Corp"),
    ("102", "Rebrand", "Closed Won", "2026-10-01 14:05", "Maya Patel",
     "30000", "EUR", "1", "Sales Pipeline", "Birch & Co"),
    ("103", "Video series", "Closed Lost", "2026-09-15 09:30", "Maya Patel",
     "15000", "EUR", "0", "Sales Pipeline", "Birch & Co"),
    ("104", "Packaging", "Qualified To Buy", "2027-01-15 00:00", "Jon Reyes",
     "10000.0", "USD", "0.2", "Sales Pipeline", "Birch & Co"),
    ("105", "Website", "Contract Sent", "2026-12-10 00:00", "Jon Reyes",
     "8000", "EUR", "0.9", "Sales Pipeline", ""),  # a deal with no company
    ("106", "Catalogue", "Appointment Scheduled", "2026-12-20 00:00", "Jon Reyes",
     "5000", "EUR", "", "Sales Pipeline", "Acme Corporation"),  # no probability
]  # fmt: skip
EXPECTED = [
    # The work starts on the close date and lasts 46 days (HUBSPOT_DEAL_DAYS): 45 days later.
    ("Acme Corporation", "Spring campaign", "Unassigned", 12000.0, 0.6,
     date(2026, 11, 30), date(2027, 1, 14), "presentation scheduled", True),
    ("Birch & Co", "Packaging", "Unassigned", 8000.0, 0.2,  # 10,000 USD at 0.8 on 15 Jan 2027
     date(2027, 1, 15), date(2027, 3, 1), "qualified to buy", True),
    ("Birch & Co", "Rebrand", "Unassigned", 30000.0, 1.0,
     date(2026, 10, 1), date(2026, 11, 15), "won", False),
    ("Birch & Co", "Video series", "Unassigned", 15000.0, 0.0,
     date(2026, 9, 15), date(2026, 10, 30), "lost", False),
]  # fmt: skip


def hubspot_csv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """CSV text as HubSpot writes it: every field quoted."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "files"
    path.mkdir()
    (path / "clients.csv").write_text(CLIENTS, encoding="utf-8")
    (path / "rates.csv").write_text(RATES, encoding="utf-8")
    return path


def load(paths: list[Path], pointer: Path) -> dict:
    """Import in euros without printing; the results by file name."""
    results = load_files(
        paths, pointer, echo=lambda _: None, settings={"reporting_currency": "EUR"}
    )
    return {r.name: r for r in results}


def test_a_hubspot_deals_export_is_recognised_by_its_default_view():
    assert (
        detect(["Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount"]) is HUBSPOT_DEALS
    )
    assert detect(list(HEADER)) is HUBSPOT_DEALS
    # Not the studio's own pipeline template, which the same warehouse table also takes.
    template = ["Client", "Opportunity", "Value", "Probability", "Expected Start",
                "Expected End", "Stage"]  # fmt: skip
    assert detect(template).name == "template_pipeline"


def test_deals_become_pipeline_rows_with_won_and_lost_closed(folder, tmp_path):
    deals = folder / "hubspot-crm-exports-all-deals-2026-11-02.csv"
    deals.write_text(hubspot_csv(HEADER, DEALS), encoding="utf-8")
    assert identify(deals) is HUBSPOT_DEALS
    pointer = tmp_path / "studio.duckdb"
    result = load([folder / "clients.csv", folder / "rates.csv", deals], pointer)[deals.name]
    assert result.label == "HubSpot deals export"
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (6, 4, 2)
    rows = query(pointer, "SELECT * FROM pipeline ORDER BY client, opportunity")
    assert rows == EXPECTED
    rejects = query(pointer, "SELECT line, column_name, value, reason FROM rejects ORDER BY line")
    assert rejects == [
        (6, "Associated Company (Primary)", None, "missing a value"),
        (7, "Deal probability", None, "missing a value"),
    ]
    # Only the open deals are forecast: won work becomes a project, lost work never will.
    open_value = query(pointer, "SELECT sum(value * probability) FROM pipeline WHERE is_open")
    assert open_value == [(12000 * 0.6 + 8000 * 0.2,)]


def test_the_closed_columns_decide_when_the_view_has_them(folder, tmp_path):
    header = ("Deal Name", "Deal Stage", "Close Date", "Amount", "Deal probability",
              "Associated Company", "Is Closed Won", "Is closed lost")  # fmt: skip
    rows = [
        # A hand-edited probability of 100% on a deal HubSpot still holds open.
        ("Signage", "Contract Sent", "2026-12-01 00:00", "4000", "1", "Acme Corp.", "false",
         "false"),
        # Won although its own probability was edited to 90%: HubSpot says won by the stage.
        ("Rebrand", "Signed", "2026-10-01 00:00", "30000", "0.9", "Birch & Co", "true", "false"),
        ("Film", "Not now", "2026-10-01 00:00", "9000", "0", "Birch & Co", "false", "true"),
    ]  # fmt: skip
    deals = folder / "deals.csv"
    deals.write_text(hubspot_csv(header, rows), encoding="utf-8")
    pointer = tmp_path / "studio.duckdb"
    load([folder / "clients.csv", deals], pointer)
    assert query(
        pointer, "SELECT client, opportunity, stage, is_open FROM pipeline ORDER BY 2"
    ) == [
        ("Birch & Co", "Film", "lost", False),
        ("Birch & Co", "Rebrand", "won", False),
        ("Acme Corporation", "Signage", "contract sent", True),
    ]


def test_a_view_without_the_probability_is_refused_naming_it(folder, tmp_path):
    header = ("Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount",
              "Associated Company (Primary)")  # fmt: skip
    row = ("Rebrand", "Closed Won", "2026-10-01 00:00", "Maya Patel", "30000", "Birch & Co")
    deals = folder / "deals.csv"
    deals.write_text(hubspot_csv(header, [row]), encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"HubSpot deals export.*'Deal probability'"):
        load([deals], tmp_path / "studio.duckdb")


def test_the_export_saved_as_xlsx_loads_the_same_rows(folder, tmp_path):
    def cell(header: str, text: str) -> object:
        if header == "Close Date":
            return date.fromisoformat(text[:10])  # a real Excel date
        if header in ("Amount", "Deal probability") and text:
            return float(text)
        return text or None

    rows = [HEADER, *(tuple(cell(h, t) for h, t in zip(HEADER, row, strict=True)) for row in DEALS)]
    deals = write_workbook(tmp_path / "deals.xlsx", "All deals", rows)
    pointer = tmp_path / "studio.duckdb"
    result = load([folder / "clients.csv", folder / "rates.csv", deals], pointer)["deals.xlsx"]
    assert (result.rows_loaded, result.rows_rejected) == (4, 2)
    assert query(pointer, "SELECT * FROM pipeline ORDER BY client, opportunity") == EXPECTED
