"""What-if budgeting (SPEC F10): a plan of hours, rates, fees and expenses in, the SPEC §5
metrics out; break-even and target points, overrun risk and sensitivity. No Streamlit, no SQL.

The ratios follow the KPI macros in sql/macros/kpis.sql (margin_pct, agi, delivery_margin_pct,
effective_rate); tests check that a client's year rebuilt as a plan gives the views' figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from metrics.catalogue import kpi
from metrics.labels import BILLING_MODELS

HOURLY, FIXED_FEE, RETAINER = BILLING_MODELS
TARGET_DELIVERY_MARGIN = 0.5


@dataclass(frozen=True)
class Line:
    """Hours of one role or person at a cost rate and a bill rate."""

    who: str
    hours: float
    cost_rate: float
    bill_rate: float
    billed: bool = True  # billed by the hour (time and materials); else covered by a fee
    done: bool = False  # already worked: changes, overruns and discounts leave it as it is


@dataclass(frozen=True)
class Plan:
    """A job or a client's year: hours by role or person, fees, discount and expenses."""

    lines: tuple[Line, ...] = ()
    fee: float = 0.0  # revenue that does not depend on hours: a fixed fee, retainer months
    discount_pct: float = 0.0  # off the planned hours billed and the fee
    expenses: float = 0.0  # all expense cost, pass-through included
    pass_through: float = 0.0  # the part of expenses passed on to the client at cost
    rebilled: float = 0.0  # expenses billed to the client on top of the work


@dataclass(frozen=True)
class Outcome:
    """The SPEC §5 figures of a plan."""

    revenue: float
    labour_cost: float
    expense_cost: float
    pass_through_cost: float
    hours: float

    @property
    def gross_profit(self) -> float:
        """Revenue − labour cost − expenses."""
        return self.revenue - self.labour_cost - self.expense_cost

    @property
    def margin_pct(self) -> float | None:
        """Gross profit ÷ revenue (None without revenue)."""
        return _ratio(self.gross_profit, self.revenue)

    @property
    def agi(self) -> float:
        """Agency gross income: revenue − pass-through costs."""
        return self.revenue - self.pass_through_cost

    @property
    def delivery_margin_pct(self) -> float | None:
        """(AGI − labour cost) ÷ AGI (None without AGI)."""
        return _ratio(self.agi - self.labour_cost, self.agi)

    @property
    def effective_rate(self) -> float | None:
        """Revenue ÷ all hours (None without hours)."""
        return _ratio(self.revenue, self.hours)


def _ratio(part: float, whole: float) -> float | None:
    """part ÷ whole, None when whole is 0 (like nullif in the SQL macros)."""
    return None if abs(whole) < 1e-9 else part / whole


def line_revenue(line: Line, discount_pct: float) -> float:
    """What a line earns by the hour: planned hours carry the discount, worked ones do not."""
    if not line.billed:
        return 0.0
    return line.hours * line.bill_rate * (1.0 if line.done else 1.0 - discount_pct)


def price(plan: Plan) -> float:
    """What the work is sold for: hours billed and the fee, after the discount (no expenses)."""
    hours = sum(line_revenue(line, plan.discount_pct) for line in plan.lines)
    return hours + plan.fee * (1.0 - plan.discount_pct)


def outcome(plan: Plan) -> Outcome:
    """Revenue, costs and hours of a plan."""
    return Outcome(
        revenue=price(plan) + plan.rebilled,
        labour_cost=sum(line.hours * line.cost_rate for line in plan.lines),
        expense_cost=plan.expenses,
        pass_through_cost=plan.pass_through,
        hours=sum(line.hours for line in plan.lines),
    )


def absorbed_expenses(plan: Plan) -> float:
    """Expenses the studio bears: not passed on to the client at cost."""
    return plan.expenses - plan.pass_through


def gross_margin_at(plan: Plan, sold_for: float) -> float | None:
    """The plan's gross margin were its work (hours billed and fee) sold for `sold_for`."""
    revenue = sold_for + plan.rebilled
    return _ratio(revenue - outcome(plan).labour_cost - plan.expenses, revenue)


def scaled(plan: Plan, hours: float = 1.0, price: float = 1.0) -> Plan:
    """The plan with its planned (not yet worked) hours, or its planned bill rates and its
    fee, multiplied by a factor."""
    lines = tuple(
        line
        if line.done
        else replace(line, hours=line.hours * hours, bill_rate=line.bill_rate * price)
        for line in plan.lines
    )
    return replace(plan, lines=lines, fee=plan.fee * price)


def planned_hours(plan: Plan) -> float:
    """Hours still to work (lines not done)."""
    return sum(line.hours for line in plan.lines if not line.done)


# --------------------------------------------------------------------------- break-even


def _root(f: Callable[[float], float]) -> tuple[float, float] | None:
    """Where a linear f crosses zero, and its slope; None when f does not depend on x."""
    f0, f1 = f(0.0), f(1.0)
    if abs(f1 - f0) < 1e-9:
        return None
    return f0 / (f0 - f1), f1 - f0


def _target_gap(plan: Plan, target: float) -> float:
    """(1 − target) × AGI − labour cost: zero exactly at the target delivery margin."""
    result = outcome(plan)
    return (1.0 - target) * result.agi - result.labour_cost


@dataclass(frozen=True)
class Thresholds:
    """Where a plan breaks even (gross profit 0) and where it reaches the target delivery
    margin: the most hours it can take, and the lowest price it can be sold for."""

    break_even_hours: float | None
    target_hours: float | None
    break_even_price: float | None
    target_price: float | None


def thresholds(plan: Plan, target: float = TARGET_DELIVERY_MARGIN) -> Thresholds:
    """Break-even and target points, scaling planned hours (in their mix) or the price."""

    def most_hours(f: Callable[[Plan], float]) -> float | None:
        # Only a limit when more hours lower the figure (fees); billed hours pay for themselves.
        root = _root(lambda k: f(scaled(plan, hours=k)))
        if root is None or root[1] >= 0 or root[0] < 0:
            return None
        done = sum(line.hours for line in plan.lines if line.done)
        return done + root[0] * planned_hours(plan)

    def least_price(f: Callable[[Plan], float]) -> float | None:
        root = _root(lambda s: f(scaled(plan, price=s)))
        if root is None or root[1] <= 0:
            return None
        return price(scaled(plan, price=max(root[0], 0.0)))

    def profit(p: Plan) -> float:
        return outcome(p).gross_profit

    def gap(p: Plan) -> float:
        return _target_gap(p, target)

    return Thresholds(most_hours(profit), most_hours(gap), least_price(profit), least_price(gap))


# --------------------------------------------------------------------------- building plans


def no_lines() -> pd.DataFrame:
    """An empty table of planned lines, typed so an editor shows blank rates as blank."""
    return pd.DataFrame(
        {
            "who": pd.Series(dtype="str"),
            "hours": pd.Series(dtype=float),
            "cost_rate": pd.Series(dtype=float),
            "bill_rate": pd.Series(dtype=float),
        }
    )


@dataclass(frozen=True)
class Terms:
    """What a job form starts from: billing terms, schedule, expenses and planned lines
    (`who`, `hours`, and `cost_rate`/`bill_rate` typed over the rate card, blank = card)."""

    start: date
    end: date
    billing_model: str = HOURLY
    fee: float = 0.0
    pass_through: float = 0.0
    other_expenses: float = 0.0
    client: str | None = None  # whose history the risk is read from
    line: str | None = None  # and in which service line
    lines: pd.DataFrame = field(default_factory=lambda: no_lines())


def months_in(start: date, end: date) -> int:
    """Calendar months from the start's month to the end's month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def job_plan(
    billing_model: str,
    fee: float,
    start: date,
    end: date,
    lines: Iterable[Line],
    discount_pct: float = 0.0,
    pass_through: float = 0.0,
    other_expenses: float = 0.0,
    so_far: Plan | None = None,
) -> Plan:
    """A job's plan: planned lines on its billing terms, on top of what is done `so_far`.

    `fee` is the fixed fee, or a retainer's monthly fee (earned for each month of the
    schedule). Pass-through costs are re-billed at cost on time-and-materials work."""
    so_far = so_far or Plan()
    billed = billing_model == HOURLY
    total_fee = {FIXED_FEE: fee, RETAINER: fee * months_in(start, end)}.get(billing_model, 0.0)
    return Plan(
        lines=so_far.lines + tuple(replace(line, billed=billed) for line in lines),
        fee=total_fee,
        discount_pct=discount_pct,
        expenses=so_far.expenses + pass_through + other_expenses,
        pass_through=so_far.pass_through + pass_through,
        rebilled=so_far.rebilled + (pass_through if billed else 0.0),
    )


def problems(
    billing_model: str,
    fee: float,
    start: date | None,
    end: date | None,
    lines: pd.DataFrame,
    discount_pct: float = 0.0,
    expenses: Iterable[float] = (),
) -> list[str]:
    """What is wrong with a job's inputs, as messages for people (empty when all is fine).

    `lines` has `who`, `hours`, `cost_rate` and `bill_rate` (rates resolved from the rate card)."""
    found = []
    if start and end and end < start:
        found.append(f"The end date ({end:%-d %b %Y}) is before the start ({start:%-d %b %Y}).")
    if billing_model != HOURLY and not fee > 0:
        found.append(f"A {BILLING_MODELS[billing_model].lower()} needs a fee above 0.")
    if not 0 <= discount_pct < 1:
        found.append("The discount must be at least 0% and below 100%.")
    if any(value < 0 for value in expenses):
        found.append("Expenses cannot be negative.")
    for row in lines.itertuples():
        who = row.who or "A line without a role or person"
        if pd.isna(row.hours) or row.hours < 0:
            found.append(f"{who}: hours must be 0 or more.")
        if pd.isna(row.cost_rate) or row.cost_rate <= 0:
            found.append(f"{who}: no cost rate on the rate card; enter one above 0.")
        if billing_model == HOURLY and (pd.isna(row.bill_rate) or row.bill_rate <= 0):
            found.append(f"{who}: no bill rate on the rate card; enter one above 0.")
    return found


def resolve_rates(
    lines: pd.DataFrame, rate_card: pd.DataFrame, overrides: bool = True
) -> pd.DataFrame:
    """Planned lines (`who`, `hours`, optional `cost_rate`/`bill_rate` typed over the rate
    card) with every rate resolved: the typed one, else the rate card's (`name`, `cost_rate`,
    `bill_rate`); with `overrides` off, the rate card's first (the standard plan)."""
    card = rate_card.set_index("name")
    resolved = lines[lines["who"].notna() & (lines["who"] != "")].copy()
    for column in ("cost_rate", "bill_rate"):
        standard = resolved["who"].map(card[column]).astype(float)
        typed = pd.to_numeric(resolved[column], errors="coerce").astype(float)
        resolved[column] = typed.fillna(standard) if overrides else standard.fillna(typed)
    return resolved.reset_index(drop=True)


def replan_hours(budget_hours: float | None, estimate_hours: float | None) -> float | None:
    """The hours a re-plan plans the project to: its estimate at completion where that is above
    the budget (where the project is heading), else its budget."""
    known = [h for h in (budget_hours, estimate_hours) if h is not None]
    return max(known) if known else None


def remaining_lines(roles: pd.DataFrame, total_hours: float | None, hours: float) -> pd.DataFrame:
    """The hours of `total_hours` not yet worked, spread over roles in the mix worked so far
    (`who`, `hours`), at rate-card rates: the plan a re-plan starts from."""
    left = max((total_hours or 0.0) - hours, 0.0)
    share = roles["hours"] / roles["hours"].sum() if len(roles) else roles["hours"]
    return pd.DataFrame(
        {
            "who": roles["who"],
            "hours": (share * left).round(1),
            "cost_rate": math.nan,
            "bill_rate": math.nan,
        }
    )


def lines_from(frame: pd.DataFrame, done: bool = False) -> tuple[Line, ...]:
    """Plan lines from a table with `who`, `hours`, `cost_rate`, `bill_rate` (and `billed`)."""
    return tuple(
        Line(
            who=str(row.who),
            hours=float(row.hours),
            cost_rate=float(row.cost_rate),
            bill_rate=float(row.bill_rate),
            billed=bool(getattr(row, "billed", True)),
            done=done,
        )
        for row in frame.itertuples()
    )


def job_plans(
    typed: pd.DataFrame,
    rate_card: pd.DataFrame,
    billing_model: str,
    fee: float,
    start: date | None,
    end: date | None,
    discount_pct: float = 0.0,
    pass_through: float = 0.0,
    other_expenses: float = 0.0,
    so_far: Plan | None = None,
    heading: Terms | None = None,
) -> tuple[Plan, Plan, list[str]]:
    """A job form's baseline, scenario and problems: the standard plan (rate-card rates, no
    discount), the plan as typed, and what is wrong with the inputs (then both plans are
    empty). A new job's standard plan is the typed hours billed by the hour; a re-plan's, the
    project as it is `heading` (its terms and remaining hours as first filled in, on top of the
    work `so_far`), whatever is typed over them.

    `typed` has `who`, `hours`, and `cost_rate`/`bill_rate` typed over the rate card."""
    lines = resolve_rates(typed, rate_card)
    found = problems(
        billing_model, fee, start, end, lines, discount_pct, [pass_through, other_expenses]
    )
    standard = resolve_rates(typed, rate_card, overrides=False)
    if found:
        return Plan(), Plan(), found
    terms = {
        "fee": fee,
        "start": start,
        "end": end,
        "pass_through": pass_through,
        "other_expenses": other_expenses,
        "so_far": so_far,
    }
    plan = job_plan(billing_model, lines=lines_from(lines), discount_pct=discount_pct, **terms)
    if heading is None:
        return job_plan(HOURLY, lines=lines_from(standard), **terms), plan, found
    remaining = resolve_rates(heading.lines.dropna(subset=["hours"]), rate_card, overrides=False)
    # A role not on the rate card takes the rates typed for it (the form asks for them).
    typed_rates = lines.drop_duplicates("who").set_index("who")
    for column in ("cost_rate", "bill_rate"):
        remaining[column] = remaining[column].fillna(remaining["who"].map(typed_rates[column]))
    baseline = job_plan(
        heading.billing_model,
        heading.fee,
        heading.start,
        heading.end,
        lines_from(remaining),
        pass_through=heading.pass_through,
        other_expenses=heading.other_expenses,
        so_far=so_far,
    )
    return baseline, plan, found


def lines_table(plan: Plan) -> pd.DataFrame:
    """A plan's lines as a table, with what each costs and earns."""
    rows = [
        {
            "who": line.who,
            "status": "worked" if line.done else "planned",
            "billed": line.billed,
            "hours": line.hours,
            "cost_rate": line.cost_rate,
            "bill_rate": line.bill_rate if line.billed else math.nan,
            "labour_cost": line.hours * line.cost_rate,
            "revenue": line_revenue(line, plan.discount_pct),
        }
        for line in plan.lines
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "who",
            "status",
            "billed",
            "hours",
            "cost_rate",
            "bill_rate",
            "labour_cost",
            "revenue",
        ],
    )


# --------------------------------------------------------------------------- client year


@dataclass(frozen=True)
class Change:
    """Changes to one line of a client's year."""

    rate_pct: float = 0.0  # bill rate up (or down) by this fraction
    hours_pct: float = 0.0  # hours up (or down) by this fraction
    moved_pct: float = 0.0  # share of the hours handed to someone else (a freelancer, a junior)
    moved_cost_rate: float | None = None  # what an hour of theirs costs


def changed(
    plan: Plan,
    changes: dict[int, Change],
    discount_pct: float = 0.0,
    fee_pct: float = 0.0,
    moved_to: dict[int, str] | None = None,
) -> Plan:
    """The plan with per-line changes (by line index), a discount and a change of fees.

    Moved hours are billed as before (the client pays the same) but cost what the new
    person's hour costs."""
    moved_to = moved_to or {}
    lines: list[Line] = []
    for index, line in enumerate(plan.lines):
        change = changes.get(index, Change())
        hours = line.hours * (1.0 + change.hours_pct)
        moved = change.moved_pct if change.moved_cost_rate is not None else 0.0
        kept = replace(
            line, hours=hours * (1.0 - moved), bill_rate=line.bill_rate * (1.0 + change.rate_pct)
        )
        lines.append(kept)
        if moved:
            who = moved_to.get(index, "someone else")
            lines.append(
                replace(
                    kept,
                    who=f"{who} (from {line.who})",
                    hours=hours * moved,
                    cost_rate=change.moved_cost_rate,
                )
            )
    return replace(
        plan, lines=tuple(lines), fee=plan.fee * (1.0 + fee_pct), discount_pct=discount_pct
    )


def year_changes(
    plan: Plan,
    table: pd.DataFrame,
    rate_card: pd.DataFrame,
    discount_pct: float = 0.0,
    fee_pct: float = 0.0,
) -> Plan:
    """A client's year with the changes typed per line (`rate_change`, `hours_change`,
    `moved`, in percent, and `moved_to`, a role or person on the rate card)."""
    cost = rate_card.set_index("name")["cost_rate"]
    changes, moved_to = {}, {}
    for index, row in enumerate(table.itertuples()):
        target = row.moved_to if isinstance(row.moved_to, str) and row.moved_to in cost else None
        changes[index] = Change(
            rate_pct=_percent(row.rate_change),
            hours_pct=_percent(row.hours_change),
            moved_pct=_percent(row.moved) if target else 0.0,
            moved_cost_rate=float(cost[target]) if target else None,
        )
        if target:
            moved_to[index] = target
    return changed(plan, changes, discount_pct, fee_pct, moved_to)


def _percent(value: object) -> float:
    """A percentage typed in a table as a fraction (blank is 0)."""
    return 0.0 if value is None or pd.isna(value) else float(value) / 100.0


def year_problems(table: pd.DataFrame) -> list[str]:
    """What is wrong with the changes typed for a client's year."""
    found = []
    for row in table.itertuples():
        if _percent(row.hours_change) < -1:
            found.append(f"{row.who}: hours cannot fall by more than 100%.")
        if _percent(row.rate_change) <= -1:
            found.append(f"{row.who}: a rate change of −100% or less leaves a rate of 0.")
        if not 0 <= _percent(row.moved) <= 1:
            found.append(f"{row.who}: the share moved must be between 0% and 100%.")
        if _percent(row.moved) and not isinstance(row.moved_to, str):
            found.append(f"{row.who}: choose who takes over the hours moved.")
    return found


def year_table(plan: Plan) -> pd.DataFrame:
    """A client's year as the table of changes to type into (all changes 0)."""
    lines = lines_table(plan)[["who", "billed", "hours", "cost_rate", "bill_rate"]]
    return lines.assign(rate_change=0.0, hours_change=0.0, moved=0.0, moved_to=None)


def year_plan(roles: pd.DataFrame, amounts: pd.Series) -> Plan:
    """A client's year as a plan: per role and basis the hours at their average cost and
    earned rate (so the plan earns and costs exactly what the year did), plus fees and
    expenses (`amounts`: fees, expenses, pass_through, rebilled)."""
    frame = roles.assign(
        cost_rate=roles["labour_cost"] / roles["hours"],
        bill_rate=(roles["revenue"] / roles["hours"]).where(roles["billed"], 0.0),
    )
    return Plan(
        lines=lines_from(frame.rename(columns={"role": "who"})),
        fee=float(amounts["fees"]),
        expenses=float(amounts["expenses"]),
        pass_through=float(amounts["pass_through"]),
        rebilled=float(amounts["rebilled"]),
    )


# --------------------------------------------------------------------------- comparison

# Catalogue name → the Outcome attribute holding it.
MEASURES = {
    "earned_revenue": "revenue",
    "labour_cost": "labour_cost",
    "expense_cost": "expense_cost",
    "gross_profit": "gross_profit",
    "margin_pct": "margin_pct",
    "agi": "agi",
    "delivery_margin_pct": "delivery_margin_pct",
    "hours": "hours",
    "effective_rate": "effective_rate",
}


def figures(result: Outcome) -> dict[str, float | None]:
    """An outcome's figures by catalogue name."""
    return {name: getattr(result, attribute) for name, attribute in MEASURES.items()}


def scenario_table(baseline: Plan, scenario: Plan) -> pd.DataFrame:
    """Baseline against scenario, one row per measure (catalogue name and label), with the
    difference: the table the page shows and exports, and reports can call."""
    before, after = figures(outcome(baseline)), figures(outcome(scenario))
    rows = [
        {
            "measure": name,
            "label": kpi(name).label,
            "baseline": before[name],
            "scenario": after[name],
            "difference": None
            if before[name] is None or after[name] is None
            else after[name] - before[name],
        }
        for name in MEASURES
    ]
    return pd.DataFrame(rows)


def shown(table: pd.DataFrame, currency: str) -> pd.DataFrame:
    """A table of measures (`measure`, `label`, figure columns, optional `difference`) as
    text, each row in its measure's unit; differences of percentages in points."""
    text = table[["label"]].copy()
    entries = [kpi(name) for name in table["measure"]]
    for column in table.columns.drop(["measure", "label", "difference"], errors="ignore"):
        text[column] = [e.format(v, currency) for e, v in zip(entries, table[column], strict=True)]
    if "difference" in table:
        text["difference"] = [
            e.format_change(after, before, currency) or "—"
            for e, before, after in zip(entries, table["baseline"], table["scenario"], strict=True)
        ]
    return text


# --------------------------------------------------------------------------- risk


def overrun_quantiles(ratios: pd.Series) -> dict[str, float]:
    """Median, 80th and 90th percentile of actual ÷ budgeted hours (linear interpolation)."""
    return {
        "Median": float(ratios.quantile(0.5)),
        "P80": float(ratios.quantile(0.8)),
        "P90": float(ratios.quantile(0.9)),
    }


def risk_table(plan: Plan, quantiles: dict[str, float], target: float) -> pd.DataFrame:
    """The plan as typed and with its planned hours overrun as history suggests, each with the
    lowest price that still reaches the `target` delivery margin (`target_price`)."""
    cases = {"As planned": 1.0, **quantiles}
    rows = []
    for case, ratio in cases.items():
        overrun = scaled(plan, hours=ratio)
        target_price = thresholds(overrun, target).target_price
        rows.append(
            {
                "case": case,
                "overrun": ratio,
                **figures(outcome(overrun)),
                "target_price": target_price,
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- sensitivity

DRIVERS: dict[str, tuple[str, Callable[[Plan, float], Plan]]] = {
    "hours": ("Planned hours", lambda plan, f: scaled(plan, hours=f)),
    "price": ("Price (rates and fee)", lambda plan, f: scaled(plan, price=f)),
}
CHANGES = [round(-0.3 + 0.05 * step, 2) for step in range(17)]  # −30% … +50%


def main_drivers(plan: Plan) -> list[str]:
    """The drivers, the one whose 10% change moves the delivery margin most first."""

    def swing(name: str) -> float:
        moved = outcome(DRIVERS[name][1](plan, 1.1)).delivery_margin_pct
        base = outcome(plan).delivery_margin_pct
        return 0.0 if moved is None or base is None else abs(moved - base)

    return sorted(DRIVERS, key=swing, reverse=True)


def sensitivity(
    plan: Plan, target: float = TARGET_DELIVERY_MARGIN
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The delivery margin as the main drivers change (−30% … +50%), and for each driver the
    change at which the plan breaks even and at which it reaches the target."""
    curves, points = [], []
    for name in main_drivers(plan):
        label, apply = DRIVERS[name]
        for change in CHANGES:
            margin = outcome(apply(plan, 1.0 + change)).delivery_margin_pct
            curves.append({"driver": label, "change": change, "delivery_margin_pct": margin})
        for point, f in (
            ("Break-even", lambda p: outcome(p).gross_profit),
            (f"Target {target:.0%}", lambda p: _target_gap(p, target)),
        ):
            root = _root(lambda x, f=f, apply=apply: f(apply(plan, x)))
            if root is not None and 1.0 + CHANGES[0] <= root[0] <= 1.0 + CHANGES[-1]:
                margin = outcome(apply(plan, root[0])).delivery_margin_pct
                points.append(
                    {
                        "driver": label,
                        "point": point,
                        "change": root[0] - 1.0,
                        "delivery_margin_pct": margin,
                    }
                )
    return (
        pd.DataFrame(curves, columns=["driver", "change", "delivery_margin_pct"]),
        pd.DataFrame(points, columns=["driver", "point", "change", "delivery_margin_pct"]),
    )
