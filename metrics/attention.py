"""The Needs-attention ranking's scores and thresholds, named once: sql/queries/attention.sql
takes them as parameters ($name), docs/metrics.md lists them with the reasons given here."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Rules:
    """Who gets on the list, and each rule's base score; higher scores are listed first."""

    # Base scores order the kinds of problem. Most add a point per day late or overdue, or per
    # percentage point, so an old problem climbs over a fresh one of a higher kind.

    # + points of pace: first, as it is the one problem still fixable within the budget.
    burning_score: int = 60
    # + days late: a client is waiting for the deliverable now.
    late_deliverable_score: int = 55
    # + days past due: the date is gone; its late deliverables say what is holding it up.
    past_due_score: int = 50
    # + points lost: a margin slide costs on every hour sold to the client.
    margin_fell_score: int = 45
    # + days overdue: cash, less urgent than delivery until it ages (30 days overdue is 70).
    overdue_invoice_score: int = 40
    # + days open (account log): a client's complaint or a risk raised and not yet dealt with
    # sours the account the longer it waits; fresh, it ranks with a margin slide, and above
    # every gap to the year's plan (at most 48), which has months left to close.
    open_issue_score: int = 49
    # + days overdue (account log): a promise to the client broken; above an unpaid invoice of
    # the same age, as it is ours to keep, and, like an open issue, above the plan's gaps.
    follow_up_overdue_score: int = 49
    # + points below plan beyond the threshold, at most `below_plan_most`: the year is at risk,
    # with months left to act, so even a large gap stays below this week's late work.
    below_plan_score: int = 36
    # + points under the margin target beyond the threshold, at most `below_plan_most`: the
    # year's margin, like its revenue, is missed slowly, with months left to act; above a
    # revenue gap, as every hour sold at a thin margin adds to it.
    below_margin_target_score: int = 38
    # Fixed: a standing risk to plan for, never this week's emergency.
    concentration_score: int = 35
    # − days left: a reminder, below every problem as nothing is wrong yet; nearest first.
    due_soon_score: int = 30

    # Thresholds: below them the change is noise, or nothing needs doing yet.

    # Burn ahead of schedule elapsed by over 10 points: smaller gaps are timesheets wobbling
    # week to week against a straight schedule line.
    burning_pace: float = 0.10
    # And over half the budget hours used: early on, set-up work runs ahead and an overrun is
    # a few hours.
    burning_burn: float = 0.5
    # A fall of over 5 points on the period before: smaller falls come and go with the days fees
    # and expenses land on.
    margin_fell_drop: float = 0.05
    # Over a period of 14 days or more: over a few days a margin swings by tens of points with
    # the day one fee or invoice lands on (one day read "margin -222% vs 100% before").
    margin_fell_days: int = 14
    # Due within 14 days: two weekly reviews to get it delivered.
    due_soon_days: int = 14
    # A forecast for the year over 10% under the revenue plan: closer, a month's usual swing
    # could close the gap by itself.
    below_plan_gap: float = 0.10
    # A margin for the year to date over 5 points under the client's margin target: closer, a
    # month's mix of work moves it that much.
    below_margin_target_gap: float = 0.05
    # At most 10 points for a gap to plan, of revenue or margin (36 + 10 = 46): a plan missed by
    # half is no more urgent this week than one missed by a fifth, and a client lost a year ago
    # would top the list.
    below_plan_most: int = 10

    def params(self) -> dict[str, float]:
        """The rules as the query's parameters."""
        return asdict(self)


RULES = Rules()
