"""Escalation of open patient messages past their response time, meant to run in the outbox
worker's loop (`escalate_due`): each such message is escalated once (a conditional update of
`escalated_at`, so two workers never both escalate it), audited, and its owner and its reason's
backup (a user, or a team's members) are told by an e-mail notice through the notification
outbox. The notice holds no PHI: only how many patient messages are past their time. Without
an owner or backup, the users who work on it are told (the team's members, or the users of
the provider). Users without a notice address see it in the desktop alert only.
"""

from collections import Counter

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from opendesk.core import audit
from opendesk.core import preferences as prefs
from opendesk.core.actors import SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.models import MessageReason, OutboxNotice, User, WebMailMessage, team_member
from opendesk.core.notices import to_html
from opendesk.core.services.closed_loop import OPEN

NOTICE_KIND = "escalation"


def notice_text(count: int) -> tuple[str, str]:
    """(subject, body) of the PHI-free escalation notice."""
    if count == 1:
        line = "1 patient message is past its response time."
    else:
        line = f"{count} patient messages are past their response time."
    return (
        "A patient message is past its response time" if count == 1 else line.rstrip("."),
        f"{line}\n\nOpen OpenDesk to answer it; the Overdue view lists it.",
    )


def _team_users(session: Session, team_id: int) -> set[int]:
    return set(
        session.execute(
            select(team_member.c.user_id).where(team_member.c.team_id == team_id)
        ).scalars()
    )


def recipients(session: Session, msg: WebMailMessage) -> set[int]:
    """The user ids told about an overdue message."""
    users: set[int] = set()
    if msg.owner_user_id is not None:
        users.add(msg.owner_user_id)
    reason = session.get(MessageReason, msg.reason_id) if msg.reason_id is not None else None
    if reason is not None and reason.backup_user_id is not None:
        users.add(reason.backup_user_id)
    if reason is not None and reason.backup_team_id is not None:
        users |= _team_users(session, reason.backup_team_id)
    if users:
        return users
    if msg.team_id is not None:
        return _team_users(session, msg.team_id)
    return set(
        session.execute(select(User.id).where(User.provider_id == msg.provider_id)).scalars()
    )


def _queue_notices(session: Session, counts: Counter[int]) -> int:
    from_address = prefs.get(session, prefs.NOTIFY_FROM).strip()
    now = utcnow()
    queued = 0
    users = session.execute(select(User).where(User.id.in_(set(counts)))).scalars()
    for user in users:
        if user.is_disabled or not user.notice_email.strip() or not from_address:
            continue
        subject, body = notice_text(counts[user.id])
        session.add(
            OutboxNotice(
                kind=NOTICE_KIND,
                to_address=user.notice_email.strip(),
                from_address=from_address,
                subject=subject,
                body_text=body,
                body_html=to_html(body),
                next_attempt_at=now,
            )
        )
        queued += 1
    return queued


def escalate_due(session: Session, actor: SystemActor, limit: int = 200) -> int:
    """Escalate up to `limit` open messages past due; returns how many. Commits."""
    now = utcnow()
    ids = list(
        session.execute(
            select(WebMailMessage.id)
            .where(
                WebMailMessage.loop_state == OPEN,
                WebMailMessage.escalated_at.is_(None),
                WebMailMessage.due_at <= now,
            )
            .order_by(WebMailMessage.due_at, WebMailMessage.id)
            .limit(limit)
        ).scalars()
    )
    counts: Counter[int] = Counter()
    escalated = 0
    for message_id in ids:
        won = session.execute(
            update(WebMailMessage)
            .where(WebMailMessage.id == message_id, WebMailMessage.escalated_at.is_(None))
            .values(escalated_at=now)
            .execution_options(synchronize_session=False)
        )
        if won.rowcount != 1:  # type: ignore[attr-defined]
            continue
        msg = session.get(WebMailMessage, message_id)
        assert msg is not None
        told = recipients(session, msg)
        counts.update(told)
        escalated += 1
        audit.record(
            session,
            actor,
            "loop.escalate",
            patient_id=msg.regarding_patient_id,
            object_type="webmail",
            object_id=msg.id,
            detail=f"notified={','.join(str(u) for u in sorted(told))}",
        )
    if escalated:
        _queue_notices(session, counts)
    session.commit()
    return escalated
