"""The public views against an independent calculation from the demo studio's export files.

The figures here are computed with pandas straight from the CSV/XLSX files — not through the
importer or the SQL — and must equal what the views report.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from studio import DEMO_AS_OF, query

AS_OF = DEMO_AS_OF


@pytest.fixture(scope="module")
def demo(demo_exports: list[Path], demo_db: Path) -> tuple[Path, Path]:
    """The demo studio's files and a warehouse loaded from them (the test run's shared ones,
    only read here)."""
    return demo_exports[0].parent, demo_db


def sheet(path: Path) -> pd.DataFrame:
    """The first sheet of a workbook as a DataFrame (header on row 1)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return pd.DataFrame(rows[1:], columns=rows[0])


@pytest.fixture(scope="module")
def canonical(demo) -> dict[str, str]:
    """Client names and aliases (clients.csv) → the canonical client name."""
    clients = pd.read_csv(demo[0] / "clients.csv").fillna("")
    return {
        alias.strip(): row.Client
        for row in clients.itertuples()
        for alias in [row.Client, *row.Aliases.split(";")]
        if alias.strip()
    }


@pytest.fixture(scope="module")
def time_report(demo, canonical) -> pd.DataFrame:
    """The Harvest time report with each entry's month, canonical client and person."""
    frame = pd.read_csv(demo[0] / "harvest_time_report.csv", dtype={"Project Code": str})
    frame["month"] = frame["Date"].str[:7]
    frame["client"] = frame["Client"].map(lambda name: canonical.get(name, name))
    frame["person"] = frame["First Name"] + " " + frame["Last Name"]
    return frame


def test_hours_per_client_and_month(demo, time_report):
    expected = time_report.groupby(["client", "month"])["Hours"].sum().round(2)
    rows = query(
        demo[1],
        "SELECT client, strftime(month, '%Y-%m'), round(sum(hours), 2)::DOUBLE FROM client_month "
        "GROUP BY 1, 2 HAVING sum(hours) > 0",
        as_of=AS_OF,
    )
    assert {(c, m): h for c, m, h in rows} == expected.to_dict()


def test_labour_cost_from_the_rate_card(demo, time_report):
    rates = pd.read_csv(demo[0] / "rate_card.csv", parse_dates=["Valid From"])
    entries = time_report.assign(day=pd.to_datetime(time_report["Date"])).sort_values("day")
    # The entry's own cost rate, else the person's rate-card rate valid on the day.
    costed = pd.merge_asof(
        entries,
        rates.sort_values("Valid From").rename(columns={"Person": "person"}),
        left_on="day",
        right_on="Valid From",
        by="person",
    )
    rate = costed["Cost Rate_x"].fillna(costed["Cost Rate_y"])
    expected = (costed["Hours"] * rate).sum()
    uncosted = costed.loc[rate.isna(), "Hours"].sum()
    (cost,) = query(demo[1], "SELECT sum(labour_cost)::DOUBLE FROM client_month", as_of=AS_OF)[0]
    (hours,) = query(
        demo[1], "SELECT sum(uncosted_hours)::DOUBLE FROM activity_month", as_of=AS_OF
    )[0]
    assert cost == pytest.approx(expected, abs=0.01)
    assert hours == pytest.approx(uncosted) and uncosted > 0  # the uncosted freelancer


def test_time_and_materials_revenue(demo, time_report, canonical):
    projects = sheet(demo[0] / "projects.xlsx")
    tm = set(projects.loc[projects["Billing Model"] == "time_and_materials", "Project Code"])
    expenses = pd.read_csv(demo[0] / "expenses.csv")
    # Entries without a code belong to the project of that name for that client (after aliases).
    keys = zip(projects["Client"], projects["Project"], strict=True)
    by_name = dict(zip(keys, projects["Project Code"], strict=True))
    codes = time_report["Project Code"].fillna(
        pd.Series(
            [by_name.get((canonical.get(c, c), n)) for c, n in
             zip(time_report["Client"], time_report["Project"], strict=True)],
            index=time_report.index,
        )
    )  # fmt: skip
    billable_time = time_report[codes.isin(tm)]["Billable Amount"].sum()
    billable_expenses = expenses[
        expenses["Project Code"].isin(tm) & (expenses["Billable"] == "Yes")
    ]["Amount"].sum()
    (earned,) = query(
        demo[1],
        "SELECT sum(earned_revenue) FROM project_summary WHERE billing_model = 'time_and_materials'",
        as_of=AS_OF,
    )[0]
    # Harvest rounds each entry's amount to the cent; the views do not.
    assert earned == pytest.approx(billable_time + billable_expenses, abs=0.005 * len(time_report))


@pytest.fixture(scope="module")
def invoices(demo) -> pd.DataFrame:
    """One row per Xero invoice: client, net amount and amount due, credit notes negative."""
    lines = pd.read_csv(demo[0] / "xero_invoices.csv", dtype={"InvoiceNumber": str})
    first = lines.groupby("InvoiceNumber").first()
    sign = first["Type"].str.contains("credit", case=False).map({True: -1, False: 1})
    return pd.DataFrame(
        {
            "client": first["ContactName"],
            "month": first["InvoiceDate"].str[6:] + "-" + first["InvoiceDate"].str[3:5],
            "amount": (first["Total"] - first["TaxTotal"]) * sign,
            "due": first["InvoiceAmountDue"] * sign,
        }
    )


def test_billed_revenue_per_client_and_month(demo, invoices):
    expected = invoices.groupby(["client", "month"])["amount"].sum().round(2)
    rows = query(
        demo[1],
        "SELECT client, strftime(month, '%Y-%m'), round(sum(billed_revenue), 2)::DOUBLE "
        "FROM client_month GROUP BY 1, 2 HAVING sum(billed_revenue) <> 0",
        as_of=AS_OF,
    )
    assert {(c, m): v for c, m, v in rows} == expected[expected != 0].to_dict()


def test_invoice_balances(demo, invoices):
    rows = query(demo[1], "SELECT invoice_number, balance::DOUBLE FROM invoice_status", as_of=AS_OF)
    assert dict(rows) == invoices["due"].round(2).to_dict()


def test_deliverable_statuses(demo):
    items = sheet(demo[0] / "deliverables.xlsx")
    due = pd.to_datetime(items["Due Date"])
    delivered = pd.to_datetime(items["Delivered Date"].replace("", None))
    as_of = pd.Timestamp(AS_OF)
    status = pd.Series("open", index=items.index)
    status[delivered.isna() & (due < as_of)] = "open_overdue"
    status[delivered < due] = "early"
    status[delivered == due] = "on_time"
    status[delivered > due] = "late"
    rows = query(demo[1], "SELECT status, count(*) FROM deliverable_status GROUP BY 1", as_of=AS_OF)
    assert dict(rows) == status.value_counts().to_dict()


def percent(column: pd.Series) -> pd.Series:
    """Whole percentages as the demo writes them ('35%'), as fractions rounded to the hundredth."""
    return (column.str.rstrip("%").astype(int) / 100).round(2)


def test_targets_and_pipeline_hold_the_files_rows(demo, canonical):
    targets = pd.read_csv(demo[0] / "targets.csv")
    keys = zip(targets["Client"], targets["Year"], strict=True)
    values = zip(
        targets["Revenue Target"],
        percent(targets["Margin Target"]),
        percent(targets["On-time Target"]),
        strict=True,
    )
    rows = query(demo[1], "SELECT client, year, revenue_target, round(margin_target, 2), "
                          "round(on_time_target, 2) FROM targets")  # fmt: skip
    assert {(c, y): (r, m, o) for c, y, r, m, o in rows} == dict(zip(keys, values, strict=True))
    assert len(rows) == len(targets)
    pipeline = pd.read_csv(demo[0] / "pipeline.csv")
    # The pipeline spells Acme as the CRM does ('Acme Corp.'): the mart names the client.
    keys = zip(pipeline["Client"].map(canonical), pipeline["Opportunity"], strict=True)
    values = zip(
        pipeline["Value"],
        percent(pipeline["Probability"]),
        pipeline["Expected Start"],
        pipeline["Expected End"],
        pipeline["Stage"].str.lower(),
        ~pipeline["Stage"].isin(["Won", "Lost"]),
        strict=True,
    )
    rows = query(demo[1], "SELECT client, opportunity, value, round(probability, 2), "
                          "expected_start::VARCHAR, expected_end::VARCHAR, stage, is_open "
                          "FROM pipeline")  # fmt: skip
    assert {(c, o): rest for c, o, *rest in rows} == {
        key: list(value) for key, value in zip(keys, values, strict=True)
    }
    assert len(rows) == len(pipeline)
