"""The studio's plans, written as the targets and pipeline templates: each client's yearly
targets, set from what it earned the year before, and the sales pipeline as of as_of."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from demo.model import Studio, add_months, money, qh_amount
from demo.spec import (
    AMBITIOUS_CLIENTS,
    AMBITIOUS_GROWTH,
    CLIENTS,
    DEFAULT_TARGET_GROWTH,
    LINE_SHAPES,
    MARGIN_TARGET,
    ON_TIME_TARGET,
    PIPELINE_CLOSED,
    PIPELINE_HEADER,
    PIPELINE_MAX_SHARE,
    PIPELINE_MIN_VALUE,
    PIPELINE_OPEN,
    PIPELINE_STAGES,
    PIPELINE_START_DAYS,
    PIPELINE_VALUE,
    TARGET_GROWTH,
    TARGETS_HEADER,
)


def earned_cents(studio: Studio) -> dict[tuple[int, int], float]:
    """Earned revenue in cents per (client, year) up to as_of, as docs/metrics.md defines it:
    billable time-and-materials hours at their bill rate and the re-charged expenses of those
    projects, fixed fees spread over their span's days, retainer fees per month."""
    as_of = studio.as_of
    earned: dict[tuple[int, int], float] = defaultdict(float)
    for (j, (year, _), role), qh in studio.tm_hours.items():
        earned[studio.projects[j].client, year] += qh_amount(qh, studio.bill_rates[role, year])
    for e in studio.expenses:
        p = studio.projects[e.project]
        if e.billable and p.billing == "time_and_materials" and e.day <= as_of:
            earned[p.client, e.day.year] += e.cents
    for p in studio.projects:
        if p.budget_cents is None or p.billing == "time_and_materials":
            continue
        end = p.delivered or p.due
        if p.billing == "fixed_fee":
            days = (end - p.start).days + 1
            for year in range(p.start.year, min(end, as_of).year + 1):
                first, last = max(p.start, date(year, 1, 1)), min(end, date(year, 12, 31), as_of)
                earned[p.client, year] += p.budget_cents * ((last - first).days + 1) / days
        else:
            month = date(p.start.year, p.start.month, 1)
            while month <= min(end, as_of):
                earned[p.client, month.year] += p.budget_cents
                month = add_months(month, 1)
    return earned


def _annual(studio: Studio, earned: dict[tuple[int, int], float], c: int, year: int) -> float:
    """A client's earned revenue of a year, the running year's extrapolated to all of it."""
    amount = earned.get((c, year), 0.0)
    if year == studio.as_of.year:
        elapsed = (studio.as_of - date(year, 1, 1)).days + 1
        amount *= (date(year + 1, 1, 1) - date(year, 1, 1)).days / elapsed
    return amount


def _round_target(cents: float) -> int:
    """A budgeted figure: whole thousands of euros, whole five thousands above 100,000."""
    step = 500_000 if cents >= 10_000_000 else 100_000
    return max(step, round(cents / step) * step)


def write_targets(path: Path, studio: Studio) -> None:
    """Revenue, margin and on-time targets per client for last year, this year and next year.
    A client with nothing earned the year before gets none (the lost client next year), except
    in its first year (the new client), which is set at that year's own pace."""
    rng = studio.rng("targets")
    earned = earned_cents(studio)
    steady = [c for c, spec in enumerate(CLIENTS) if spec.story == "steady"]
    ambitious = set(rng.sample(steady, AMBITIOUS_CLIENTS))
    this_year = studio.as_of.year
    rows = []
    for c, spec in sorted(enumerate(CLIENTS), key=lambda item: item[1].name):
        for year in (this_year - 1, this_year, this_year + 1):
            base = _annual(studio, earned, c, year - 1)
            growth = AMBITIOUS_GROWTH if c in ambitious else TARGET_GROWTH.get(spec.story)
            if not base and spec.story == "new":
                base = _annual(studio, earned, c, year)
            factor = rng.uniform(*(growth or DEFAULT_TARGET_GROWTH))
            margin, on_time = rng.randint(*MARGIN_TARGET), rng.randint(*ON_TIME_TARGET)
            if base <= 0:
                continue
            target = _round_target(base * factor)
            rows.append([spec.name, year, money(target), f"{margin}%", f"{on_time}%"])
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(TARGETS_HEADER)
        out.writerows(rows)


def _opportunity_name(rng: random.Random, line: str, start: date) -> str:
    """A name for the work, from its service line's project stems and its season."""
    stem = rng.choice(LINE_SHAPES[line][2])
    season = ("Winter", "Spring", "Summer", "Autumn")[start.month % 12 // 3]
    if line == "packaging" and start.month >= 8:
        season = "Christmas"
    return f"{stem.format(season=season)} {start.year}"


def _recent_work(studio: Studio) -> dict[int, list[tuple[str, int]]]:
    """Each client's projects of the last year as (service line, fee in cents): the budget,
    else the value of its time. What it buys next looks like what it bought lately."""
    since = studio.as_of - timedelta(days=365)
    work: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for p in studio.projects:
        if p.billing != "retainer" and p.start >= since and p.status != "cancelled":
            fee = p.budget_cents if p.budget_cents is not None else p.value_cents
            if fee > 0:
                work[p.client].append((p.line, fee))
    return work


def write_pipeline(path: Path, studio: Studio) -> None:
    """The sales pipeline as of as_of: open opportunities for every client still working with
    the studio, sized like its recent projects (never above a third of a year of its revenue)
    and expected in the coming months, plus a few won and lost ones. The sales team spells a
    client as its CRM does (Acme's last alias)."""
    rng = studio.rng("pipeline")
    cal, as_of = studio.cal, studio.as_of
    recent = _recent_work(studio)
    earned = earned_cents(studio)
    active = [c for c in range(len(CLIENTS)) if recent[c]]
    steady = [c for c in active if CLIENTS[c].story == "steady"]
    deals: list[tuple[int, str, date]] = []  # (client, stage, expected start)
    for c in active:
        count = 1 if CLIENTS[c].story == "shrinking" else rng.randint(*PIPELINE_OPEN)
        for _ in range(count * studio.multiplier):
            stage = rng.choice(list(PIPELINE_STAGES))
            deals.append((c, stage, as_of + timedelta(days=rng.randint(*PIPELINE_START_DAYS))))
    for stage, c in zip(PIPELINE_CLOSED, rng.sample(steady, len(PIPELINE_CLOSED)), strict=True):
        # Won work starts within weeks (and will appear as a project); lost work would have.
        days = rng.randint(10, 40) if stage == "Won" else rng.randint(*PIPELINE_START_DAYS)
        deals.append((c, stage, as_of + timedelta(days=days)))
    rows = []  # by client, then expected start
    named: dict[tuple[int, str], int] = defaultdict(int)
    for c, stage, start in sorted(deals, key=lambda d: (CLIENTS[d[0]].name, d[2], d[1])):
        spec = CLIENTS[c]
        line, fee = rng.choice(recent[c])
        start = cal.roll(start)
        end = cal.shift(start, rng.randint(*LINE_SHAPES[line][1]))
        base = _opportunity_name(rng, line, start)
        named[c, base] += 1  # the key is client and opportunity: names are unique per client
        name = base if named[c, base] == 1 else f"{base} #{named[c, base]}"
        # No single opportunity above a share of what the client spends in a year.
        year = max(_annual(studio, earned, c, as_of.year), earned.get((c, as_of.year - 1), 0))
        value = min(fee * rng.uniform(*PIPELINE_VALUE), year * PIPELINE_MAX_SHARE)
        value = max(PIPELINE_MIN_VALUE, int(value // 100_000) * 100_000)
        if stage in PIPELINE_STAGES:
            probability = f"{rng.randint(*PIPELINE_STAGES[stage])}%"
        else:
            probability = "100%" if stage == "Won" else "0%"
        client = spec.aliases[-1] if spec.aliases else spec.name
        rows.append(
            [client, name, line.capitalize(), money(value), probability, start.isoformat(),
             end.isoformat(), stage]
        )  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(PIPELINE_HEADER)
        out.writerows(rows)
