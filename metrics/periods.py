"""Named reporting periods (this week, last 4 weeks, …) resolved against an as-of date."""

from __future__ import annotations

from datetime import date, timedelta

PRESETS = (
    "Last 4 weeks",
    "Last 7 days",
    "This month",
    "This quarter",
    "Year to date",
    "Last 12 months",
    "Last year",
    "Custom",
)
# The presets that follow the calendar, by the months they step back to the period they are
# compared with: the month, quarter or year so far (or whole) with the same days of the one
# before. The others roll (the last 7 days, 4 weeks, 12 months).
CALENDAR_STEPS = {"This month": 1, "This quarter": 3, "Year to date": 12, "Last year": 12}


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
        # Not the week so far: on a Monday that is one day, whose margin swings with one invoice.
        "Last 7 days": as_of - timedelta(days=6),
        "This month": as_of.replace(day=1),
        "This quarter": date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1),
        "Year to date": date(as_of.year, 1, 1),
        "Last 12 months": year_to(as_of),
    }
    if preset == "Last year":
        return date(as_of.year - 1, 1, 1), date(as_of.year - 1, 12, 31)
    return starts.get(preset, as_of - timedelta(days=27)), as_of


def calendar_step(preset: str, start: date, end: date) -> int:
    """How many months back the period a preset gives is compared with, when it follows the
    calendar: its own step (`CALENDAR_STEPS`); for dates chosen by hand that are whole months,
    as many months as they run; else 0, a period that rolls (the last 4 weeks are 28 days even
    when they are February)."""
    if preset in CALENDAR_STEPS:
        return CALENDAR_STEPS[preset]
    whole_months = start.day == 1 and end == months_back(end, -1) - timedelta(days=1)
    if preset == "Custom" and whole_months:
        return (end.year - start.year) * 12 + end.month - start.month + 1
    return 0


def previous(start: date, end: date, step: int = 0) -> tuple[date, date]:
    """The period [start, end] is compared with: a year (12 months to a day) with the 12 months
    before, however many days a leap year gives either; a calendar period with the same days
    `step` months before (`calendar_step`: the year to 7 Mar with 1 Jan – 7 Mar the year
    before, the month to 7 Dec with 1 – 7 Nov); any other with the same number of days just
    before it (the last 7 days to 7 Dec with 24 – 30 Nov, though they start on the 1st)."""
    before = start - timedelta(days=1)
    if start == year_to(end):
        return year_to(before), before
    if step:
        return months_back(start, step), _months_earlier(end, step)
    return start - (end - start) - timedelta(days=1), before


def _months_earlier(day: date, months: int) -> date:
    """The same day `months` months earlier: that month's last day when `day` is the last of
    its own month, or when the earlier month is shorter."""
    last = months_back(day, months - 1) - timedelta(days=1)
    if day == months_back(day, -1) - timedelta(days=1):
        return last
    return last.replace(day=min(day.day, last.day))


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
