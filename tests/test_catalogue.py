"""The KPI catalogue: every entry points at a real view column or macro, and formats well."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.catalogue import CATALOGUE, column_spec, in_table_unit, kpi, table_format
from studio import query


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_each_kpi_names_a_column_or_macro_that_exists(studio_db, name):
    where = CATALOGUE[name].column
    if where.startswith("macro "):
        macro = where.removeprefix("macro ").removesuffix("()")
        found = query(
            studio_db, "SELECT count(*) FROM duckdb_functions() WHERE function_name = $m", m=macro
        )
    else:
        view, column = where.split(".")
        found = query(
            studio_db,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = $v AND column_name = $c",
            v=view,
            c=column,
        )
    assert found[0][0] >= 1, where


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("earned_revenue", 1234567.4, "EUR 1,234,567"),
        ("margin_pct", 0.4167, "41.7%"),
        ("effective_rate", 96.456, "EUR 96.46/h"),
        ("hours", 1234.4, "1,234 h"),
        ("hours", 6.5, "6.5 h"),
        ("days_late", 3.0, "3"),
        ("margin_pct", None, "—"),
        ("margin_pct", float("nan"), "—"),
        # Pace is burn − schedule elapsed: a difference of two shares, in points.
        ("pace_pct", 0.027, "+2.7 pts"),
        ("pace_pct", -0.1805, "-18.1 pts"),
        # Growth and the forecast against plan are relative changes: signed either way.
        ("ttm_growth_pct", 0.0093, "+0.9%"),
        ("gap_pct", -0.458, "-45.8%"),
    ],
)
def test_values_are_formatted_by_unit(name, value, shown):
    assert kpi(name).format(value, "EUR") == shown


def test_every_kpi_has_a_label_and_a_one_sentence_definition():
    for entry in CATALOGUE.values():
        assert entry.label and entry.definition.endswith(".")
        assert entry.unit in {"money", "hours", "pct", "growth", "pts", "rate", "count"}


@pytest.mark.parametrize(
    ("name", "now", "before", "shown"),
    [
        ("earned_revenue", 1500.0, 1000.0, "+EUR 500"),
        ("overdue", 800.0, 1000.0, "-EUR 200"),
        ("margin_pct", 0.41, 0.45, "-4.0 pts"),
        ("hours", 120.0, 100.0, "+20 h"),  # shown as 120 h and 100 h
        ("hours", 12.5, 10.0, "+2.5 h"),  # shown as 12.5 h and 10.0 h
        ("hours", 1938.0, 1956.5, "-18 h"),  # the weekly review's hours, 1,938 h and 1,956 h
        ("hours", 150.2, 150.4, "+0 h"),  # shown as 150 h twice: no fall
        ("margin_pct", 0.4100, 0.4104, "+0.0 pts"),  # shown as 41.0% twice
        ("earned_revenue", 1000.0, 1000.4, "+EUR 0"),
        ("margin_pct", 0.41, None, ""),
        ("pace_pct", 0.05, 0.02, "+3.0 pts"),
        # The difference of the figures shown, as a reader checks it (not of the unrounded ones:
        # +3.0 pts, +EUR 8,210, +64 h).
        ("margin_pct", 0.52558, 0.49549, "+3.1 pts"),  # 52.6% and 49.5%
        ("earned_revenue", 282_739.4, 274_529.6, "+EUR 8,209"),  # EUR 282,739 and EUR 274,530
        ("hours", 2107.6, 2043.4, "+65 h"),  # 2,108 h and 2,043 h
        ("ttm_growth_pct", 0.05, 0.12, "-7.0 pts"),
    ],
)
def test_changes_are_formatted_by_unit(name, now, before, shown):
    assert kpi(name).format_change(now, before, "EUR") == shown


def test_tiles_write_large_amounts_compactly():
    """Six figures did not fit a tile at a laptop's width ('EUR 335,…')."""
    revenue = kpi("earned_revenue")
    assert revenue.format(1_071_234.0, "EUR", compact=True) == "EUR 1.07M"
    assert revenue.format(999_500.0, "EUR", compact=True) == "EUR 1.00M"  # not 'EUR 1,000K'
    assert revenue.format(999_499.0, "EUR", compact=True) == "EUR 999K"
    assert revenue.format(236_286.0, "EUR", compact=True) == "EUR 236K"
    assert revenue.format(-335_935.0, "EUR", compact=True) == "EUR -336K"
    assert revenue.format(99_999.0, "EUR", compact=True) == "EUR 99,999"
    assert revenue.format(236_286.0, "EUR") == "EUR 236,286"  # tables and reports in full


@pytest.mark.parametrize(
    ("name", "spec"),
    [
        ("margin_pct", ("Gross margin", "pct")),  # a KPI: the catalogue's label and unit
        ("issue_date", ("Issued", "date")),
        ("balance", ("Unpaid (gross)", "money")),
        ("cost_rate_source", ("Cost rate from", "text")),
        ("kind_of_thing", ("Kind of thing", "text")),  # unknown: its name, as text
    ],
)
def test_table_columns_have_one_house_heading_and_unit(name, spec):
    assert column_spec(name) == spec


def test_tables_hold_points_as_points():
    pace = pd.Series([0.027, -0.1805, None])
    assert in_table_unit("pts", pace).tolist()[:2] == pytest.approx([2.7, -18.05])
    # Shares in percent with one decimal, as the tiles write them (52.6%, not 52.58%).
    margin = pd.Series([0.5258, 1.0])
    assert in_table_unit("pct", margin).tolist() == pytest.approx([52.58, 100.0])
    assert in_table_unit("pct", margin, scaled=("pts",)).equals(margin)  # Excel's % scales
    assert in_table_unit("money", margin).equals(margin)
    # A relative change scales as a share does; its format signs it (+48.3%, -45.8%).
    assert in_table_unit("growth", pd.Series([0.483])).tolist() == pytest.approx([48.3])
    assert table_format("growth") == "%+.1f%%"
