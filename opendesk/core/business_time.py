"""Business time: the practice's opening hours, closed dates and time zone, and the two
functions every response timer uses: `add_business_hours` (received + target = due) and
`business_between` (how much open time lies between two instants, e.g. how late a message is).

Instants are naive UTC, as the tables store them (`core.clock`). Opening hours are local wall
times in the practice's zone; each open span is turned into UTC for its own day, so a day on
which the clocks change counts the real time that passed (a 00:00-24:00 day is 23 or 25 hours).

Preference formats (Setup > Practice Hours writes them; `hours_problem`/`dates_problem` say
what is wrong with a typed value):
    practice_hours         "mon 08:00-12:00, 13:00-17:00; tue 08:00-17:00; ..." (24:00 allowed
                           as an end; a day not named is closed; a span never passes midnight)
    practice_closed_dates  "2026-12-25, 2027-01-01" (ISO dates, local to the practice)
    practice_time_zone     an IANA name; empty = this computer's zone (core.timefmt's rule)
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import pairwise

from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core import timefmt
from opendesk.core.errors import ValidationError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_SEARCH_DAYS = 3700  # ten years of days: enough for any target, bounded for a closed practice

Span = tuple[int, int]  # minutes after local midnight: open, close (close may be 1440)


@dataclass(frozen=True)
class Schedule:
    """When the practice is open. `hours[weekday]` (0 = Monday) holds the open spans."""

    zone: tzinfo
    hours: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    closed: frozenset[date] = frozenset()

    @property
    def ever_open(self) -> bool:
        return any(self.hours.values())


# -- parsing ------------------------------------------------------------------------------------


def _span(text: str) -> Span:
    m = _SPAN.match(text.strip())
    if not m:
        raise ValueError(f'"{text.strip()}" is not a time span like 08:00-17:00.')
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or m1 > 59 or h2 > 24 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f'"{text.strip()}" holds a time that does not exist.')
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if end <= start:
        raise ValueError(
            f'"{text.strip()}" ends before it starts; split hours that pass midnight '
            "into two days (e.g. 20:00-24:00 and 00:00-02:00)."
        )
    return start, end


def parse_hours(text: str) -> dict[int, tuple[Span, ...]]:
    """{weekday: spans} from the preference text; ValueError with a sentence when wrong."""
    hours: dict[int, tuple[Span, ...]] = {}
    for part in (p.strip() for p in text.replace("\n", ";").split(";")):
        if not part:
            continue
        name, _, rest = part.partition(" ")
        day = name.strip().lower()[:3]
        if day not in DAYS or not rest.strip():
            raise ValueError(f'"{part}" should start with a weekday, e.g. "mon 08:00-17:00".')
        index = DAYS.index(day)
        if index in hours:
            raise ValueError(f"{name.strip().capitalize()} is named twice.")
        spans = sorted(_span(s) for s in rest.split(",") if s.strip())
        for (_a, end), (start, _b) in pairwise(spans):
            if start < end:
                raise ValueError(f"The hours of {name.strip().capitalize()} overlap.")
        hours[index] = tuple(spans)
    return hours


def parse_dates(text: str) -> frozenset[date]:
    found = set()
    for part in re.split(r"[,;\s]+", text.strip()):
        if part:
            try:
                found.add(date.fromisoformat(part))
            except ValueError:
                raise ValueError(f'"{part}" is not a date like 2026-12-25.') from None
    return frozenset(found)


def practice_zone(name: str) -> tzinfo:
    """The named zone, or this computer's zone when the name is empty or unknown here (the
    one rule of core.timefmt)."""
    return timefmt.practice_zone(name.strip())


def hours_problem(text: str) -> str | None:
    try:
        hours = parse_hours(text)
    except ValueError as exc:
        return str(exc)
    return None if any(hours.values()) else "Enter the hours of at least one day."


def dates_problem(text: str) -> str | None:
    try:
        parse_dates(text)
    except ValueError as exc:
        return str(exc)
    return None


def schedule_from(hours: str, closed: str, zone: str) -> Schedule:
    return Schedule(practice_zone(zone), parse_hours(hours), parse_dates(closed))


def practice_schedule(session: Session) -> Schedule:
    """The practice's schedule from its preferences (the rules keep them parseable)."""
    return schedule_from(
        prefs.get(session, prefs.PRACTICE_HOURS),
        prefs.get(session, prefs.PRACTICE_CLOSED_DATES),
        prefs.get(session, prefs.PRACTICE_TIME_ZONE),
    )


# -- arithmetic ---------------------------------------------------------------------------------


def _utc(day: date, minutes: int, zone: tzinfo) -> datetime:
    local = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def local_date(instant: datetime, zone: tzinfo) -> date:
    return instant.replace(tzinfo=UTC).astimezone(zone).date()


def open_spans(schedule: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    """The practice's open spans on a local day, as naive UTC instants."""
    if day in schedule.closed:
        return []
    return [
        (_utc(day, a, schedule.zone), _utc(day, b, schedule.zone))
        for a, b in schedule.hours.get(day.weekday(), ())
    ]


def is_open(schedule: Schedule, instant: datetime) -> bool:
    return any(
        a <= instant < b for a, b in open_spans(schedule, local_date(instant, schedule.zone))
    )


def add_business_hours(start: datetime, hours: float, schedule: Schedule) -> datetime:
    """The instant when `hours` of open time have passed after `start` (naive UTC). A target
    that ends exactly at closing time is due at closing time."""
    remaining = timedelta(hours=hours)
    if remaining <= timedelta(0):
        return start
    if not schedule.ever_open:
        raise ValidationError("The practice has no opening hours (Setup > Practice Hours).")
    day = local_date(start, schedule.zone)
    for _ in range(_SEARCH_DAYS):
        for a, b in open_spans(schedule, day):
            a = max(a, start)
            if b <= a:
                continue
            if b - a >= remaining:
                return a + remaining
            remaining -= b - a
        day += timedelta(days=1)
    raise ValidationError("The practice is closed for years ahead (Setup > Practice Hours).")


def business_between(start: datetime, end: datetime, schedule: Schedule) -> timedelta:
    """The open time between two instants (naive UTC); zero when `end` is not after `start`."""
    total = timedelta(0)
    if end <= start:
        return total
    day, last = local_date(start, schedule.zone), local_date(end, schedule.zone)
    while day <= last:
        for a, b in open_spans(schedule, day):
            a, b = max(a, start), min(b, end)
            if b > a:
                total += b - a
        day += timedelta(days=1)
    return total


def next_opening(start: datetime, schedule: Schedule) -> datetime | None:
    """When the practice next opens at or after `start` (for the after-hours reply)."""
    if not schedule.ever_open:
        return None
    day = local_date(start, schedule.zone)
    for _ in range(_SEARCH_DAYS):
        for a, b in open_spans(schedule, day):
            if b > start:
                return max(a, start)
        day += timedelta(days=1)
    return None
