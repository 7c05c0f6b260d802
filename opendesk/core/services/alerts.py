"""The unread-WebMail alert: how many received web mails a provider has not read yet.

The count is one query on `ix_webmail_provider_box` (provider, status, hidden, ...), which
covers it, so workstations can poll every few seconds. `webmail_alert` also returns the newest
unread id: together with the count it is a change marker, so the client redraws only when
something changed (a new message raises both; marking one read lowers the count).
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from opendesk.core.enums import MessageStatus
from opendesk.core.models import WebMailMessage


@dataclass(frozen=True)
class WebMailAlert:
    provider_id: int | None
    unread: int
    newest_id: int | None  # the change marker, with `unread`

    @property
    def marker(self) -> tuple[int, int | None]:
        return (self.unread, self.newest_id)


def _unread(provider_id: int) -> tuple[ColumnElement[bool], ...]:
    return (
        WebMailMessage.provider_id == provider_id,
        WebMailMessage.status == int(MessageStatus.WEBMAIL_RECEIVED),
        WebMailMessage.is_hidden == False,  # noqa: E712 - "IS false" defeats the MariaDB index,
    )


def webmail_alert(session: Session, provider_id: int | None) -> WebMailAlert:
    if provider_id is None:
        return WebMailAlert(None, 0, None)
    count, newest = session.execute(
        select(func.count(), func.max(WebMailMessage.id)).where(*_unread(provider_id))
    ).one()
    return WebMailAlert(provider_id, int(count), newest)
