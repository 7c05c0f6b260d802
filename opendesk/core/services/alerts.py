"""The unread-WebMail alert: how many received web mails a provider has not read yet.

The count is one query on `ix_webmail_provider_box` (provider, status, hidden, ...), which
covers it, so workstations can poll every few seconds. `webmail_alert` also returns the newest
unread id: together with the count it is a change marker, so the client redraws only when
something changed (a new message raises both; marking one read lowers the count).

The desktop adds the user's closed-loop figures (`loop_lists.loop_alert`: waiting = unassigned
or overdue, overdue, escalated) with `dataclasses.replace`: `loop_marker`, and in
`lists_marker`.

It also carries the provider's sent messages the patient has not opened past their "notify me
if unread after N days" time (`core.services.scheduled`, issue 22): "not read after 3 days".
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from opendesk.core.enums import MessageStatus
from opendesk.core.models import WebMailMessage
from opendesk.core.services.scheduled import UnreadRow, unread_followups


@dataclass(frozen=True)
class WebMailAlert:
    provider_id: int | None
    unread: int
    newest_id: int | None  # the change marker, with `unread`
    newest_sent: datetime | None = None  # the provider's newest sent message
    drafts: int = 0  # drafts written by the polling user
    waiting: int = 0  # closed loop: open and unassigned or overdue, that the user may work on
    overdue: int = 0
    escalated: int = 0  # open messages past their time that the user was told about
    not_read: tuple[UnreadRow, ...] = ()  # sent, unread past the sender's follow-up time

    @property
    def marker(self) -> tuple[int, int | None]:
        return (self.unread, self.newest_id)

    @property
    def loop_marker(self) -> tuple[int, int, int]:
        """Moves when the closed-loop figures change (the button's text changes)."""
        return (self.waiting, self.overdue, self.escalated)

    @property
    def shown(self) -> tuple[int, int | None, tuple[int, ...]]:
        """What the alert button shows: it is redrawn when this moves."""
        return (self.unread, self.newest_id, tuple(r.id for r in self.not_read))

    @property
    def lists_marker(self) -> tuple[int, int | None, datetime | None, int, int, int]:
        """Moves when the lists of the polling workstation may be out of date: new or read
        mail, a message sent by the provider (from any workstation), a draft of the user sent
        or saved elsewhere, a patient message taken or closed elsewhere. The desktop reloads
        its lists when it moves (issue 16)."""
        return (
            self.unread,
            self.newest_id,
            self.newest_sent,
            self.drafts,
            self.waiting,
            self.escalated,
        )


def _unread(provider_id: int) -> tuple[ColumnElement[bool], ...]:
    return (
        WebMailMessage.provider_id == provider_id,
        WebMailMessage.status == int(MessageStatus.WEBMAIL_RECEIVED),
        WebMailMessage.is_hidden == False,  # noqa: E712 - "IS false" defeats the MariaDB index,
    )


def webmail_alert(
    session: Session, provider_id: int | None, author_user_id: int | None = None
) -> WebMailAlert:
    """The unread count of `provider_id`'s inbox, with the lists' change marker; every query
    is one range of a covering index (`ix_webmail_provider_box`, `ix_webmail_author`)."""
    drafts = 0
    if author_user_id is not None:
        drafts = session.execute(
            select(func.count()).where(
                WebMailMessage.author_user_id == author_user_id,
                WebMailMessage.status == int(MessageStatus.UNSENT),
            )
        ).scalar_one()
    if provider_id is None:
        return WebMailAlert(None, 0, None, None, int(drafts))
    count, newest = session.execute(
        select(func.count(), func.max(WebMailMessage.id)).where(*_unread(provider_id))
    ).one()
    sent = [
        session.execute(
            select(func.max(WebMailMessage.sent_at)).where(
                WebMailMessage.provider_id == provider_id,
                WebMailMessage.status == int(status),
                WebMailMessage.is_hidden == False,  # noqa: E712 - as in _unread
            )
        ).scalar_one()
        for status in (MessageStatus.WEBMAIL_SENT, MessageStatus.WEBMAIL_SENT_READ)
    ]
    newest_sent = max((t for t in sent if t is not None), default=None)
    not_read = tuple(unread_followups(session, provider_id))
    return WebMailAlert(
        provider_id, int(count), newest, newest_sent, int(drafts), not_read=not_read
    )
