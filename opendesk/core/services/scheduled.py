"""Scheduled messages and the unread follow-up (issue 22): what the outbox worker does at a
message's time, and what staff do with a scheduled message before it.

A scheduled message (`MessageStatus.SCHEDULED`, `deliver_at` set, `sent_at` = the delivery
time while it waits) is invisible in the portal: every portal read lists only the statuses in
`portal_messages.VISIBLE`. Staff see it in the Scheduled folder of the Email Inbox, edit it in
the compose window (`webmail.send`/`save_draft` with its id as the draft) or `cancel` it back
to a draft.

Exactly once, with any number of workers against one database: `release_due` and
`follow_up_unread` change each row with a conditional UPDATE (`WHERE status = scheduled`,
`WHERE unread_noticed_at IS NULL`) in a transaction of its own that also writes the notice and
the audit row. On MariaDB/PostgreSQL a worker first skips a row another worker holds
(`FOR UPDATE SKIP LOCKED`); an UPDATE that does reach a row changed meanwhile finds 0 rows and
does nothing. On SQLite every write session
holds the write lock from BEGIN IMMEDIATE. A staff edit or cancel takes the same row first
(`webmail._hold_scheduled`), so a message is either released or edited, never both.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions
from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import MessageStatus
from opendesk.core.errors import NotFound
from opendesk.core.models import Patient, WebMailMessage, patient_name
from opendesk.core.services import message_settings, webmail
from opendesk.core.services.webmail import DELIVERED

WORKER = SystemActor("outbox")
BATCH = 50

SCHEDULED = int(MessageStatus.SCHEDULED)
SENT_UNREAD = int(MessageStatus.WEBMAIL_SENT)


def _changed(result: object) -> bool:
    return webmail._rowcount(result) == 1


def _locked_by_another(session: Session, message_id: int) -> bool:
    """MariaDB/PostgreSQL: True when another worker holds the row (SKIP LOCKED), so this one
    moves on at once instead of waiting for that commit only to find the row changed. SQLite
    has no row locks: the write lock of BEGIN IMMEDIATE already serialises the workers."""
    if session.get_bind().dialect.name == "sqlite":
        return False
    found = session.execute(
        select(WebMailMessage.id)
        .where(WebMailMessage.id == message_id)
        .with_for_update(skip_locked=True)
    ).scalar_one_or_none()
    return found is None


def cancel(session: Session, actor: StaffActor, message_id: int) -> None:
    """A scheduled message goes back to Drafts, whole (text, attachments, settings), never to
    be delivered unless sent again. Refused once the worker has released it."""
    user = permissions.acting_user(session, actor)
    msg = session.get(WebMailMessage, message_id)
    if msg is None or msg.status != MessageStatus.SCHEDULED:
        raise NotFound(DELIVERED)
    if msg.author_user_id != user.id:
        permissions.require_inbox(session, actor, msg.provider_id)
    result = session.execute(
        update(WebMailMessage)
        .where(WebMailMessage.id == message_id, WebMailMessage.status == SCHEDULED)
        .values(status=int(MessageStatus.UNSENT), sent_at=None, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if not _changed(result):
        session.rollback()
        raise NotFound(DELIVERED)
    audit.record(
        session,
        actor,
        "webmail.schedule.cancel",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=message_id,
    )
    session.commit()


def due_ids(session: Session, now: datetime, limit: int = BATCH) -> list[int]:
    """Scheduled messages whose time has come, oldest first (`ix_webmail_deliver`)."""
    return list(
        session.execute(
            select(WebMailMessage.id)
            .where(WebMailMessage.status == SCHEDULED, WebMailMessage.deliver_at <= now)
            .order_by(WebMailMessage.deliver_at, WebMailMessage.id)
            .limit(limit)
        ).scalars()
    )


def release(session: Session, message_id: int, now: datetime) -> bool:
    """Deliver one scheduled message now: it becomes sent (visible in the portal), its notice
    is queued and the release audited, in one transaction. False when another worker (or a
    staff edit or cancel) changed it first."""
    if _locked_by_another(session, message_id):
        session.rollback()
        return False
    result = session.execute(
        update(WebMailMessage)
        .where(
            WebMailMessage.id == message_id,
            WebMailMessage.status == SCHEDULED,
            WebMailMessage.deliver_at <= now,
        )
        .values(status=SENT_UNREAD)
        .execution_options(synchronize_session=False)
    )
    if not _changed(result):
        session.rollback()
        return False
    msg = session.get(WebMailMessage, message_id, populate_existing=True)
    assert msg is not None
    message_settings.delivered(msg, now)
    recipient = session.get(Patient, msg.patient_id)
    assert recipient is not None
    notice = webmail.queue_notice(session, msg, recipient)
    session.flush()
    audit.record(
        session,
        WORKER,
        "webmail.release",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail=f"notice={notice.id} scheduled_by_user={msg.sender_user_id}",
    )
    session.commit()
    return True


def unread_due_ids(session: Session, now: datetime, limit: int = BATCH) -> list[int]:
    """Sent messages still unread past their "notify me if unread" time, not yet flagged
    (`ix_webmail_unread_due`)."""
    return list(
        session.execute(
            select(WebMailMessage.id)
            .where(
                WebMailMessage.status == SENT_UNREAD,
                WebMailMessage.unread_noticed_at.is_(None),
                WebMailMessage.unread_due_at <= now,
            )
            .order_by(WebMailMessage.unread_due_at, WebMailMessage.id)
            .limit(limit)
        ).scalars()
    )


def follow_up_unread(session: Session, message_id: int, now: datetime) -> bool:
    """Flag one unread message for its sender's alert and, when chosen, queue the patient's
    second notice (the same PHI-free text) — once: False when it was read or flagged first."""
    if _locked_by_another(session, message_id):
        session.rollback()
        return False
    result = session.execute(
        update(WebMailMessage)
        .where(
            WebMailMessage.id == message_id,
            WebMailMessage.status == SENT_UNREAD,
            WebMailMessage.unread_noticed_at.is_(None),
        )
        .values(unread_noticed_at=now)
        .execution_options(synchronize_session=False)
    )
    if not _changed(result):
        session.rollback()
        return False
    msg = session.get(WebMailMessage, message_id, populate_existing=True)
    assert msg is not None
    detail = f"days={msg.notify_unread_days}"
    if msg.unread_second_notice and not msg.is_hidden:
        recipient = session.get(Patient, msg.patient_id)
        assert recipient is not None
        notice = webmail.queue_notice(session, msg, recipient, kind="webmail_unread")
        session.flush()
        detail += f" second_notice={notice.id}"
    audit.record(
        session,
        WORKER,
        "webmail.unread_followup",
        patient_id=msg.regarding_patient_id,
        object_type="webmail",
        object_id=msg.id,
        detail=detail,
    )
    session.commit()
    return True


@dataclass(frozen=True)
class Due:
    released: int = 0
    followed_up: int = 0


def run_due(session: Session, now: datetime | None = None) -> Due:
    """One pass of the worker (`opendesk.mail.outbox`): release what is due, then the unread
    follow-ups. Each message is its own transaction."""
    now = now or utcnow()
    released = sum(release(session, i, now) for i in due_ids(session, now))
    session.commit()
    followed = sum(follow_up_unread(session, i, now) for i in unread_due_ids(session, now))
    session.commit()
    return Due(released, followed)


# -- the sender's alert ---------------------------------------------------------------------


@dataclass(frozen=True)
class UnreadRow:
    """A sent message the patient has not opened past its follow-up time."""

    id: int
    regarding_name: str
    days: int
    sent_at: datetime | None

    @property
    def text(self) -> str:
        unit = "day" if self.days == 1 else "days"
        return f"{self.regarding_name}: not read after {self.days} {unit}"


def unread_followups(session: Session, provider_id: int, limit: int = 20) -> list[UnreadRow]:
    """The provider's flagged unread messages, oldest first (the WebMail alert's list). Names
    only, for staff working that provider's inbox (the caller checks)."""
    rows = session.execute(
        select(
            WebMailMessage.id,
            Patient.last_name,
            Patient.first_name,
            WebMailMessage.notify_unread_days,
            WebMailMessage.sent_at,
        )
        .join(Patient, Patient.id == WebMailMessage.regarding_patient_id)
        .where(
            WebMailMessage.provider_id == provider_id,
            WebMailMessage.status == SENT_UNREAD,
            WebMailMessage.is_hidden == False,  # noqa: E712 - index-friendly
            WebMailMessage.unread_noticed_at.is_not(None),
        )
        .order_by(WebMailMessage.sent_at, WebMailMessage.id)
        .limit(limit)
    ).all()
    return [
        UnreadRow(i, patient_name(last, first), days or 0, at) for i, last, first, days, at in rows
    ]
