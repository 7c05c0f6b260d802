"""The closed loop as the patient sees it (docs/CLOSED_LOOP.md): the expected-reply line under
a sent message, the emergency instructions of the urgent-words page, and the automatic
after-hours reply. Each is one rule here, so the portal and any other caller say the same.

The after-hours reply is a practice message in the thread (`is_auto_reply`): no staff member
wrote it, so it never counts as a first reply for response times, closes nothing in the loop
and queues no e-mail notice (the patient is on the portal when it is written).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import audit, business_time, timefmt
from opendesk.core import preferences as prefs
from opendesk.core.actors import SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import ValidationError
from opendesk.core.models import MessageReason, WebMailMessage
from opendesk.core.services import closed_loop
from opendesk.core.services.webmail import reply_subject

AUTO_REPLY_EVERY = timedelta(hours=12)  # at most one after-hours reply per thread this often
HOURS_PER_DAY = 8  # a target of 8, 16, … business hours is said as 1, 2, … business days
_FROM_PATIENT = (int(MessageStatus.WEBMAIL_RECEIVED), int(MessageStatus.WEBMAIL_RECD_READ))


@dataclass(frozen=True)
class Expected:
    """The expected-reply line as data, for a caller that words it in its own language (the
    portal): the reason's target in business hours, the due instant (UTC), whether it has
    passed, the office phone ("" when none) and the practice's zone to show `due_at` in."""

    target_hours: int
    due_at: datetime
    overdue: bool
    phone: str
    zone: tzinfo
    now: datetime


@dataclass(frozen=True)
class Emergency:
    """The emergency instructions as data: the practice's text with its `[PHONE]` mark still
    in, the phone to fill in, and whether the text is the shipped default (which a caller may
    show translated; a text the practice wrote is shown as written)."""

    text: str
    phone: str
    is_default: bool


def split_target(hours: int) -> tuple[int, bool]:
    """A target as a patient reads it: (days, True) for 8, 16, … business hours, else
    (hours, False)."""
    if hours >= HOURS_PER_DAY and hours % HOURS_PER_DAY == 0:
        return hours // HOURS_PER_DAY, True
    return hours, False


def target_words(hours: int) -> str:
    """ "1 business day", "2 business days", "4 business hours", "1 business hour"."""
    count, days = split_target(hours)
    unit = "day" if days else "hour"
    return f"{count} business {unit}{'s' if count != 1 else ''}"


def when_words(instant: datetime, now: datetime, zone: tzinfo) -> str:
    """An instant as a patient reads it in the practice's zone: "3:00 PM today",
    "Tue 10:00 AM" within the week, "Tue 12/15/2026 10:00 AM" further on."""
    local, today = timefmt.localise(instant, zone), timefmt.localise(now, zone).date()
    time_text = timefmt.format_time(instant, zone)
    if local.date() == today:
        return f"{time_text} today"
    if timedelta(0) < local.date() - today < timedelta(days=7):
        return f"{local:%a} {time_text}"
    return f"{local:%a} {timefmt.format_date(instant, zone)} {time_text}"


def office_phone(session: Session) -> str:
    """The number a patient calls with an urgent problem: the emergency phone, else the
    practice phone ("" when neither is set)."""
    return (
        prefs.get(session, prefs.EMERGENCY_PHONE).strip()
        or prefs.get(session, prefs.PRACTICE_PHONE).strip()
    )


def fill(text: str, phone: str, opens: str = "", no_phone: str = "the office") -> str:
    """A practice text with `[PHONE]` (else `no_phone`) and `[OPENS]` filled in."""
    return text.replace("[PHONE]", phone or no_phone).replace("[OPENS]", opens).strip()


def emergency(session: Session) -> Emergency:
    """The emergency instructions as data (see `Emergency`)."""
    text = prefs.get(session, prefs.EMERGENCY_INSTRUCTIONS)
    default = text.strip() == prefs.EMERGENCY_INSTRUCTIONS.default.strip()
    return Emergency(text, office_phone(session), default)


def emergency_instructions(session: Session) -> str:
    """The practice's emergency instructions with its phone filled in (the urgent page)."""
    found = emergency(session)
    return fill(found.text, found.phone)


def _zone(session: Session) -> tzinfo:
    return timefmt.practice_zone(prefs.get(session, prefs.PRACTICE_TIME_ZONE))


def awaits_reply(status: int, loop_state: str | None, due_at: datetime | None) -> bool:
    """Whether a message is a patient's message still open in the loop with a due time: the
    kind `expected` words."""
    return status in _FROM_PATIENT and loop_state == closed_loop.OPEN and due_at is not None


def expected_for(
    session: Session, due_at: datetime, reason_hours: int | None, now: datetime | None = None
) -> Expected:
    """The expected-reply line of an open patient message due at `due_at` (`awaits_reply`)
    whose reason has a target of `reason_hours` (None: no reason, the practice's target), for
    a caller that has already read the message (the portal's thread page)."""
    now = now or utcnow()
    hours = reason_hours if reason_hours is not None else closed_loop.target_hours(session, None)
    return Expected(hours, due_at, due_at <= now, office_phone(session), _zone(session), now)


def expected(
    session: Session, message_ids: list[int], now: datetime | None = None
) -> Expected | None:
    """The expected reply for the newest patient message among `message_ids` (a thread the
    caller may show) that is still open, as data; None when every one is answered or outside
    the loop. Reads only."""
    if not message_ids:
        return None
    msg = session.execute(
        select(WebMailMessage)
        .where(
            WebMailMessage.id.in_(message_ids),
            WebMailMessage.status.in_(_FROM_PATIENT),
            WebMailMessage.loop_state == closed_loop.OPEN,
            WebMailMessage.due_at.is_not(None),
        )
        .order_by(WebMailMessage.sent_at.desc(), WebMailMessage.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if msg is None or msg.due_at is None:
        return None
    reason = session.get(MessageReason, msg.reason_id) if msg.reason_id else None
    return expected_for(session, msg.due_at, reason.target_hours if reason else None, now)


def expectation_words(found: Expected) -> str:
    """`Expected` in English: "The office usually answers within 1 business day — expect a
    reply by Tue 10:00 AM.", or, once due, to call the office if it cannot wait."""
    words = target_words(found.target_hours)
    if found.overdue:
        call = f"call the office at {found.phone}" if found.phone else "call the office"
        return (
            f"The office usually answers within {words}. Your message is taking longer than "
            f"that; if it cannot wait, {call}."
        )
    when = when_words(found.due_at, found.now, found.zone)
    return f"The office usually answers within {words} — expect a reply by {when}."


def expectation(
    session: Session, message_ids: list[int], now: datetime | None = None
) -> str | None:
    """The expected-reply line in English (`expected`, worded by `expectation_words`)."""
    found = expected(session, message_ids, now)
    return expectation_words(found) if found is not None else None


def after_hours_text(session: Session, now: datetime) -> str | None:
    """The after-hours reply for a message received at `now`, or None while the office is
    open, when the practice left the text empty (no reply), or has no opening hours at all
    (where "after hours" means nothing)."""
    text = prefs.get(session, prefs.AFTER_HOURS_REPLY)
    if not text.strip():
        return None
    try:
        schedule = business_time.practice_schedule(session)
    except (ValueError, ValidationError):
        return None
    if not schedule.ever_open or business_time.is_open(schedule, now):
        return None
    opening = business_time.next_opening(now, schedule)
    opens = when_words(opening, now, schedule.zone) if opening else "on the next working day"
    return fill(text, office_phone(session), opens)


def after_hours_reply(session: Session, msg: WebMailMessage) -> int | None:
    """Outside practice hours, answer a just-received patient message (flushed, in the
    caller's transaction) with the practice's after-hours text in its thread — unless the
    thread had one in the last 12 hours. Audited as `loop.after_hours_reply` on the patient's
    message; returns the reply's id. The caller commits."""
    now = msg.sent_at or utcnow()
    text = after_hours_text(session, now)
    if text is None:
        return None
    thread_id = msg.thread_id or msg.id
    # Lock the thread's first message: two messages at once in one thread reply once.
    session.execute(
        select(WebMailMessage.id).where(WebMailMessage.id == thread_id).with_for_update()
    )
    recent = session.execute(
        select(WebMailMessage.id)
        .where(
            WebMailMessage.thread_id == thread_id,
            WebMailMessage.is_auto_reply.is_(True),
            WebMailMessage.sent_at > now - AUTO_REPLY_EVERY,
        )
        .limit(1)
    ).first()
    if recent is not None:
        return None
    reply = WebMailMessage(
        status=int(MessageStatus.WEBMAIL_SENT),
        patient_id=msg.patient_id,
        regarding_patient_id=msg.regarding_patient_id,
        provider_id=msg.provider_id,
        subject=reply_subject(msg.subject),
        body=text,
        sent_at=now,
        thread_id=thread_id,
        parent_id=msg.id,
        is_auto_reply=True,
    )
    session.add(reply)
    session.flush()
    audit.record(
        session,
        SystemActor(),
        "loop.after_hours_reply",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail=f"reply={reply.id}",
    )
    return reply.id
