"""Labels are defined once, in metrics/labels.py: the SQL returns codes, and every code it can
return has a label (and, where drawn, a colour). File names are made from names by one rule."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from etl.formats import KINDS
from metrics import labels, palette
from settings import SQL, file_slug
from studio import query

AS_OF = date(2026, 3, 2)


def codes_in(view: str, column: str) -> set[str]:
    """The codes a CASE in `sql/<view>.sql` gives `column` (its THEN and ELSE texts)."""
    text = (SQL / f"{view}.sql").read_text(encoding="utf-8")
    case = re.search(r"CASE((?:(?!CASE).)*?)END AS " + column, text, re.S)
    assert case, f"no CASE … END AS {column} in {view}"
    return set(re.findall(r"(?:THEN|ELSE) '([\w+-]+)'", case.group(1)))


def test_every_deliverable_status_has_a_label_and_the_drawn_ones_a_colour():
    assert codes_in("metrics/deliverable_status", "status") == set(labels.DELIVERY_STATUS)
    assert set(palette.STATUS_COLOURS) <= set(labels.DELIVERY_STATUS)


def test_every_invoice_status_billing_model_and_kind_of_data_has_a_label():
    assert codes_in("metrics/invoice_status", "status") == set(labels.INVOICE_STATUS)
    assert codes_in("staging/stg_projects", "billing_model") == set(labels.BILLING_MODELS)
    listed = re.findall(r"SELECT '(\w+)'", (SQL / "queries/source_freshness.sql").read_text())
    assert set(listed) | set(KINDS) == set(labels.DATA_KINDS)


def test_every_stage_of_the_outlook_has_a_label():
    assert codes_in("queries/deliverable_outlook", "stage") == set(labels.STAGES)


def test_every_aging_bucket_and_column_has_a_label_and_a_colour(studio_db):
    assert codes_in("metrics/invoice_status", "aging_bucket") == set(labels.AGING_BUCKETS)
    # An invoice's bucket reads as the column of ar_aging it is summed in.
    summed = re.findall(
        r"aging_bucket = '([\w+-]+)'\) AS (\w+)", (SQL / "metrics/ar_aging.sql").read_text()
    )
    assert {code: labels.AGING[column] for code, column in summed} == labels.AGING_BUCKETS
    columns = [name for name, *_ in query(studio_db, "DESCRIBE ar_aging", as_of=AS_OF)]
    assert [c for c in columns if c in labels.AGING] == list(labels.AGING)  # in drawn order
    assert set(columns) - set(labels.AGING) == {"client", "overdue", "outstanding"}
    assert list(palette.AGING_COLOURS) == list(labels.AGING)


def test_a_concept_has_one_wording():
    # The open past-due deliverable reads the same as a status, a report stage and a tile.
    assert labels.STAGES["open_overdue"] == labels.DELIVERY_STATUS["open_overdue"]
    assert labels.AGING_BUCKETS["90+"] == labels.AGING["days_90_plus"] == "Over 90 days"


def test_codes_are_labelled_and_missing_ones_stay_missing():
    assert labels.labelled(["on_time", None], labels.DELIVERY_STATUS) == ["On time", None]


@pytest.mark.parametrize(
    ("name", "joiner", "expected"),
    [
        ("Acme: Spring launch!", "-", "acme-spring-launch"),
        ("=P-2 again", "-", "p-2-again"),  # the joiner itself is kept
        ("Q3_plan", "-", "q3_plan"),
        ("Café Søren", "-", "café-søren"),  # letters of any script stay
        ("Studio timesheet", "_", "studio_timesheet"),  # how profiles are saved
        ("Harvest - time (v2)", "_", "harvest_time_v2"),
        ("!!!", "-", ""),
    ],
)
def test_one_rule_makes_file_names(name, joiner, expected):
    assert file_slug(name, joiner) == expected


def test_needs_attention_says_how_many_items_of_each_kind():
    kinds = pd.Series(["Deliverable late", "Margin fell", "Margin fell", "Forecast below plan",
                       "Deliverable late", "Margin fell", "Invoice overdue", "Invoices overdue"])  # fmt: skip
    # Most first; a tie in the order the list reaches the kind; one invoice and several as one.
    assert labels.attention_count(kinds) == (
        "8 items, the most urgent first. Margin fell: 3 · Deliverable late: 2 · "
        "Invoices overdue: 2 · Forecast below plan: 1"
    )
    assert labels.attention_count(kinds[:1]).startswith("1 item, ")


@pytest.mark.parametrize(
    ("status", "shown"),
    [("on_hold", "On hold"), ("cancelled", "Cancelled"), ("in review", "In review"), (None, None)],
)
def test_a_project_status_reads_as_words_even_one_of_another_tool(status, shown):
    assert labels.project_status(status) == shown


@pytest.mark.parametrize(
    ("name", "owned"),
    [
        ("Marco Bianchi", "Marco Bianchi's"),
        ("Northwind Grocers", "Northwind Grocers'"),  # the log's "Added to … log."
        ("Birch & Co", "Birch & Co's"),
    ],
)
def test_a_name_ending_in_s_takes_the_apostrophe_alone(name, owned):
    assert labels.possessive(name) == owned
