"""Metric formulas in given/expect form: raw rows written by hand, expected rows computed by hand."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from metrics.db import run
from settings import SQL
from studio import query, rows_of, warehouse_from


def entry(day: str, client: str, code: str, hours: float, rate: float = 100, **extra) -> dict:
    """A billable time entry of Ada Lovelace at `rate` per hour, costing 40 per hour."""
    return {
        "entry_date": date.fromisoformat(day), "client": client, "project_code": code,
        "person": "Ada Lovelace", "role": "Designer", "hours": hours, "billable": True,
        "bill_rate": rate, "cost_rate": 40, **extra,
    }  # fmt: skip


def project(code: str, client: str, model: str, start: str, due: str, **extra) -> dict:
    """A project of the studio template."""
    return {
        "project_code": code, "project": code, "client": client, "billing_model": model,
        "start_date": date.fromisoformat(start), "due_date": date.fromisoformat(due), **extra,
    }  # fmt: skip


@pytest.fixture(scope="module")
def growth():
    """A grows 1,000 → 1,500; B stops after 500 in the prior year; C is new with 300."""
    return warehouse_from(
        {
            "raw_projects": [
                project("A-1", "A", "time_and_materials", "2025-01-01", "2026-12-31"),
                project("B-1", "B", "time_and_materials", "2025-01-01", "2025-12-31"),
                project("C-1", "C", "time_and_materials", "2026-01-01", "2026-12-31"),
            ],
            "raw_time_entries": [
                entry("2025-01-15", "A", "A-1", 10),
                entry("2025-02-10", "B", "B-1", 5),
                entry("2026-01-15", "A", "A-1", 15),
                entry("2026-02-10", "C", "C-1", 3),
            ],
        }
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # TTM = Apr 2025–Mar 2026, prior = Apr 2024–Mar 2025.
        (date(2026, 3, 15), [("A", 1500.0, 1000.0, 0.5), ("B", 0.0, 500.0, -1.0), ("C", 300.0, 0.0, None)]),
        # The year to the as-of day, not whole months: TTM = 10 Feb 2025–9 Feb 2026 (B's 10 Feb
        # 2025 is in it; C's 10 Feb 2026 is not yet), prior = 10 Feb 2024–9 Feb 2025. Whole
        # months would set a February of 9 days against the whole of February 2025.
        (date(2026, 2, 9), [("A", 1500.0, 1000.0, 0.5), ("B", 500.0, 0.0, None)]),
    ],
)  # fmt: skip
def test_ttm_growth_per_client(growth, as_of, expected):
    rows = rows_of(
        growth,
        "SELECT client, revenue_ttm, revenue_prior_ttm, ttm_growth_pct FROM client_ttm "
        "WHERE basis = 'earned' ORDER BY client",
        as_of,
    )
    assert rows == expected


def test_net_revenue_retention_counts_retained_new_and_lost(growth):
    rows = rows_of(
        growth,
        "SELECT prior_clients, retained_clients, new_clients, lost_clients, prior_revenue, "
        "retained_revenue, new_revenue, net_revenue_retention_pct FROM revenue_retention "
        "WHERE basis = 'earned'",
        date(2026, 3, 15),
    )
    # (1,500 from A + 0 from B) ÷ (1,000 + 500) prior.
    assert rows == [(2, 1, 1, 1, 1500.0, 1500.0, 300.0, 1.0)]


def test_concentration_shares_and_threshold(growth):
    rows = rows_of(
        growth,
        "SELECT client, round(share_pct, 4), revenue_rank, above_threshold "
        "FROM client_concentration WHERE basis = 'earned' ORDER BY revenue_rank",
        date(2026, 3, 15),
    )
    assert rows == [("A", round(1500 / 1800, 4), 1, True), ("C", round(300 / 1800, 4), 2, False)]


@pytest.fixture(scope="module")
def spreads():
    """A fixed fee across the year end, a retainer with partial months, an unpriced project."""
    return warehouse_from(
        {
            "raw_projects": [
                # 20 Dec–10 Jan is 22 days: 12 in December, 10 in January.
                project("FF", "F", "fixed_fee", "2025-12-20", "2026-01-10", budget_amount=2200),
                # Starts on the last day of January, ends on the first day of March.
                project("RT", "R", "retainer", "2026-01-31", "2026-03-01", budget_amount=500),
                project("NB", "N", "fixed_fee", "2026-01-01", "2026-01-31", budget_hours=10),
            ],
            "raw_time_entries": [entry("2026-01-05", "N", "NB", 4)],
        }
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 3, 15), [("F", "2025-12-01", 1200.0), ("F", "2026-01-01", 1000.0),
                             ("R", "2026-01-01", 500.0), ("R", "2026-02-01", 500.0),
                             ("R", "2026-03-01", 500.0)]),
        # As of 5 Jan: 12 + 5 days of the fee; the retainer has not started.
        (date(2026, 1, 5), [("F", "2025-12-01", 1200.0), ("F", "2026-01-01", 500.0)]),
    ],
)  # fmt: skip
def test_fixed_fee_and_retainer_revenue_by_month(spreads, as_of, expected):
    rows = rows_of(
        spreads,
        "SELECT client, month::VARCHAR, earned_revenue FROM client_month "
        "WHERE earned_revenue <> 0 ORDER BY client, month",
        as_of,
    )
    assert rows == expected


def test_a_project_without_revenue_has_no_margin(spreads):
    rows = rows_of(
        spreads,
        "SELECT project_code, earned_revenue, labour_cost::DOUBLE, gross_profit, margin_pct, "
        "hours_burn_pct::DOUBLE FROM project_summary WHERE project_code = 'NB'",
        date(2026, 3, 15),
    )
    assert rows == [("NB", 0.0, 160.0, -160.0, None, 0.4)]


def test_realization_and_delivery_margin_inputs():
    con = warehouse_from(
        {
            "raw_rate_card": [
                {"person": "Ada Lovelace", "role": "Designer", "cost_rate": 40, "bill_rate": 120,
                 "weekly_capacity_hours": 40, "valid_from": date(2026, 1, 1)},
            ],
            "raw_projects": [project("P", "A", "time_and_materials", "2026-01-01", "2026-12-31")],
            # Billed at a discounted 100/h against the standard 120/h.
            "raw_time_entries": [entry("2026-01-05", "A", "P", 10, rate=100)],
            "raw_expenses": [{"expense_date": date(2026, 1, 6), "project_code": "P",
                              "amount": 200, "billable": True, "pass_through": True}],
            "raw_invoices": [{"invoice_number": "I-1", "client": "A", "project_code": "P",
                              "issue_date": date(2026, 1, 31), "amount": 1100, "tax": 0,
                              "paid_amount": 0}],
        }
    )  # fmt: skip
    rows = rows_of(
        con,
        "SELECT earned_revenue, billed_revenue::DOUBLE, standard_value::DOUBLE, pass_through_cost::DOUBLE,"
        " labour_cost::DOUBLE, realization_pct(billed_revenue, standard_value)::DOUBLE,"
        " delivery_margin_pct(earned_revenue, pass_through_cost, labour_cost)::DOUBLE"
        " FROM activity_month",
        date(2026, 1, 31),
    )
    # Revenue 10 × 100 + 200 re-billed; AGI = 1,200 − 200; (1,000 − 400) ÷ 1,000 = 0.6;
    # realization 1,100 ÷ (10 × 120).
    assert rows == [(1200.0, 1100.0, 1200.0, 200.0, 400.0, 1100 / 1200, 0.6)]


def test_utilization_against_capacity():
    con = warehouse_from(
        {
            "raw_rate_card": [
                {"person": "Ada Lovelace", "role": "Designer", "cost_rate": 40, "bill_rate": 120,
                 "weekly_capacity_hours": 40, "valid_from": date(2026, 1, 1)},
                # Part time from February.
                {"person": "Ada Lovelace", "role": "Designer", "cost_rate": 40, "bill_rate": 120,
                 "weekly_capacity_hours": 20, "valid_from": date(2026, 2, 1)},
            ],
            "raw_time_entries": [entry("2026-01-05", "A", None, 88),
                                 entry("2026-02-05", "A", None, 40, billable=False),
                                 entry("2026-02-06", "A", None, 20)],
        }
    )  # fmt: skip
    rows = rows_of(
        con,
        "SELECT month::VARCHAR, hours::DOUBLE, billable_hours::DOUBLE, capacity_hours, "
        "utilization_pct FROM person_month ORDER BY month",
        date(2026, 2, 28),
    )
    # January 2026 has 22 weekdays × 8 h; February 20 weekdays × 4 h.
    assert rows == [("2026-01-01", 88.0, 88.0, 176.0, 0.5), ("2026-02-01", 60.0, 20.0, 80.0, 0.25)]


def project_with_progress() -> duckdb.DuckDBPyConnection:
    """A fixed-fee project over April 2026 with 15 h on 2 April and one of two deliverables
    delivered on 8 April."""
    return warehouse_from(
        {
            "raw_projects": [
                # 1–30 April: 30 days; as of 10 April a third has elapsed.
                project("P", "A", "fixed_fee", "2026-04-01", "2026-04-30",
                        budget_hours=30, budget_amount=6000),
            ],
            "raw_time_entries": [entry("2026-04-02", "A", "P", 15)],
            "raw_deliverables": [
                {"project_code": "P", "deliverable": "Concepts", "due_date": date(2026, 4, 8),
                 "delivered_date": date(2026, 4, 8)},
                {"project_code": "P", "deliverable": "Artwork", "due_date": date(2026, 4, 29)},
            ],
        }
    )  # fmt: skip


def test_project_health_pace_and_estimate_at_completion():
    rows = rows_of(
        project_with_progress(),
        "SELECT hours_burn_pct::DOUBLE, round(schedule_elapsed_pct, 4), round(pace_pct, 4), "
        "progress_pct, eac_hours::DOUBLE, eac_burn_pct::DOUBLE, eac_revenue::DOUBLE, "
        "eac_cost::DOUBLE, eac_margin_pct::DOUBLE, eac_method FROM project_health",
        date(2026, 4, 10),
    )
    # Burn 15/30; elapsed 10/30; progress = max(1/3, 1 of 2 deliverables) = 0.5;
    # EAC 15 ÷ 0.5 = 30 h; cost 15 × 40 × 2 = 1,200; margin (6,000 − 1,200) ÷ 6,000.
    assert rows == [
        (0.5, round(1 / 3, 4), round(0.5 - 1 / 3, 4), 0.5, 30.0, 1.0, 6000.0, 1200.0, 0.8,
         "hours to date ÷ progress, progress being the larger of schedule elapsed "
         "and share of deliverables delivered"),
    ]  # fmt: skip


def test_an_estimate_under_a_tenth_of_the_way_says_it_is_early():
    rows = rows_of(
        project_with_progress(),
        "SELECT round(progress_pct, 4), eac_hours::DOUBLE, eac_method FROM project_health",
        date(2026, 4, 2),
    )
    # 2 of 30 days elapsed, no deliverable yet: progress 1/15, EAC 15 ÷ (1/15) = 225 h.
    ((progress, eac_hours, method),) = rows
    assert (progress, eac_hours) == (round(2 / 30, 4), 225.0)
    assert method.endswith(
        "an early estimate: under a tenth of the way through, each day's hours move it a lot"
    )


def test_expenses_billed_at_cost_are_not_projected_with_the_hours(studio_db):
    ((revenue, cost, margin),) = query(
        studio_db,
        "SELECT eac_revenue::DOUBLE, eac_cost::DOUBLE, eac_margin_pct::DOUBLE "
        "FROM project_health WHERE project_code = 'P-1'",
        as_of=date(2026, 3, 2),
    )
    # P-1, billed by the hour, on 2 March: 6.5 h at day 57 of 86, no deliverable delivered, so
    # EAC 6.5 × 86/57 h. Time 4 h × 120 + 2.5 h × 130 = 805 grows with the hours; the travel
    # billed on at cost (50) does not. Cost: labour 4 × 50 + 2.5 × 55 = 337.5 grows too, the
    # travel and couriers (70) do not.
    scale = 86 / 57
    assert revenue == pytest.approx(805 * scale + 50)
    assert cost == pytest.approx(337.5 * scale + 70)
    assert margin == pytest.approx((805 * scale + 50 - 337.5 * scale - 70) / (805 * scale + 50))


def test_ar_aging_buckets(studio_db):
    rows = query(
        studio_db,
        "SELECT client, current, days_1_30::DOUBLE, overdue::DOUBLE, outstanding::DOUBLE "
        "FROM ar_aging",
        as_of=date(2026, 3, 10),
    )
    # INV-002: 636 gross, due 2 March, 8 days late.
    assert rows == [("Acme Corporation", None, 636.0, 636.0, 636.0)]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # Before the payment arrived (15 March) the invoice was 20 days overdue.
        (date(2026, 3, 1), [("I-1", 1200.0, "overdue", 20, "1-30")]),
        (date(2026, 3, 20), [("I-1", 0.0, "paid", 0, None)]),
    ],
)
def test_an_invoice_paid_late(as_of, expected):
    con = warehouse_from(
        {
            "raw_invoices": [{"invoice_number": "I-1", "client": "A", "issue_date": date(2026, 1, 10),
                              "due_date": date(2026, 2, 9), "amount": 1000, "tax": 200,
                              "paid_amount": 1200, "paid_date": date(2026, 3, 15)}],
        }
    )  # fmt: skip
    rows = rows_of(
        con,
        "SELECT invoice_number, balance::DOUBLE, status, days_overdue, aging_bucket FROM invoice_status",
        as_of,
    )
    assert rows == expected


def test_time_entries_link_by_code_else_client_and_name_else_one_code_in_their_text():
    warehouse = warehouse_from(
        {
            "raw_clients": [{"client": "Acme Corporation", "aliases": ["ACME Holdings"]}],
            "raw_projects": [
                project(
                    "P-7", "Acme Corporation", "time_and_materials", "2026-01-01", "2026-12-31"
                ),
                project(
                    "P-8", "Acme Corporation", "time_and_materials", "2026-01-01", "2026-12-31"
                ),
            ],
            "raw_time_entries": [
                entry("2026-01-05", "Anyone", "P-8", 1),  # its code wins over everything
                # No code: the client alias and the project's name (any case) find P-7.
                entry("2026-01-05", "ACME Holdings", None, 2, project="p-7 "),
                entry("2026-01-05", "Someone", None, 3, notes="Retouch for P-7, round 2"),
                entry("2026-01-05", "Someone", None, 4, notes="P-7 and P-8 together"),  # two
                entry("2026-01-05", "Someone", None, 5, notes="XP-7 is another code"),  # no word
            ],
        }
    )
    rows = rows_of(
        warehouse, "SELECT hours::INT, project_code, client FROM time_entries ORDER BY 1",
        date(2026, 1, 31),
    )  # fmt: skip
    assert rows == [
        (1, "P-8", "Acme Corporation"),
        (2, "P-7", "Acme Corporation"),
        (3, "P-7", "Acme Corporation"),
        (4, None, "Someone"),
        (5, None, "Someone"),
    ]


def test_an_invoice_links_to_the_one_project_code_among_the_words_of_its_reference():
    def invoice(number: str, reference: str) -> dict:
        return {"invoice_number": number, "client": "Acme Corporation", "reference": reference,
                "issue_date": date(2026, 1, 10), "amount": 100, "tax": 0, "paid_amount": 0}  # fmt: skip

    warehouse = warehouse_from(
        {
            "raw_projects": [
                project(
                    "P-7", "Acme Corporation", "time_and_materials", "2026-01-01", "2026-12-31"
                ),
                project(
                    "P-8", "Acme Corporation", "time_and_materials", "2026-01-01", "2026-12-31"
                ),
            ],
            "raw_invoices": [
                invoice("I-1", "P-7 Brand refresh - January"),
                invoice("I-2", "P-7 and P-8, January"),  # two codes: which one is unknown
                invoice("I-3", "XP-7 artwork"),  # XP-7 is another word than P-7
                invoice("I-4", "Retainer January"),
            ],
        }
    )
    rows = rows_of(
        warehouse, "SELECT invoice_number, project_code FROM invoices ORDER BY 1", date(2026, 1, 31)
    )
    assert rows == [("I-1", "P-7"), ("I-2", None), ("I-3", None), ("I-4", None)]


@pytest.fixture(scope="module")
def cancelled():
    """Two cancelled fee projects and an active one, each with a deposit invoiced on its start;
    the cancelled fixed fee's cancellation fee is invoiced on 20 April."""
    invoice = {"tax": 0, "paid_amount": 0}
    return warehouse_from(
        {
            "raw_projects": [
                # 1–30 April, fee 6,000: cancelled after a 1,500 deposit and a 500 cancellation fee.
                project("FX", "F", "fixed_fee", "2026-04-01", "2026-04-30", budget_amount=6000,
                        status="cancelled"),
                # April to June at 1,000 a month, cancelled after 1,000 was billed.
                project("RT", "R", "retainer", "2026-04-01", "2026-06-30", budget_amount=1000,
                        status="cancelled"),
                # The same fee and deposit, not cancelled: it earns its whole fee.
                project("AC", "A", "fixed_fee", "2026-04-01", "2026-04-30", budget_amount=6000),
            ],
            "raw_invoices": [
                {"invoice_number": "I-FX", "client": "F", "project_code": "FX",
                 "issue_date": date(2026, 4, 1), "amount": 1500, **invoice},
                {"invoice_number": "I-FX2", "client": "F", "project_code": "FX",
                 "issue_date": date(2026, 4, 20), "amount": 500, **invoice},
                {"invoice_number": "I-RT", "client": "R", "project_code": "RT",
                 "issue_date": date(2026, 4, 1), "amount": 1000, **invoice},
                {"invoice_number": "I-AC", "client": "A", "project_code": "AC",
                 "issue_date": date(2026, 4, 1), "amount": 1500, **invoice},
            ],
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        # A cancelled fee earns what was billed, on the day it was billed: FX 1,500 by 10 April,
        # RT 1,000; nothing is left unbilled. AC earns 6,000 over 30 days, 10 of them: 2,000.
        (date(2026, 4, 10), [("A", 2000.0, 500.0), ("F", 1500.0, 0.0), ("R", 1000.0, 0.0)]),
        # FX's cancellation fee of 20 April adds 500; AC has earned its whole fee.
        (date(2026, 7, 31), [("A", 6000.0, 4500.0), ("F", 2000.0, 0.0), ("R", 1000.0, 0.0)]),
    ],
)  # fmt: skip
def test_a_cancelled_fee_project_earns_what_was_billed_for_it(cancelled, as_of, expected):
    rows = rows_of(
        cancelled,
        "SELECT client, round(sum(earned_revenue), 2), "
        "round(sum(earned_revenue) - sum(billed_revenue), 2) FROM project_summary "
        "GROUP BY client ORDER BY client",
        as_of,
    )
    assert rows == expected


def test_a_cancelled_fee_is_not_forecast_and_ends_at_what_was_billed(cancelled):
    # As of 10 April only AC's terms hold more: 20 of its 30 days, 4,000 in April.
    contracted = rows_of(
        cancelled,
        "SELECT project_code, month::VARCHAR, round(amount, 2) FROM forecast_contracted "
        "WHERE origin = as_of_date() ORDER BY project_code",
        date(2026, 4, 10),
    )
    assert contracted == [("AC", "2026-04-01", 4000.0)]
    estimates = rows_of(
        cancelled,
        "SELECT project_code, eac_revenue::DOUBLE FROM project_health "
        "WHERE billing_model = 'fixed_fee' ORDER BY project_code",
        date(2026, 4, 10),
    )
    assert estimates == [("AC", 6000.0), ("FX", 1500.0)]


def test_data_health_counts_running_projects_without_budgeted_hours():
    con = warehouse_from(
        {
            "raw_projects": [
                project("NB", "A", "time_and_materials", "2026-01-01", "2026-06-30"),
                project("B", "A", "time_and_materials", "2026-01-01", "2026-06-30",
                        budget_hours=40),
                project("D", "A", "time_and_materials", "2025-01-01", "2025-06-30",
                        delivered_date=date(2025, 6, 30)),
                project("IP", "A", "time_and_materials", "2026-01-01", "2026-06-30",
                        status="in progress"),
                project("OH", "A", "time_and_materials", "2026-01-01", "2026-06-30",
                        status="on_hold"),
            ],
            "raw_time_entries": [entry("2026-01-05", "A", "NB", 6), entry("2026-01-06", "A", "NB", 4),
                                 entry("2026-01-05", "A", "B", 8), entry("2025-02-02", "A", "D", 5)],
        }
    )  # fmt: skip
    rows = con.execute(
        (SQL / "queries" / "data_problems.sql").read_text(encoding="utf-8")
    ).fetchall()
    # NB and IP (another tool's word for running) run without budgeted hours; D is delivered
    # and OH on hold: two projects, NB's 6 + 4 h.
    assert [row[1:3] for row in rows if row[0] == "unbudgeted_projects"] == [(2, 10.0)]
    # And which they are, the most hours first: what to fix in the projects file.
    assert [row[4] for row in rows if row[0] == "unbudgeted_projects"] == [
        "NB (10.0 h), IP (0.0 h)"
    ]
    seven = con.execute("SELECT first_five(['a', 'b', 'c', 'd', 'e', 'f', 'g'])").fetchone()[0]
    assert seven == "a, b, c, d, e and 2 more"


def test_data_health_lists_negative_hours_and_overpaid_invoices():
    con = warehouse_from(
        {
            "raw_time_entries": [entry("2026-01-05", "A", "P", 8), entry("2026-01-06", "A", "P", -3),
                                 entry("2026-01-07", "A", "P", -0.5, person="Bo Chen")],
            # I-1 is paid exactly (1,000 + 200 tax), I-2 by 150 more than its 500 + 100, and the
            # credit note I-3 (paid back) is no overpayment; nor is I-4's 0.0001 over, the
            # rounding of amounts converted from another currency one by one.
            "raw_invoices": [
                {"invoice_number": "I-1", "client": "A", "issue_date": date(2026, 1, 10),
                 "amount": 1000, "tax": 200, "paid_amount": 1200},
                {"invoice_number": "I-2", "client": "A", "issue_date": date(2026, 1, 12),
                 "amount": 500, "tax": 100, "paid_amount": 750},
                {"invoice_number": "I-4", "client": "A", "issue_date": date(2026, 1, 15),
                 "amount": 92.3457, "tax": 18.4691, "paid_amount": 110.8149},
                {"invoice_number": "I-3", "client": "A", "issue_date": date(2026, 1, 14),
                 "amount": -200, "tax": 0, "paid_amount": -200},
            ],
        }
    )  # fmt: skip
    rows = con.execute(
        (SQL / "queries" / "data_problems.sql").read_text(encoding="utf-8")
    ).fetchall()
    found = {row[0]: row[1:] for row in rows}
    # Two entries, -3 - 0.5 h, the largest correction first.
    assert found["negative_hours"] == (
        2,
        -3.5,
        None,
        "Ada Lovelace on 6 Jan 2026 (-3.00 h), Bo Chen on 7 Jan 2026 (-0.50 h)",
    )
    assert found["overpaid_invoices"] == (1, None, 150.0, "I-2")


def test_tables_leave_an_early_estimate_blank():
    con = project_with_progress()
    params = {"manager": None, "client": None, "service_line": None, "visible": None}
    # As of 2 April (progress 1/15) the estimate is early; as of 10 April (1/2) it is not:
    # 30 h of 30 budgeted, margin 0.8 (test_project_health_pace_and_estimate_at_completion).
    for as_of, expected in ((date(2026, 4, 2), [None, None]), (date(2026, 4, 10), [1.0, 0.8])):
        con.execute("SET VARIABLE as_of = $d::DATE", {"d": as_of})
        row = run(con, "active_projects", **params).iloc[0]
        shown = [None if pd.isna(row[c]) else row[c] for c in ("eac_burn_pct", "eac_margin_pct")]
        assert shown == expected


def test_the_growth_chart_names_the_largest_of_the_clients_shown():
    # Ten clients on retainers of 1,000 to 10,000 a month through 2026, as of 30 June.
    fees = {f"Client {n:02d}": 1000.0 * n for n in range(1, 11)}
    con = warehouse_from({"raw_projects": [
        {"project_code": f"R-{n}", "project": "Retainer", "client": client, "status": "active",
         "billing_model": "retainer", "budget_amount": fee, "start_date": date(2026, 1, 1),
         "due_date": date(2026, 12, 31)}
        for n, (client, fee) in enumerate(fees.items())
    ]})  # fmt: skip
    con.execute("SET VARIABLE as_of = DATE '2026-06-30'")
    params = {"start": date(2024, 7, 1), "end": date(2026, 6, 30), "basis": "earned",
              "manager": None, "visible": None}  # fmt: skip
    studio = run(con, "revenue_by_client_month", client=None, **params)
    june = studio[studio["month"] == pd.Timestamp("2026-06-01")]
    # The eight largest named, the two smallest (1,000 and 2,000 a month) together.
    assert june["client"].tolist() == [f"Client {n:02d}" for n in range(10, 2, -1)] + [
        "Other clients"
    ]
    assert june["revenue"].tolist()[-1] == 3000.0
    # One small client chosen: it is the largest shown, so it is named.
    alone = run(con, "revenue_by_client_month", client="Client 01", **params)
    assert set(alone["client"]) == {"Client 01"} and alone["revenue"].sum() == 6 * 1000.0


def unpaid(number: str, amount: float, **extra: object) -> dict:
    """An invoice issued on 1 Feb 2026, without tax and not paid."""
    return {"invoice_number": number, "issue_date": date(2026, 2, 1), "amount": amount,
            "tax": 0, "paid_amount": 0, **extra}  # fmt: skip


@pytest.fixture(scope="module")
def crossed_invoices():
    """Birch's project PB, named by Acme's invoices too: in I-1's reference (a typo, or a
    copied line) and in I-9's project column; Birch's own I-2 names it, and I-3, with no
    client, is known by the code alone."""
    return warehouse_from(
        {
            "raw_projects": [project("PB", "Birch", "time_and_materials", "2026-01-01", "2026-06-30")],
            "raw_invoices": [
                unpaid("I-1", 5000, client="Acme", reference="Spring PB shoot"),
                unpaid("I-2", 700, client="Birch", reference="PB phase 1"),
                unpaid("I-3", 300, project_code="PB"),
                unpaid("I-9", 4000, client="Acme", project_code="PB"),
            ],
        }
    )  # fmt: skip


def test_an_invoice_links_only_to_a_project_of_its_own_client(crossed_invoices):
    rows = crossed_invoices.execute(
        "SELECT invoice_number, client, project_code FROM invoices ORDER BY invoice_number"
    ).fetchall()
    assert rows == [
        ("I-1", "Acme", None),
        ("I-2", "Birch", "PB"),
        ("I-3", "Birch", "PB"),
        ("I-9", "Acme", None),
    ]


def test_data_health_lists_an_invoice_whose_project_column_names_another_clients_project(
    crossed_invoices,
):
    rows = crossed_invoices.execute(
        (SQL / "queries" / "data_problems.sql").read_text(encoding="utf-8")
    ).fetchall()
    found = {row[0]: row[1:] for row in rows}
    # I-9 names the project in its column; I-1's reference is only a word in its text.
    assert found["invoice_other_clients_project"] == (1, None, 4000.0, "I-9 (PB)")
