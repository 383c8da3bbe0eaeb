"""Named reporting periods (year to date, last 12 months, …) resolved against an as-of date."""

from __future__ import annotations

from datetime import date, timedelta

PRESETS = ("Year to date", "Last 12 months", "This quarter", "This month", "Last year", "Custom")


def month_start(day: date) -> date:
    """First day of the month of `day`."""
    return day.replace(day=1)


def months_back(day: date, months: int) -> date:
    """First day of the month `months` months before the month of `day`."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def resolve(preset: str, as_of: date) -> tuple[date, date]:
    """The first and last day of a preset period ending on `as_of` (custom: year to date)."""
    if preset == "Last 12 months":
        return months_back(as_of, 11), as_of
    if preset == "This quarter":
        return date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1), as_of
    if preset == "This month":
        return month_start(as_of), as_of
    if preset == "Last year":
        return date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31)
    return date(as_of.year, 1, 1), as_of


def label(start: date, end: date) -> str:
    """A period as people say it: 'Jan 2026 – Nov 2026'."""
    if (start.year, start.month) == (end.year, end.month):
        return start.strftime("%b %Y")
    return f"{start:%b %Y} – {end:%b %Y}"


def previous(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before [start, end]."""
    length = end - start
    return start - length - timedelta(days=1), start - timedelta(days=1)
