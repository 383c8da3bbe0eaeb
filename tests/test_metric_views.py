"""The public views on the hand-made studio, against figures computed by hand.

Hand calculation (as of 2026-03-10):
- Ada Lovelace costs 50/h and bills 120/h until 28 Feb, then 55/130 (rate card, person).
- P-1 (time and materials): 4 h on 10 Jan → revenue 480, cost 200; 2.5 h on 2 Mar → revenue
  325, cost 137.5; billable travel 50 on 12 Jan is revenue and cost; couriers 20 in Feb is cost.
- P-2 (fixed fee 6,200, 20 Jan–20 Feb = 32 days): Jan 12 days = 2,325, Feb 20 days = 3,875;
  10 h of Ada on 21 Jan (linked by project name) cost 500; print 800 in Jan is a cost.
- P-3 (retainer 1,000/month from 15 Jan): Jan, Feb, Mar = 1,000 each; Cleo Stone is not on the
  rate card, so the Retoucher role rate applies: 3 h × 40 = 120; Dan Ghost's 1 h has no rate.
- Invoices net of tax: INV-001 3,100 + INV-002 530 (two lines) in Jan; credit note −100 in Feb.
"""

from __future__ import annotations

from datetime import date

import pytest

from studio import query

AS_OF = date(2026, 3, 10)


def test_client_month_matches_the_hand_calculation(studio_db):
    rows = query(
        studio_db,
        "SELECT client, month::VARCHAR, hours::DOUBLE, billable_hours::DOUBLE, labour_cost::DOUBLE,"
        " expense_cost::DOUBLE, earned_revenue::DOUBLE, billed_revenue::DOUBLE, gross_profit::DOUBLE,"
        " deliverables_delivered::INT, deliverables_on_time::INT FROM client_month ORDER BY 1, 2",
        as_of=AS_OF,
    )
    assert rows == [
        ("Acme Corporation", "2026-01-01", 14.0, 14.0, 700.0, 850.0, 2855.0, 3630.0, 1305.0, 0, 0),
        ("Acme Corporation", "2026-02-01", 0.0, 0.0, 0.0, 20.0, 3875.0, -100.0, 3855.0, 2, 2),
        ("Acme Corporation", "2026-03-01", 2.5, 2.5, 137.5, 0.0, 325.0, 0.0, 187.5, 1, 0),
        ("Birch & Co", "2026-01-01", 0.0, 0.0, 0.0, 0.0, 1000.0, 0.0, 1000.0, 0, 0),
        ("Birch & Co", "2026-02-01", 4.0, 3.0, 120.0, 0.0, 1000.0, 1000.0, 880.0, 0, 0),
        ("Birch & Co", "2026-03-01", 0.0, 0.0, 0.0, 0.0, 1000.0, 0.0, 1000.0, 0, 0),
    ]


def test_revenue_is_not_earned_after_the_as_of_date(studio_db):
    rows = query(
        studio_db,
        "SELECT client, sum(earned_revenue)::DOUBLE FROM client_month GROUP BY 1 ORDER BY 1",
        as_of=date(2026, 1, 31),
    )
    # P-2: 12 of 32 days; P-1: January time and travel; P-3: the January retainer.
    assert rows == [("Acme Corporation", 2325.0 + 480.0 + 50.0), ("Birch & Co", 1000.0)]


def test_uncosted_hours_are_reported_not_costed(studio_db):
    rows = query(
        studio_db,
        "SELECT person, hours::DOUBLE, cost_rate, labour_cost FROM time_entries WHERE cost_rate IS NULL",
    )
    assert rows == [("Dan Ghost", 1.0, None, None)]
    uncosted = query(
        studio_db, "SELECT sum(uncosted_hours)::DOUBLE FROM activity_month", as_of=AS_OF
    )
    assert uncosted == [(1.0,)]


def test_invoice_status_balances_and_aging(studio_db):
    rows = query(
        studio_db,
        "SELECT invoice_number, amount::DOUBLE, tax::DOUBLE, balance::DOUBLE, status, days_overdue,"
        " aging_bucket FROM invoice_status ORDER BY invoice_number",
        as_of=AS_OF,
    )
    assert rows == [
        ("CN-001", -100.0, -20.0, 0.0, "credit", 0, None),
        ("INV-001", 3100.0, 620.0, 0.0, "paid", 0, None),
        ("INV-002", 530.0, 106.0, 636.0, "overdue", 8, "1-30"),
        ("INV-003", 1000.0, 200.0, 0.0, "paid", 0, None),
    ]


def test_an_invoice_due_on_the_as_of_date_is_open_not_overdue(studio_db):
    rows = query(
        studio_db,
        "SELECT status, days_overdue, aging_bucket FROM invoice_status WHERE invoice_number = 'INV-002'",
        as_of=date(2026, 3, 2),
    )
    assert rows == [("open", 0, "current")]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (
            AS_OF,
            [("Guidelines", "open_overdue", 5), ("Logo suite", "late", 3), ("Pack artwork", "early", 0),
             ("Print proofs", "on_time", 0), ("February batch", "open", 0)],
        ),
        (
            date(2026, 3, 1),  # Logo suite had not been delivered yet
            [("Guidelines", "open", 0), ("Logo suite", "open_overdue", 1), ("Pack artwork", "early", 0),
             ("Print proofs", "on_time", 0), ("February batch", "open", 0)],
        ),
    ],
)  # fmt: skip
def test_deliverable_status(studio_db, as_of, expected):
    rows = query(
        studio_db,
        "SELECT deliverable, status, days_late FROM deliverable_status ORDER BY project_code, deliverable",
        as_of=as_of,
    )
    assert rows == expected


def test_project_summary_ratios(studio_db):
    rows = query(
        studio_db,
        "SELECT project_code, earned_revenue::DOUBLE, round(margin_pct, 4), hours_burn_pct::DOUBLE,"
        " uninvoiced_amount::DOUBLE FROM project_summary ORDER BY 1",
        as_of=AS_OF,
    )
    assert rows == [
        # P-1: (855 − 337.5 − 70) / 855; 6.5 of 20 budget hours; billed 530.
        ("P-1", 855.0, round((855 - 337.5 - 70) / 855, 4), 0.325, 325.0),
        # P-2: (6200 − 500 − 800) / 6200; billed 3,100 − 100.
        ("P-2", 6200.0, round(4900 / 6200, 4), 0.25, 3200.0),
        # P-3: (3000 − 120) / 3000; no budget hours; billed 1,000.
        ("P-3", 3000.0, 0.96, None, 2000.0),
    ]


def test_the_days_are_stored_in_day_order(demo_db):
    # A period's queries read only the row groups of its days because the mart is stored in day
    # order (docs/performance.md): a mart written in any other order would read them all.
    days = [day for (day,) in query(demo_db, "SELECT day FROM daily_activity")]
    assert len(days) > 10_000 and days == sorted(days)
