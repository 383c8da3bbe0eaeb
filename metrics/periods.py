"""Named reporting periods (this week, last 4 weeks, …) resolved against an as-of date."""

from __future__ import annotations

from datetime import date, timedelta

PRESETS = (
    "Last 4 weeks",
    "This week",
    "This month",
    "This quarter",
    "Year to date",
    "Last 12 months",
    "Last year",
    "Custom",
)


def months_back(day: date, months: int) -> date:
    """First day of the month `months` months before the month of `day`."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def year_to(day: date) -> date:
    """The first day of the 12 months ending on `day` (as the trailing-12-month views count
    them: 29 Feb 2028 is preceded by 1 Mar 2027 to 28 Feb 2028)."""
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 3, 1)
    return day.replace(year=day.year - 1) + timedelta(days=1)


def resolve(preset: str, as_of: date) -> tuple[date, date]:
    """The first and last day of a preset period ending on `as_of` (Custom starts as 4 weeks)."""
    starts = {
        "This week": as_of - timedelta(days=as_of.weekday()),
        "This month": as_of.replace(day=1),
        "This quarter": date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1),
        "Year to date": date(as_of.year, 1, 1),
        "Last 12 months": year_to(as_of),
    }
    if preset == "Last year":
        return date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31)
    return starts.get(preset, as_of - timedelta(days=27)), as_of


def previous(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before [start, end]; a year (12 months to a day) is
    set against the 12 months before, however many days a leap year gives either."""
    before = start - timedelta(days=1)
    if start == year_to(end):
        return year_to(before), before
    return start - (end - start) - timedelta(days=1), before


def label(start: date, end: date) -> str:
    """A period as people say it: '3 Nov – 27 Nov 2026'."""
    if start.year != end.year:
        return f"{start:%-d %b %Y} – {end:%-d %b %Y}"
    return f"{start:%-d %b} – {end:%-d %b %Y}"


def still_running(day: date, period: str, as_of: date) -> bool:
    """Whether the period `day` names ends after `as_of` (its figures are so far): the month
    beginning on `day`, or the week ending on it ('week_end')."""
    last = day if period == "week_end" else months_back(day, -1) - timedelta(days=1)
    return last > as_of


def last_whole_month_end(as_of: date) -> date:
    """The last day of the last calendar month complete at `as_of` (`as_of` itself on a month's
    last day)."""
    first = as_of.replace(day=1)
    return first - timedelta(days=1) if still_running(first, "month", as_of) else as_of
