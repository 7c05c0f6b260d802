"""Ownership of received patient messages: routing and the due time when one arrives, and
the staff actions Take, Assign to…, Done and Reopen, each checked and audited in the same
transaction; the audit rows are the message's history.

Who may work on a message: a message routed to a team belongs to the team's members; any
other one to whoever may work in its provider's inbox (own provider or InboxDelegate). Its
owner always may. Who may read it (and so be assigned it): the above, plus the provider's
inbox workers for a team message.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import audit, business_time, permissions
from opendesk.core import preferences as prefs
from opendesk.core.actors import Actor, StaffActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.models import (
    AuditEntry,
    MessageReason,
    Patient,
    RecipientKind,
    User,
    WebMailMessage,
    team_member,
)

OPEN = "open"
CLOSED = "closed"
HISTORY_ACTIONS = {
    "loop.received": "Received",
    "loop.take": "Taken",
    "loop.assign": "Assigned",
    "loop.done": "Done",
    "loop.reopen": "Reopened",
    "loop.escalate": "Past its response time: owner and backup notified",
    "loop.after_hours_reply": "After-hours reply sent",
}


def team_ids(session: Session, user_id: int) -> set[int]:
    return set(
        session.execute(
            select(team_member.c.team_id).where(team_member.c.user_id == user_id)
        ).scalars()
    )


def may_work(
    session: Session, user: User, msg: WebMailMessage, teams: set[int] | None = None
) -> bool:
    """`teams`: the user's team ids when the caller has them (read here when None)."""
    if user.is_disabled:
        return False
    if msg.owner_user_id == user.id:
        return True
    if msg.team_id is not None:
        return msg.team_id in (team_ids(session, user.id) if teams is None else teams)
    return permissions.can_work_inbox(user, msg.provider_id)


def may_read(
    session: Session, user: User, msg: WebMailMessage, teams: set[int] | None = None
) -> bool:
    return may_work(session, user, msg, teams) or (
        not user.is_disabled and permissions.can_work_inbox(user, msg.provider_id)
    )


def readable_message(
    session: Session, actor: StaffActor, message_id: int, detail: str
) -> WebMailMessage:
    """The message, refused (audited as `detail`) unless the acting user may read it."""
    user = permissions.acting_user(session, actor)
    msg = session.get(WebMailMessage, message_id)
    if msg is None:
        raise NotFound("That message no longer exists.")
    if not may_read(session, user, msg):
        raise permissions.deny(
            session, actor, "read this message", detail=f"{detail} webmail={message_id}"
        )
    return msg


# -- arrival ------------------------------------------------------------------------------------


def route(
    session: Session, reason: MessageReason | None, regarding: Patient
) -> tuple[int, int | None]:
    """(provider id, team id) a new message about `regarding` goes to for this reason."""
    if (
        reason is not None
        and reason.recipient_kind == RecipientKind.PROVIDER
        and reason.provider_id
    ):
        return reason.provider_id, None
    if reason is not None and reason.recipient_kind == RecipientKind.TEAM and reason.team_id:
        return regarding.primary_provider_id, reason.team_id
    return regarding.primary_provider_id, None


def target_hours(session: Session, reason: MessageReason | None) -> int:
    if reason is not None:
        return reason.target_hours
    return prefs.get(session, prefs.RESPONSE_TARGET_HOURS)


def active_reason(session: Session, reason_id: int | None) -> MessageReason | None:
    """The reason a patient chose; ValidationError for one that is gone or switched off."""
    if reason_id is None:
        return None
    reason = session.get(MessageReason, reason_id)
    if reason is None or not reason.is_active:
        raise ValidationError("Choose the reason for your message again.", "reason")
    return reason


def due_time(session: Session, received: datetime, hours: int) -> datetime:
    """received + `hours` of business time. A practice without usable hours (only a hand-edited
    database has none) counts clock hours, so a patient's message is never refused for it."""
    try:
        schedule = business_time.practice_schedule(session)
        return business_time.add_business_hours(received, hours, schedule)
    except (ValueError, ValidationError):
        return received + timedelta(hours=hours)


def open_received(
    session: Session,
    actor: Actor,
    msg: WebMailMessage,
    reason: MessageReason | None,
    *,
    urgent: bool = False,
) -> None:
    """Put a just-received message (flushed, not committed) into the loop: reason, team,
    state open, due = received + target in business time; audited. The caller commits."""
    received = msg.sent_at or utcnow()
    msg.reason_id = reason.id if reason is not None else None
    msg.loop_state = OPEN
    msg.is_urgent = urgent
    msg.due_at = due_time(session, received, target_hours(session, reason))
    audit.record(
        session,
        actor,
        "loop.received",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail=f"reason={msg.reason_id} team={msg.team_id} urgent={int(urgent)} "
        f"due={msg.due_at:%Y-%m-%dT%H:%M}",
    )


# -- staff actions ------------------------------------------------------------------------------


def _loop_message(
    session: Session, actor: StaffActor, message_id: int
) -> tuple[User, WebMailMessage]:
    user = permissions.acting_user(session, actor)
    msg = session.get(WebMailMessage, message_id, with_for_update=True)
    if msg is None:
        raise NotFound("That message no longer exists.")
    if msg.loop_state is None or not MessageStatus(msg.status).is_from_patient:
        raise ValidationError("Only messages from patients are taken, assigned and closed.")
    if not may_work(session, user, msg):
        raise permissions.deny(
            session,
            actor,
            "work on this message",
            detail=f"loop webmail={message_id}",
            patient_id=msg.regarding_patient_id,
        )
    return user, msg


def _record(
    session: Session, actor: StaffActor, msg: WebMailMessage, action: str, detail: str
) -> None:
    audit.record(
        session,
        actor,
        action,
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail=detail,
    )
    session.commit()


def take(session: Session, actor: StaffActor, message_id: int) -> None:
    """Assign the message to the acting user (it stays open)."""
    user, msg = _loop_message(session, actor, message_id)
    before = msg.owner_user_id
    msg.owner_user_id = user.id
    _record(session, actor, msg, "loop.take", f"owner={user.id} was={before}")


def assign(session: Session, actor: StaffActor, message_id: int, user_id: int) -> None:
    """Give the message to another user, who must be allowed to read it."""
    _user, msg = _loop_message(session, actor, message_id)
    target = session.get(User, user_id)
    if target is None or not may_read(session, target, msg):
        raise ValidationError("Choose a user who may read this message.", "owner")
    before = msg.owner_user_id
    msg.owner_user_id = target.id
    _record(session, actor, msg, "loop.assign", f"owner={target.id} was={before}")


def _set_state(
    session: Session, actor: StaffActor, message_id: int, state: str, action: str
) -> None:
    """Put the message in `state` (OPEN or CLOSED), audited as `action` with its owner, and
    commit; nothing is written when it is in that state already."""
    _user, msg = _loop_message(session, actor, message_id)
    if msg.loop_state == state:
        session.rollback()
        return
    msg.loop_state = state
    _record(session, actor, msg, action, f"owner={msg.owner_user_id}")


def done(session: Session, actor: StaffActor, message_id: int) -> None:
    """Close the message (nothing more to do); the owner stays for the record."""
    _set_state(session, actor, message_id, CLOSED, "loop.done")


def reopen(session: Session, actor: StaffActor, message_id: int) -> None:
    """Open a closed message again; its due time stays (it may be overdue at once)."""
    _set_state(session, actor, message_id, OPEN, "loop.reopen")


def close_by_reply(
    session: Session, actor: StaffActor, reply: WebMailMessage, keep_open: bool = False
) -> None:
    """A staff reply (flushed, in the send's transaction) answers its thread: the thread's
    open patient messages that were there before it are done, each audited; nothing when the
    sent message is no reply or `keep_open` was ticked."""
    if keep_open or reply.parent_id is None or reply.thread_id is None:
        return
    rows = session.execute(
        select(WebMailMessage)
        .where(
            WebMailMessage.thread_id == reply.thread_id,
            WebMailMessage.loop_state == OPEN,
            WebMailMessage.id < reply.id,
        )
        .with_for_update()
    ).scalars()
    for msg in rows:
        msg.loop_state = CLOSED
        audit.record(
            session,
            actor,
            "loop.done",
            patient_id=msg.regarding_patient_id,
            object_type="webmail",
            object_id=msg.id,
            detail=f"owner={msg.owner_user_id} reply={reply.id}",
        )


# -- history ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str  # the audit action, e.g. "loop.take"
    label: str  # what the message window shows, e.g. "Taken"
    by: str  # user name, "Patient" or the system
    owner: str  # the owner after the change ("" when none or unchanged)


def _owner_of(detail: str) -> int | None:
    for part in detail.split():
        if part.startswith("owner=") and part[6:].isdigit():
            return int(part[6:])
    return None


def history(session: Session, actor: StaffActor, message_id: int) -> list[HistoryEntry]:
    """The message's loop history, oldest first (reading it needs the right to read it)."""
    msg = readable_message(session, actor, message_id, "loop.history")
    rows = session.execute(
        select(AuditEntry)
        .where(
            AuditEntry.patient_id == msg.regarding_patient_id,
            AuditEntry.object_type == "webmail",
            AuditEntry.object_id == msg.id,
            AuditEntry.action.in_(list(HISTORY_ACTIONS)),
        )
        .order_by(AuditEntry.seq)
    ).scalars()
    names: dict[int, str] = {
        int(r.id): str(r.username) for r in session.execute(select(User.id, User.username))
    }
    entries = []
    for row in rows:
        owner = _owner_of(row.detail)
        by = {"portal": "Patient", "system": "OpenDesk"}.get(row.actor_kind, "")
        entries.append(
            HistoryEntry(
                at=row.at,
                action=row.action,
                label=HISTORY_ACTIONS[row.action],
                by=by or names.get(row.user_id or 0, "?"),
                owner=names.get(owner, "") if owner is not None else "",
            )
        )
    return entries
