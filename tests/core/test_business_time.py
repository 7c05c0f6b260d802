"""Business time from practice hours: week-ends, holidays, closed days, DST both ways,
instants at the edges of the day, and the preference rules that keep the hours parseable."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from opendesk.core import business_time as bt
from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.errors import ValidationError
from opendesk.core.preference_rules import problems

NY = ZoneInfo("America/New_York")
WEEKDAYS = "mon 08:00-17:00; tue 08:00-17:00; wed 08:00-17:00; thu 08:00-17:00; fri 08:00-17:00"


def utc(local: str, zone: ZoneInfo = NY) -> datetime:
    """A local wall time in `zone` as the naive UTC the tables hold."""
    value = datetime.fromisoformat(local).replace(tzinfo=zone)
    return value.astimezone(UTC).replace(tzinfo=None)


def schedule(
    hours: str = WEEKDAYS, closed: str = "", zone: str = "America/New_York"
) -> bt.Schedule:
    return bt.schedule_from(hours, closed, zone)


def test_within_one_day_and_into_the_next() -> None:
    s = schedule()
    assert bt.add_business_hours(utc("2026-11-30T09:00"), 3, s) == utc("2026-11-30T12:00")
    # Monday 15:00 + 8 h: 2 h on Monday, 6 h on Tuesday from 08:00.
    assert bt.add_business_hours(utc("2026-11-30T15:00"), 8, s) == utc("2026-12-01T14:00")


def test_ends_exactly_at_closing_time() -> None:
    s = schedule()
    assert bt.add_business_hours(utc("2026-11-30T08:00"), 9, s) == utc("2026-11-30T17:00")


def test_received_before_opening_or_after_closing() -> None:
    s = schedule()
    assert bt.add_business_hours(utc("2026-11-30T06:30"), 1, s) == utc("2026-11-30T09:00")
    assert bt.add_business_hours(utc("2026-11-30T23:59"), 1, s) == utc("2026-12-01T09:00")


def test_weekend_is_skipped() -> None:
    s = schedule()
    # Friday 16:00 + 8 h: 1 h on Friday, 7 h on Monday.
    assert bt.add_business_hours(utc("2026-12-04T16:00"), 8, s) == utc("2026-12-07T15:00")
    # Sent on Saturday night: counts from Monday 08:00.
    assert bt.add_business_hours(utc("2026-12-05T22:00"), 2, s) == utc("2026-12-07T10:00")
    assert bt.business_between(utc("2026-12-04T16:00"), utc("2026-12-07T09:00"), s) == timedelta(
        hours=2
    )


def test_holidays_and_closed_days() -> None:
    s = schedule(closed="2026-12-24, 2026-12-25")
    # Wednesday 12-23 16:00 + 4 h: 1 h Wednesday; Thursday and Friday closed; 3 h Monday.
    assert bt.add_business_hours(utc("2026-12-23T16:00"), 4, s) == utc("2026-12-28T11:00")
    assert bt.business_between(utc("2026-12-23T00:00"), utc("2026-12-29T00:00"), s) == timedelta(
        hours=18
    )


def test_split_day_with_lunch_break() -> None:
    s = schedule("mon 08:00-12:00, 13:00-17:00")
    assert bt.add_business_hours(utc("2026-11-30T11:00"), 2, s) == utc("2026-11-30T14:00")
    assert not bt.is_open(s, utc("2026-11-30T12:30"))
    assert bt.is_open(s, utc("2026-11-30T13:00"))


def test_dst_spring_forward_counts_the_real_hours() -> None:
    # New York: Sunday 2026-03-08 02:00 -> 03:00. A 24-hour practice's Sunday has 23 hours.
    s = schedule("sun 00:00-24:00")
    start, end = utc("2026-03-08T00:00"), utc("2026-03-09T00:00")
    assert end - start == timedelta(hours=23)
    assert bt.business_between(start, end, s) == timedelta(hours=23)
    assert bt.add_business_hours(start, 23, s) == end
    # Business hours around the change keep their wall times on the Monday after.
    weekdays = schedule()
    assert bt.add_business_hours(utc("2026-03-06T16:00"), 2, weekdays) == utc("2026-03-09T09:00")


def test_dst_fall_back_counts_the_real_hours() -> None:
    # New York: Sunday 2026-11-01 02:00 -> 01:00. That Sunday has 25 hours.
    s = schedule("sun 00:00-24:00")
    start, end = utc("2026-11-01T00:00"), utc("2026-11-02T00:00")
    assert bt.business_between(start, end, s) == timedelta(hours=25)
    assert bt.add_business_hours(start, 24, s) == end - timedelta(hours=1)
    weekdays = schedule()
    assert bt.add_business_hours(utc("2026-10-30T16:00"), 2, weekdays) == utc("2026-11-02T09:00")


def test_other_zone_and_overnight_edges() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    s = schedule("sat 20:00-24:00; sun 00:00-02:00", zone="Europe/Berlin")
    # Saturday 23:00 + 2 h: 1 h until midnight, then 1 h from Sunday 00:00.
    assert bt.add_business_hours(utc("2026-12-05T23:00", berlin), 2, s) == utc(
        "2026-12-06T01:00", berlin
    )
    assert bt.business_between(
        utc("2026-12-05T19:00", berlin), utc("2026-12-06T03:00", berlin), s
    ) == timedelta(hours=6)


def test_between_is_zero_backwards_and_zero_hours_adds_nothing() -> None:
    s = schedule()
    t = utc("2026-11-30T10:00")
    assert bt.business_between(t, t - timedelta(hours=1), s) == timedelta(0)
    assert bt.add_business_hours(t, 0, s) == t


def test_next_opening() -> None:
    s = schedule(closed="2026-12-07")
    assert bt.next_opening(utc("2026-12-04T18:00"), s) == utc("2026-12-08T08:00")
    assert bt.next_opening(utc("2026-12-08T10:00"), s) == utc("2026-12-08T10:00")


def test_a_practice_never_open_is_refused_clearly() -> None:
    s = bt.Schedule(NY, {}, frozenset())
    with pytest.raises(ValidationError, match="no opening hours"):
        bt.add_business_hours(utc("2026-11-30T10:00"), 1, s)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("mon 17:00-08:00", "ends before it starts"),
        ("mon 08:00-25:00", "does not exist"),
        ("monday8-5", "should start with a weekday"),
        ("mon 08:00-12:00, 11:00-17:00", "overlap"),
        ("mon 08:00-12:00; mon 13:00-17:00", "named twice"),
        ("", "at least one day"),
    ],
)
def test_hours_rule_says_what_is_wrong(text: str, fragment: str) -> None:
    found = problems({prefs.PRACTICE_HOURS: text})
    assert fragment in found[prefs.PRACTICE_HOURS.name]


def test_dates_and_zone_rules() -> None:
    assert (
        "like 2026-12-25"
        in problems({prefs.PRACTICE_CLOSED_DATES: "12/25/2026"})[prefs.PRACTICE_CLOSED_DATES.name]
    )
    assert prefs.PRACTICE_CLOSED_DATES.name in problems({prefs.PRACTICE_CLOSED_DATES: "Xmas"})
    assert problems({prefs.PRACTICE_CLOSED_DATES: "2026-12-25\n2027-01-01"}) == {}
    assert prefs.PRACTICE_TIME_ZONE.name in problems({prefs.PRACTICE_TIME_ZONE: "Mars/Olympus"})
    assert problems({prefs.PRACTICE_TIME_ZONE: "America/Chicago"}) == {}
    assert problems({prefs.PRACTICE_HOURS: prefs.PRACTICE_HOURS.default}) == {}
    assert bt.parse_dates("2026-12-25, 2027-01-01") == {date(2026, 12, 25), date(2027, 1, 1)}


def test_the_clock_can_be_stopped() -> None:
    instant = datetime(2026, 12, 1, 15, 0)
    with clock.frozen(instant):
        assert clock.utcnow() == instant
    assert clock.utcnow() != instant
