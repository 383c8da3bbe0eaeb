"""Period presets as an account manager means them."""

from __future__ import annotations

from datetime import date

import pytest

from metrics import periods

AS_OF = date(2026, 11, 27)  # a Friday


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("Last 7 days", (date(2026, 11, 21), AS_OF)),
        ("Last 4 weeks", (date(2026, 10, 31), AS_OF)),
        ("This month", (date(2026, 11, 1), AS_OF)),
        ("This quarter", (date(2026, 10, 1), AS_OF)),
        ("Year to date", (date(2026, 1, 1), AS_OF)),
        ("Last 12 months", (date(2025, 11, 28), AS_OF)),
        ("Last year", (date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_presets(preset, expected):
    assert periods.resolve(preset, AS_OF) == expected


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (date(2026, 12, 7), date(2025, 12, 8)),
        (date(2026, 12, 31), date(2026, 1, 1)),
        # Leap years: the year to 29 Feb starts on 1 March, as does the year to 28 Feb.
        (date(2028, 2, 29), date(2027, 3, 1)),
        (date(2028, 2, 28), date(2027, 3, 1)),
        (date(2028, 3, 1), date(2027, 3, 2)),
        (date(2029, 3, 1), date(2028, 3, 2)),
    ],
)
def test_the_12_months_to_a_day_start_the_day_after_it_a_year_before(day, first):
    assert periods.year_to(day) == first


@pytest.mark.parametrize(
    ("as_of", "end"),
    [
        (date(2026, 12, 7), date(2026, 11, 30)),
        (date(2026, 12, 31), date(2026, 12, 31)),
        (date(2028, 2, 28), date(2028, 1, 31)),
        (date(2028, 2, 29), date(2028, 2, 29)),
        (date(2026, 3, 1), date(2026, 2, 28)),
    ],
)
def test_the_last_whole_month_ends_before_a_month_still_running(as_of, end):
    assert periods.last_whole_month_end(as_of) == end


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        # 2024 has 366 days: a year is set against the whole year before all the same.
        (date(2025, 1, 1), date(2025, 12, 31), (date(2024, 1, 1), date(2024, 12, 31))),
        (date(2024, 2, 29), date(2025, 2, 28), (date(2023, 3, 1), date(2024, 2, 28))),
        (date(2025, 12, 8), date(2026, 12, 7), (date(2024, 12, 8), date(2025, 12, 7))),
    ],
)
def test_a_year_is_set_against_the_12_months_before(start, end, before):
    assert periods.previous(start, end) == before


def test_the_previous_period_has_the_same_length():
    assert periods.previous(date(2026, 10, 31), AS_OF) == (date(2026, 10, 3), date(2026, 10, 30))


@pytest.mark.parametrize(
    ("start", "end", "step", "before"),
    [
        # The year, quarter and month so far: the same days of the year, quarter, month before.
        (date(2026, 1, 1), date(2026, 12, 7), 12, (date(2025, 1, 1), date(2025, 12, 7))),
        (date(2026, 1, 1), date(2026, 3, 7), 12, (date(2025, 1, 1), date(2025, 3, 7))),
        (date(2026, 1, 1), date(2026, 3, 7), 3, (date(2025, 10, 1), date(2025, 12, 7))),
        (date(2026, 4, 1), date(2026, 5, 7), 3, (date(2026, 1, 1), date(2026, 2, 7))),
        (date(2026, 4, 1), date(2026, 4, 7), 3, (date(2026, 1, 1), date(2026, 1, 7))),
        # The month so far with the month before, in a quarter's or a year's first month too.
        (date(2026, 4, 1), date(2026, 4, 7), 1, (date(2026, 3, 1), date(2026, 3, 7))),
        (date(2026, 1, 1), date(2026, 1, 7), 1, (date(2025, 12, 1), date(2025, 12, 7))),
        (date(2026, 12, 1), date(2026, 12, 7), 1, (date(2026, 11, 1), date(2026, 11, 7))),
        # A whole month with the whole month before; a longer month's last days with the end of
        # a shorter one.
        (date(2026, 3, 1), date(2026, 3, 31), 1, (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2026, 2, 1), date(2026, 2, 28), 1, (date(2026, 1, 1), date(2026, 1, 31))),
        (date(2028, 2, 1), date(2028, 2, 29), 1, (date(2028, 1, 1), date(2028, 1, 31))),
        (date(2026, 3, 1), date(2026, 3, 29), 1, (date(2026, 2, 1), date(2026, 2, 28))),
    ],
)
def test_a_calendar_period_is_set_against_the_same_days_before(start, end, step, before):
    assert periods.previous(start, end, step) == before


@pytest.mark.parametrize(
    ("preset", "as_of", "before"),
    [
        # The last 7 days to Monday 7 Dec start on the 1st, but roll: the 7 days before them.
        ("Last 7 days", date(2026, 12, 7), (date(2026, 11, 24), date(2026, 11, 30))),
        # The 4 weeks to 28 Nov are 1 – 28 Nov: the 28 days before are 4 – 31 Oct.
        ("Last 4 weeks", date(2026, 11, 28), (date(2026, 10, 4), date(2026, 10, 31))),
        # The 4 weeks to 28 Feb are February, but roll all the same: 4 – 31 Jan, not January.
        ("Last 4 weeks", date(2026, 2, 28), (date(2026, 1, 4), date(2026, 1, 31))),
        # The month so far on 7 Dec is the same 7 days of November.
        ("This month", date(2026, 12, 7), (date(2026, 11, 1), date(2026, 11, 7))),
        ("Year to date", date(2026, 12, 7), (date(2025, 1, 1), date(2025, 12, 7))),
        ("Last year", date(2026, 12, 7), (date(2024, 1, 1), date(2024, 12, 31))),
    ],
)
def test_a_preset_is_compared_as_it_rolls_or_follows_the_calendar(preset, as_of, before):
    start, end = periods.resolve(preset, as_of)
    assert periods.previous(start, end, periods.calendar_step(preset, start, end)) == before


def test_whole_months_chosen_by_hand_are_set_against_the_months_before():
    # A custom period of January to March: the fourth quarter, not the 90 days before.
    step = periods.calendar_step("Custom", date(2026, 1, 1), date(2026, 3, 31))
    assert periods.previous(date(2026, 1, 1), date(2026, 3, 31), step) == (
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    # 1 – 7 Dec chosen by hand is a week like any other.
    step = periods.calendar_step("Custom", date(2026, 12, 1), date(2026, 12, 7))
    assert periods.previous(date(2026, 12, 1), date(2026, 12, 7), step) == (
        date(2026, 11, 24),
        date(2026, 11, 30),
    )


def test_labels():
    assert periods.label(date(2026, 10, 31), AS_OF) == "31 Oct – 27 Nov 2026"
    assert periods.label(date(2025, 12, 1), AS_OF) == "1 Dec 2025 – 27 Nov 2026"


@pytest.mark.parametrize(
    ("start", "period", "as_of", "running"),
    [
        # A week named by its last day (the weekly trend's) ends on it.
        (date(2026, 12, 7), "week_end", date(2026, 12, 6), True),
        (date(2026, 12, 7), "week_end", date(2026, 12, 7), False),
        (date(2028, 2, 1), "month", date(2028, 2, 28), True),  # a leap year's February
        (date(2028, 2, 1), "month", date(2028, 2, 29), False),
        (date(2026, 12, 1), "month", date(2026, 12, 31), False),  # December, into the next year
    ],
)
def test_a_week_or_month_is_still_running_until_its_last_day(start, period, as_of, running):
    assert periods.still_running(start, period, as_of) is running
