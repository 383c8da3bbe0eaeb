"""The demo studio's objects (people, projects, deliverables, expenses, invoices, the studio),
its working-day calendar, and the date and money arithmetic every stage shares."""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass
class Person:
    """Someone who logs time: an employee or a freelancer."""

    first: str
    last: str
    role: str
    employee: bool
    capacity: int
    start: date
    end: date | None = None
    in_rate_card: bool = True
    cost: dict[int, int] = field(default_factory=dict)  # year -> hourly cost in cents
    weekdays: frozenset[int] = frozenset(range(5))
    off: set[int] = field(default_factory=set)  # ordinals of days off
    booked: set[int] | None = None  # ordinals a freelancer is booked for
    clients: set[int] = field(default_factory=set)  # account managers: clients they serve
    # (first day, last day, project, weight) of every project they are staffed on
    assignments: list[tuple[int, int, int, float]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Full name as matched against the rate card."""
        return f"{self.first} {self.last}"

    def works(self, day: int) -> bool:
        """Whether this person logs time on the given (working) day ordinal."""
        if self.booked is not None:
            return day in self.booked
        return (
            self.start.toordinal() <= day
            and (self.end is None or day <= self.end.toordinal())
            and date.fromordinal(day).weekday() in self.weekdays
            and day not in self.off
        )


@dataclass
class Deliverable:
    """A dated output of a project."""

    name: str
    due: date
    delivered: date | None
    original_due: date | None = None


@dataclass
class Project:
    """A client project with its plan, its simulated actuals and its derived budget."""

    client: int
    name: str
    line: str
    billing: str
    start: date
    due: date
    planned_end: date  # when the work would finish, even if after as_of
    target_hours: float
    deliverables: list[Deliverable]
    intensity: float = 0.0  # planned hours per working day
    story: str = ""
    code: str = ""
    status: str = "delivered"
    delivered: date | None = None
    work_end: date = date.min
    hours_qh: int = 0
    billable_qh: int = 0
    value_cents: int = 0
    budget_hours: float | None = None
    budget_cents: int | None = None


@dataclass
class Expense:
    """A cost booked against a project."""

    day: date
    project: int
    category: str
    cents: int
    billable: bool
    pass_through: bool


@dataclass
class Invoice:
    """A Xero sales invoice or credit note with its lines (description, qty, unit, amount)."""

    day: date
    project: int
    kind: str
    lines: list[tuple[str, str, int, int]]
    credit: bool = False


@dataclass
class Calendar:
    """Working days (Mon-Fri without public holidays) as sorted ordinals."""

    workdays: list[int]

    def roll(self, d: date) -> date:
        """The first working day on or after d."""
        return date.fromordinal(self.workdays[bisect_left(self.workdays, d.toordinal())])

    def shift(self, d: date, n: int) -> date:
        """The working day n working days after (before, if negative) d rolled forward."""
        return date.fromordinal(self.workdays[bisect_left(self.workdays, d.toordinal()) + n])

    def count(self, a: date, b: date) -> int:
        """Number of working days in [a, b]."""
        return max(
            0,
            bisect_right(self.workdays, b.toordinal()) - bisect_left(self.workdays, a.toordinal()),
        )

    def between(self, a: date, b: date) -> list[int]:
        """Working day ordinals in [a, b]."""
        lo = bisect_left(self.workdays, a.toordinal())
        return self.workdays[lo : bisect_right(self.workdays, b.toordinal())]

    def on_or_before(self, d: date) -> date:
        """The last working day on or before d."""
        return date.fromordinal(self.workdays[bisect_right(self.workdays, d.toordinal()) - 1])

    def last_of_month(self, year: int, month: int) -> date:
        """The last working day of a month."""
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(self.workdays[bisect_left(self.workdays, nxt.toordinal()) - 1])


@dataclass
class Studio:
    """Everything generated, before it is written out."""

    seed: int
    multiplier: int
    as_of: date
    first_day: date
    cal: Calendar
    people: list[Person] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    expenses: list[Expense] = field(default_factory=list)
    bill_rates: dict[tuple[str, int], int] = field(default_factory=dict)  # (role, year) -> cents
    am_team: dict[int, list[int]] = field(default_factory=dict)  # client -> account managers
    # Billable quarter-hours of time-and-materials work: (project, (year, month), role) -> qh
    tm_hours: dict[tuple[int, tuple[int, int], str], int] = field(default_factory=dict)

    def rng(self, part: str) -> random.Random:
        """An independent random stream per part, so tuning one part leaves others alone."""
        return random.Random(f"{self.seed}:{part}")


# --------------------------------------------------------------------------- calendar


def _easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


def working_calendar(first: date, last: date) -> Calendar:
    """Working days between first and last, with the studio's public holidays off."""
    holidays: set[date] = set()
    for year in range(first.year, last.year + 1):
        easter = _easter(year)
        good_friday, easter_monday = easter - timedelta(days=2), easter + timedelta(days=1)
        holidays |= {date(year, 1, 1), good_friday, easter_monday, date(year, 5, 1)}
        holidays |= {date(year, 12, 25), date(year, 12, 26)}
    days = (date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1))
    return Calendar([d.toordinal() for d in days if d.weekday() < 5 and d not in holidays])


# --------------------------------------------------------------------------- dates and money


def data_years(studio: Studio) -> range:
    """Calendar years covered by the data."""
    return range(studio.first_day.year, studio.as_of.year + 1)


def add_months(d: date, n: int) -> date:
    """The first day of the month n months after d's month."""
    m = d.year * 12 + d.month - 1 + n
    return date(m // 12, m % 12 + 1, 1)


def month_count(a: date, b: date) -> int:
    """Calendar months from a's month to b's month, inclusive."""
    return (b.year - a.year) * 12 + b.month - a.month + 1


def money(cents: int) -> str:
    """Cents as a plain decimal with two places and a dot."""
    return f"{cents // 100}.{cents % 100:02d}"


def qh_amount(qh: int, rate_cents: int) -> int:
    """Quarter-hours times an hourly rate, in cents rounded half up."""
    return (qh * rate_cents * 2 + 4) // 8


def yes_no(flag: bool) -> str:
    """Yes/No as the studio templates write it."""
    return "Yes" if flag else "No"
