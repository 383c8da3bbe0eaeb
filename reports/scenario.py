"""A what-if scenario as report content: baseline against scenario, the overrun risk from the
studio's history and the sensitivity of the delivery margin; reports.deck lays it out."""

from __future__ import annotations

import pandas as pd

from metrics import whatif
from metrics.catalogue import format_value, kpi
from reports.content import Chart, Report, Section, Table

RISK_FIGURES = ["earned_revenue", "gross_profit", "margin_pct", "delivery_margin_pct"]


def report(
    name: str,
    level: str,
    baseline: whatif.Plan,
    scenario: whatif.Plan,
    history: pd.DataFrame | None,
    target: float,
    currency: str,
) -> Report:
    """The open scenario: its figures, its risk (when there is a history) and its sensitivity."""
    table = whatif.scenario_table(baseline, scenario)
    sections = (
        Section(
            "Baseline and scenario",
            "Differences of percentages in points.",
            table=_measures(whatif.shown(table, currency), ["Baseline", "Scenario", "Difference"]),
        ),
        *([risk_section(scenario, history, target, currency)] if history is not None else []),
        sensitivity_section(scenario, target, currency),
    )
    return Report(
        f"What-if: {name.strip() or 'unsaved scenario'}",
        f"{level} · amounts in {currency} · target delivery margin {target:.0%}",
        "",
        sections,
    )


def comparison_report(comparison: pd.DataFrame, currency: str) -> Report:
    """Saved scenarios side by side (`actions.scenarios.compare`)."""
    names = list(comparison.columns.drop(["measure", "label"]))
    table = _measures(whatif.shown(comparison, currency), names)
    return Report(
        "What-if: saved scenarios compared",
        f"{', '.join(names)} · amounts in {currency}",
        "",
        (Section("Scenarios side by side", table=table),),
    )


def _measures(shown: pd.DataFrame, headings: list[str]) -> Table:
    """A table of `whatif.shown` text: the measure's label, then one column per figure."""
    return Table(["", *headings], shown.to_numpy().tolist())


def risk_section(
    scenario: whatif.Plan, history: pd.DataFrame, target: float, currency: str
) -> Section:
    """The scenario as planned and at the median, P80 and P90 overrun of similar projects, with
    the lowest price that still reaches the target delivery margin at each."""
    if history.empty:
        return Section(
            "How jobs like this overran",
            "No delivered project with budgeted hours yet: there is no history to learn from.",
        )
    risk = whatif.risk_table(scenario, whatif.overrun_quantiles(history["overrun"]), target)
    rows = [
        [
            row["case"],
            f"{row['overrun']:.2f}×",
            *(kpi(name).format(row[name], currency) for name in RISK_FIGURES),
            format_value("money", row["target_price"], currency),
        ]
        for _, row in risk.iterrows()
    ]
    return Section(
        "How jobs like this overran",
        f"Actual ÷ budgeted hours on {len(history)} delivered projects "
        f"({history['scope'].iloc[0]}), applied to the planned hours of the scenario.",
        table=Table(
            [
                "Case",
                "Hours × plan",
                *(kpi(n).label for n in RISK_FIGURES),
                f"Lowest price, {target:.0%} delivery margin",
            ],
            rows,
        ),
    )


def sensitivity_section(scenario: whatif.Plan, target: float, currency: str) -> Section:
    """The delivery margin as the main drivers change, and the break-even and target points."""
    curves, _ = whatif.sensitivity(scenario, target)
    changes = sorted(curves["change"].unique())
    chart = Chart(
        f"{kpi('delivery_margin_pct').label} at 0.7× to 1.5× the plan",
        "line",
        # As factors: a leading + or - would be taken for a formula (and quoted) in the chart.
        [f"{1 + change:.2f}×" for change in changes],
        {
            driver: [None if pd.isna(v) else float(v) for v in rows["delivery_margin_pct"]]
            for driver, rows in curves.groupby("driver", sort=False)
        },
        "pct",
    )
    points = whatif.thresholds(scenario, target)
    limits = Table(
        ["", "Break-even", f"{target:.0%} delivery margin"],
        [
            [
                "Most hours",
                format_value("hours", points.break_even_hours),
                format_value("hours", points.target_hours),
            ],
            [
                "Lowest price",
                format_value("money", points.break_even_price, currency),
                format_value("money", points.target_price, currency),
            ],
        ],
    )
    return Section(
        "Sensitivity",
        "Planned hours (in their mix) or the price (rates and fee) times 0.7 to 1.5, one at a "
        "time; — where more hours or a lower price never reach the point.",
        charts=(chart,),
        table=limits,
    )
