"""Budgets set from the simulated hours, then invoices, credit notes and payments by billing
model, written as the Xero invoices export."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from demo.model import Expense, Invoice, Project, Studio, add_months, money, month_count, qh_amount
from demo.spec import (
    CLIENTS,
    COUNTRIES,
    CREDIT_NOTE_DELAY,
    CREDIT_NOTES,
    DISPUTED_AGE,
    DISPUTED_INVOICES,
    FIXED_FEE_PRICING,
    GOODWILL_CREDIT,
    LATE_PAYER_DELAY,
    LINE_ROLES,
    MIN_FEE_CENTS,
    NO_BUDGET_SHARE,
    OVER_BUDGET_RANGE,
    OVERRUN_CLIP,
    OVERRUN_FIXED,
    OVERRUN_TM,
    PARTLY_PAID_SHARE,
    PAYMENT_SPREAD,
    RETAINER_PRICING,
    SLIPPING_BURN,
    SLOW_PAYMENT_EXTRA,
    SLOW_PAYMENT_SHARE,
    STREETS,
    UNUSED_DEPOSIT_CREDIT,
    VAT_PERCENT,
    XERO_HEADER,
)

# --------------------------------------------------------------------------- budgets


def set_budgets(studio: Studio) -> None:
    """Budgets from the simulated hours, bent by each project's overrun story."""
    rng = studio.rng("budgets")
    done = [p for p in studio.projects if p.status == "delivered" and p.billing != "retainer"]
    hours_per_target = sum(p.hours_qh / 4 for p in done) / sum(p.target_hours for p in done)
    tm = [p for p in studio.projects if p.billing == "time_and_materials"]
    unbudgeted = {p.code for p in rng.sample(tm, round(len(tm) * NO_BUDGET_SHARE))}
    for p in studio.projects:
        final = _projected_hours(studio, p, hours_per_target)
        rate = _blended_rate(studio, p)
        if p.story == "slipping":
            budget = p.hours_qh / 4 / SLIPPING_BURN
        elif p.billing == "retainer":
            budget = final
        else:
            budget = final / _overrun(rng, p)
        p.budget_hours = round(budget / 5) * 5 if budget > 50 else max(1, round(budget))
        if p.billing == "retainer":
            monthly = final / month_count(p.start, p.due) * rate
            p.budget_cents = _round_fee(monthly * rng.uniform(*RETAINER_PRICING))
        elif p.billing == "fixed_fee":
            p.budget_cents = _round_fee(p.budget_hours * rate * rng.uniform(*FIXED_FEE_PRICING))
        elif p.code in unbudgeted:
            p.budget_hours = p.budget_cents = None
        else:
            p.budget_cents = _round_fee(p.budget_hours * rate)


def _round_fee(cents: float) -> int:
    """A quoted amount: whole hundreds of euros, at least the minimum fee."""
    return max(MIN_FEE_CENTS, round(cents / 10_000) * 10_000)


def _projected_hours(studio: Studio, p: Project, hours_per_target: float) -> float:
    """Hours the project ends with: actuals when finished, else extrapolated along its plan."""
    actual = p.hours_qh / 4
    if p.status == "delivered":
        return actual
    elapsed = studio.cal.count(p.start, min(p.work_end, studio.as_of)) / max(
        1, studio.cal.count(p.start, p.planned_end)
    )
    if elapsed < 0.25 or actual == 0:
        return max(actual, p.target_hours * hours_per_target)
    return actual / min(1.0, elapsed)


def _blended_rate(studio: Studio, p: Project) -> float:
    """Standard value per recorded hour in cents (what a quote per hour is worth)."""
    if p.hours_qh:
        return p.value_cents / (p.hours_qh / 4)
    year = p.start.year
    shares = LINE_ROLES[p.line]
    return sum(studio.bill_rates[r, year] * s for r, s in shares.items()) / sum(shares.values())


def _overrun(rng: random.Random, p: Project) -> float:
    """Final hours ÷ budget hours for a project, by client story and billing model."""
    if p.billing == "fixed_fee" and CLIENTS[p.client].story == "over budget":
        return rng.uniform(*OVER_BUDGET_RANGE)
    mean, sd = OVERRUN_FIXED if p.billing == "fixed_fee" else OVERRUN_TM
    return min(OVERRUN_CLIP[1], max(OVERRUN_CLIP[0], rng.gauss(mean, sd)))


# --------------------------------------------------------------------------- invoices


def build_invoices(studio: Studio) -> list[Invoice]:
    """All invoices and credit notes dated by as_of, following each billing model's rules."""
    billable: dict[int, list[Expense]] = defaultdict(list)
    for e in studio.expenses:
        if e.billable:
            billable[e.project].append(e)
    invoices = _time_and_materials_invoices(studio, billable)
    for j, p in enumerate(studio.projects):
        if p.billing == "fixed_fee":
            invoices += _fixed_fee_invoices(studio, j, p, billable[j])
        elif p.billing == "retainer":
            invoices += _retainer_invoices(studio, j, p)
    return invoices + _credit_notes(studio)


def _time_and_materials_invoices(
    studio: Studio, billable: dict[int, list[Expense]]
) -> list[Invoice]:
    """Monthly invoices on the last working day: a line per role, then re-charged expenses."""
    months: dict[tuple[int, tuple[int, int]], list[tuple[str, int]]] = defaultdict(list)
    for (j, month, role), qh in sorted(studio.tm_hours.items()):
        months[j, month].append((role, qh))
    for j, p in enumerate(studio.projects):
        if p.billing == "time_and_materials":
            for e in billable[j]:
                months.setdefault((j, (e.day.year, e.day.month)), [])
    invoices = []
    for (j, (year, month)), roles in sorted(months.items()):
        day = studio.cal.last_of_month(year, month)
        if day > studio.as_of:
            continue
        label = f"{date(year, month, 1):%B %Y}"
        rates = studio.bill_rates
        lines = [_time_line(f"{r} time, {label}", qh, rates[r, year]) for r, qh in roles]
        lines += [
            _expense_line(e) for e in billable[j] if (e.day.year, e.day.month) == (year, month)
        ]
        invoices.append(Invoice(day, j, "time", lines))
    return invoices


def _time_line(description: str, qh: int, rate: int) -> tuple[str, str, int, int]:
    """An invoice line for hours at an hourly rate."""
    return description, f"{qh / 4:.2f}", rate, qh_amount(qh, rate)


def _expense_line(e: Expense) -> tuple[str, str, int, int]:
    """An invoice line re-charging a billable expense at cost."""
    kind = "pass-through" if e.pass_through else "rechargeable"
    return f"{e.category} ({kind}), {e.day:%d %b %Y}", "1.00", e.cents, e.cents


def _fixed_fee_invoices(
    studio: Studio, j: int, p: Project, expenses: list[Expense]
) -> list[Invoice]:
    """50% deposit at the start, 50% plus re-charged expenses on delivery."""
    assert p.budget_cents is not None
    half = p.budget_cents // 2
    out = [Invoice(p.start, j, "deposit", [(f"50% deposit: {p.name}", "1.00", half, half)])]
    if p.delivered is not None and p.delivered <= studio.as_of:
        rest = p.budget_cents - half
        lines = [(f"50% on delivery: {p.name}", "1.00", rest, rest)]
        out.append(Invoice(p.delivered, j, "balance", lines + [_expense_line(e) for e in expenses]))
    return out


def _retainer_invoices(studio: Studio, j: int, p: Project) -> list[Invoice]:
    """One invoice on the 1st of every month of the retainer, up to as_of."""
    assert p.budget_cents is not None
    out = []
    for k in range(month_count(p.start, p.due)):
        first = add_months(p.start, k)
        if first > studio.as_of:
            break
        line = (f"Monthly retainer, {first:%B %Y}", "1.00", p.budget_cents, p.budget_cents)
        out.append(Invoice(first, j, "retainer", [line]))
    return out


def _credit_notes(studio: Studio) -> list[Invoice]:
    """A few partial credits: unused deposits of cancelled jobs and goodwill on late ones."""
    rng = studio.rng("credit_notes")
    cal, as_of = studio.cal, studio.as_of
    options: list[Invoice] = []
    for j, p in enumerate(studio.projects):
        if p.billing != "fixed_fee" or p.budget_cents is None:
            continue
        if p.status == "cancelled":
            day = cal.shift(p.work_end, rng.randint(*CREDIT_NOTE_DELAY))
            cents = int(round(p.budget_cents / 2 * rng.uniform(*UNUSED_DEPOSIT_CREDIT), -4))
            reason = f"Credit for unused deposit, cancelled: {p.name}"
        elif p.status == "delivered" and any(
            d.delivered and d.delivered > d.due for d in p.deliverables
        ):
            assert p.delivered is not None
            day = cal.shift(p.delivered, rng.randint(*CREDIT_NOTE_DELAY))
            cents = int(round(p.budget_cents * rng.uniform(*GOODWILL_CREDIT), -3))
            reason = f"Goodwill credit, late delivery: {p.name}"
        else:
            continue
        if day <= as_of and cents > 0:
            options.append(Invoice(day, j, "credit", [(reason, "1.00", cents, cents)], credit=True))
    count = rng.randint(*CREDIT_NOTES) * studio.multiplier
    return rng.sample(options, min(count, len(options)))


def _vat(cents: int) -> int:
    """VAT on a net amount, rounded half up to the cent."""
    return (cents * VAT_PERCENT * 2 + 100) // 200


def _amounts_paid(studio: Studio, invoices: list[Invoice], totals: list[int]) -> list[int]:
    """What each invoice has been paid by as_of, given each client's payment habits."""
    rng = studio.rng("payments")
    as_of = studio.as_of
    paid = []
    for inv, total in zip(invoices, totals, strict=True):
        spec = CLIENTS[studio.projects[inv.project].client]
        if inv.credit:
            paid.append(total)
            continue
        if spec.story == "late payer":
            delay = rng.randint(*LATE_PAYER_DELAY)
        else:
            delay = spec.terms + rng.randint(*PAYMENT_SPREAD)
            if rng.random() < SLOW_PAYMENT_SHARE:
                delay += rng.randint(*SLOW_PAYMENT_EXTRA)
        if inv.day + timedelta(days=delay) <= as_of:
            paid.append(total)
        elif rng.random() < PARTLY_PAID_SHARE:
            paid.append(total // 2)
        else:
            paid.append(0)
    late = [
        k
        for k, inv in enumerate(invoices)
        if CLIENTS[studio.projects[inv.project].client].story == "late payer"
        and not inv.credit
        and DISPUTED_AGE[0] <= (as_of - inv.day).days <= DISPUTED_AGE[1]
    ]
    for k in late[-DISPUTED_INVOICES:]:
        paid[k] = 0  # disputed, long overdue
    return paid


def _contacts(studio: Studio) -> list[dict[str, str]]:
    """Postal address and accounts e-mail per client."""
    rng = studio.rng("contacts")
    out = []
    for spec in CLIENTS:
        city, country, postcode = rng.choice(COUNTRIES)
        slug = "".join(ch for ch in spec.name.lower() if ch.isascii() and ch.isalnum())
        out.append(
            {
                "EmailAddress": f"accounts@{slug}.example",
                "POAddressLine1": f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
                "POCity": city,
                "POPostalCode": postcode.format(n=rng.randint(1, 9)),
                "POCountry": country,
            }
        )
    return out


def write_xero(path: Path, studio: Studio, invoices: list[Invoice]) -> None:
    """Xero invoices export: one row per line, invoice totals repeated on every line."""
    projects = studio.projects
    invoices = sorted(invoices, key=lambda i: (i.day, i.credit, projects[i.project].code, i.kind))
    totals = [sum(a + _vat(a) for *_, a in inv.lines) for inv in invoices]
    paid = _amounts_paid(studio, invoices, totals)
    contacts = _contacts(studio)
    numbers = {False: 0, True: 0}
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(XERO_HEADER)
        for inv, total, amount_paid in zip(invoices, totals, paid, strict=True):
            p = projects[inv.project]
            numbers[inv.credit] += 1
            prefix = "CN" if inv.credit else "INV"
            status = "Paid" if amount_paid == total else "Awaiting Payment"
            header = {
                "ContactName": CLIENTS[p.client].name,
                **contacts[p.client],
                "InvoiceNumber": f"{prefix}-{numbers[inv.credit]:05d}",
                "Reference": p.code,
                "InvoiceDate": f"{inv.day:%d/%m/%Y}",
                "DueDate": f"{inv.day + timedelta(days=CLIENTS[p.client].terms):%d/%m/%Y}",
                "Total": money(total),
                "TaxTotal": money(sum(_vat(a) for *_, a in inv.lines)),
                "InvoiceAmountPaid": money(amount_paid),
                "InvoiceAmountDue": money(total - amount_paid),
                "AccountCode": "200",
                "TaxType": "20% (VAT on Income)",
                "TrackingName1": "Service Line",
                "TrackingOption1": p.line.capitalize(),
                "Currency": "EUR",
                "Type": "Sales credit note" if inv.credit else "Sales invoice",
                "Sent": "Sent",
                "Status": status,
            }
            for description, quantity, unit, amount in inv.lines:
                row = {
                    **header,
                    "Description": description,
                    "Quantity": quantity,
                    "UnitAmount": money(unit),
                    "LineAmount": money(amount),
                    "TaxAmount": money(_vat(amount)),
                }
                out.writerow([row.get(col, "") for col in XERO_HEADER])
