"""Message settings (issue 22 part B) in the database with a set clock: scheduled delivery
(invisible before its time, cancel, edit, exactly once with two workers), allow reply, and the
unread follow-up with its second notice."""

import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import AuditEntry, OutboxNotice, WebMailMessage
from opendesk.core.services import (
    alerts,
    mailbox,
    message_settings,
    portal_messages,
    scheduled,
    webmail,
)
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests import factories as f

T0 = datetime(2026, 11, 30, 15, 0)  # a Monday, 10:00 in New York: the practice is open
AN_HOUR = timedelta(hours=1)


@dataclass
class Office:
    prov: int
    doc: StaffActor
    desk: StaffActor
    head: int
    portal: PortalActor


@pytest.fixture
def office(db: Database) -> Office:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Test Dental",
                prefs.PRACTICE_TIME_ZONE: "America/New_York",
            },
        )
        prov = f.provider(s, "A")
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        doc = f.user(s, "doca", prov=prov, groups=[senders])
        desk = f.user(s, "desk", groups=[f.group(s, "Desk", Permission.PATIENT_EDIT)])
        head = f.patient(s, prov, last="Lee", first="Ann", email="ann@example.com")
        account = f.portal_account(s, head)
        s.commit()
        return Office(
            prov.id,
            StaffActor(doc.id, "ws"),
            StaffActor(desk.id, "ws-desk"),
            head.id,
            PortalActor(account.id, head.id, "127.0.0.1"),
        )


@pytest.fixture(autouse=True)
def _clock() -> object:
    with clock.frozen(T0):
        yield


def out(o: Office, settings: MessageSettings | None = None, **kw: object) -> Outgoing:
    values: dict[str, object] = {
        "regarding_patient_id": o.head,
        "provider_id": o.prov,
        "subject": "Post-operative care",
        "body": "Rinse gently with salt water.",
        "client_request_id": str(uuid.uuid4()),
        "settings": settings or MessageSettings(),
    }
    values.update(kw)
    return Outgoing(**values)  # type: ignore[arg-type]


def schedule(db: Database, o: Office, at: datetime, **kw: object) -> int:
    attachment = NewAttachment("plan.txt", "text/plain", b"the plan")
    with db.session() as s:
        result = webmail.send(
            s, o.doc, out(o, MessageSettings(deliver_at=at), attachments=(attachment,), **kw)
        )
    assert result.notice_id is None and result.scheduled_for == at
    return result.message_id


def notices(s: Session, message_id: int) -> list[OutboxNotice]:
    """The message's notices in the order they were queued (PostgreSQL returns rows in no
    order without ORDER BY: after other tests the second notice could come first)."""
    query = select(OutboxNotice).where(OutboxNotice.message_id == message_id)
    return list(s.execute(query.order_by(OutboxNotice.id)).scalars())


def audit_count(s: Session, action: str) -> int:
    return int(
        s.execute(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
        ).scalar_one()
    )


def portal_sees(db: Database, o: Office, message_id: int) -> bool:
    with db.session() as s:
        page = portal_messages.inbox(s, o.portal)
    with db.session() as s:
        unread = portal_messages.unread_count(s, o.portal)
    listed = message_id in [r.id for r in page.rows]
    assert (page.total, unread) == ((1, 1) if listed else (0, 0))
    return listed


def test_a_scheduled_message_is_invisible_to_the_patient_until_its_time(
    db: Database, office: Office
) -> None:
    mid = schedule(db, office, T0 + AN_HOUR)
    with db.session() as s:
        msg = s.get(WebMailMessage, mid)
        assert msg is not None and msg.status == MessageStatus.SCHEDULED
        attachment_id = msg.attachments[0].id
        assert notices(s, mid) == []
        assert audit_count(s, "webmail.schedule") == 1
        page = mailbox.mailbox_page(
            s, office.doc, office.prov, mailbox.Mailbox.SCHEDULED, mailbox.MailboxFilter()
        )
        assert page.ids == [mid]
        sent = mailbox.mailbox_page(
            s, office.doc, office.prov, mailbox.Mailbox.SENT, mailbox.MailboxFilter()
        )
        assert sent.ids == []
        assert mailbox.chart_ids(s, office.doc, office.head) == []
    assert not portal_sees(db, office, mid)
    for read in (portal_messages.open_message, portal_messages.attachment):
        target = mid if read is portal_messages.open_message else attachment_id
        with db.session() as s, pytest.raises(NotFound):
            read(s, office.portal, target)
    with db.session() as s, pytest.raises(NotFound):
        portal_messages.reply(s, office.portal, mid, "thanks", "r1")

    with db.session() as s:  # a minute early: nothing
        assert scheduled.run_due(s, T0 + AN_HOUR - timedelta(minutes=1)).released == 0
    assert not portal_sees(db, office, mid)

    with db.session() as s:
        assert scheduled.run_due(s, T0 + AN_HOUR).released == 1
    with db.session() as s:
        msg = s.get(WebMailMessage, mid)
        assert msg is not None and msg.status == MessageStatus.WEBMAIL_SENT
        assert msg.sent_at == T0 + AN_HOUR and msg.deliver_at == T0 + AN_HOUR
        [notice] = notices(s, mid)
        assert notice.to_address == "ann@example.com" and notice.kind == "webmail"
        assert "Post-operative" not in notice.subject + notice.body_text  # no PHI
        assert audit_count(s, "webmail.release") == 1
        assert scheduled.run_due(s, T0 + 2 * AN_HOUR).released == 0  # once
    assert portal_sees(db, office, mid)


def test_the_delivery_time_must_be_in_the_future_and_in_hours_when_asked(
    db: Database, office: Office
) -> None:
    for at in (T0, T0 - AN_HOUR, T0 + timedelta(days=400)):
        with db.session() as s, pytest.raises(ValidationError) as err:
            webmail.send(s, office.doc, out(office, MessageSettings(deliver_at=at)))
        assert err.value.field == "deliver_at"
    evening = datetime(2026, 11, 30, 23, 30)  # 18:30 in New York: closed
    with db.session() as s, pytest.raises(ValidationError, match="closed at that time"):
        webmail.send(
            s, office.doc, out(office, MessageSettings(deliver_at=evening, business_hours=True))
        )
    with db.session() as s:
        opening = message_settings.next_opening(s, evening)
        assert opening == datetime(2026, 12, 1, 13, 0)  # Tuesday 08:00 in New York
        webmail.send(
            s, office.doc, out(office, MessageSettings(deliver_at=opening, business_hours=True))
        )
        # without the business-hours choice, any future time is fine
        webmail.send(s, office.doc, out(office, MessageSettings(deliver_at=evening)))
    with db.session() as s:
        count = s.execute(
            select(func.count()).where(WebMailMessage.status == int(MessageStatus.SCHEDULED))
        ).scalar_one()
        assert count == 2 and s.execute(select(func.count(OutboxNotice.id))).scalar_one() == 0
    with db.session() as s, pytest.raises(ValidationError, match="from 1 to 90"):
        webmail.send(s, office.doc, out(office, MessageSettings(notify_unread_days=91)))


def test_a_cancelled_message_is_a_draft_and_never_sent(db: Database, office: Office) -> None:
    mid = schedule(db, office, T0 + AN_HOUR)
    with db.session() as s, pytest.raises(PermissionDenied):
        scheduled.cancel(s, office.desk, mid)  # not theirs, no inbox: refused
    with db.session() as s:
        scheduled.cancel(s, office.doc, mid)
    with db.session() as s:
        msg = s.get(WebMailMessage, mid)
        assert msg is not None and msg.status == MessageStatus.UNSENT
        assert msg.subject == "Post-operative care" and len(msg.attachments) == 1
        assert audit_count(s, "webmail.schedule.cancel") == 1
        assert scheduled.run_due(s, T0 + 2 * AN_HOUR).released == 0
        assert notices(s, mid) == []
        drafts = mailbox.mailbox_page(
            s, office.doc, office.prov, mailbox.Mailbox.DRAFTS, mailbox.MailboxFilter()
        )
        assert drafts.ids == [mid]
    assert not portal_sees(db, office, mid)
    with db.session() as s, pytest.raises(NotFound):
        scheduled.cancel(s, office.doc, mid)  # not scheduled any more


def test_editing_reschedules_and_a_released_message_cannot_be_edited(
    db: Database, office: Office
) -> None:
    mid = schedule(db, office, T0 + AN_HOUR)
    later = T0 + 3 * AN_HOUR
    with db.session() as s:  # Send from the compose window with a new time
        webmail.send(
            s,
            office.doc,
            out(office, MessageSettings(deliver_at=later), draft_id=mid, body="New text."),
        )
    with db.session() as s:
        assert scheduled.run_due(s, T0 + AN_HOUR).released == 0
        assert scheduled.run_due(s, later).released == 1
        msg = s.get(WebMailMessage, mid)
        assert msg is not None and msg.body == "New text." and len(notices(s, mid)) == 1
    with db.session() as s, pytest.raises(NotFound):
        webmail.save_draft(s, office.doc, out(office, draft_id=mid))
    other = schedule(db, office, T0 + AN_HOUR)
    with db.session() as s:  # saving an edit keeps it as a draft: it is no longer scheduled
        webmail.save_draft(s, office.doc, out(office, draft_id=other, body="Edited."))
    with db.session() as s:
        msg = s.get(WebMailMessage, other)
        assert msg is not None and msg.status == MessageStatus.UNSENT and msg.sent_at is None
        assert scheduled.run_due(s, later).released == 0


def _in_threads(db: Database, work: object, workers: int = 2) -> list[object]:
    barrier = threading.Barrier(workers)
    results: list[object] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with db.session() as s:
                barrier.wait()
                results.append(work(s))  # type: ignore[operator]
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    return results


def test_two_workers_release_each_message_exactly_once(db: Database, office: Office) -> None:
    ids = [schedule(db, office, T0 + AN_HOUR) for _ in range(12)]
    results = _in_threads(db, lambda s: scheduled.run_due(s, T0 + AN_HOUR))
    assert sum(r.released for r in results) == 12  # type: ignore[attr-defined]
    with db.session() as s:
        for mid in ids:
            assert len(notices(s, mid)) == 1
        assert audit_count(s, "webmail.release") == 12


def test_unread_follow_up_flags_once_and_sends_one_second_notice(
    db: Database, office: Office
) -> None:
    settings = MessageSettings(notify_unread_days=3, second_notice=True)
    with db.session() as s:
        mid = webmail.send(s, office.doc, out(office, settings)).message_id
        quiet = webmail.send(
            s, office.doc, out(office, MessageSettings(notify_unread_days=3))
        ).message_id
        plain = webmail.send(s, office.doc, out(office)).message_id
    with db.session() as s:
        assert scheduled.run_due(s, T0 + timedelta(days=3) - AN_HOUR).followed_up == 0
        assert alerts.webmail_alert(s, office.prov).not_read == ()
    due = T0 + timedelta(days=3)
    results = _in_threads(db, lambda s: scheduled.run_due(s, due))
    assert sum(r.followed_up for r in results) == 2  # type: ignore[attr-defined]
    with db.session() as s:
        assert scheduled.run_due(s, due + timedelta(days=5)).followed_up == 0
        assert [n.kind for n in notices(s, mid)] == ["webmail", "webmail_unread"]
        assert [n.kind for n in notices(s, quiet)] == ["webmail"]
        assert [n.kind for n in notices(s, plain)] == ["webmail"]
        second = notices(s, mid)[1]
        assert second.subject == notices(s, mid)[0].subject  # the same PHI-free notice
        assert second.body_text == notices(s, mid)[0].body_text
        assert audit_count(s, "webmail.unread_followup") == 2
        alert = alerts.webmail_alert(s, office.prov)
        assert [r.id for r in alert.not_read] == [mid, quiet]
        assert alert.not_read[0].text == "Lee, Ann: not read after 3 days"
    with db.session() as s:  # the patient opens it: it leaves the alert
        portal_messages.open_message(s, office.portal, mid)
    with db.session() as s:
        assert [r.id for r in alerts.webmail_alert(s, office.prov).not_read] == [quiet]


def test_a_scheduled_message_counts_its_unread_days_from_delivery(
    db: Database, office: Office
) -> None:
    mid = schedule(db, office, T0 + AN_HOUR)
    with db.session() as s:
        msg = s.get(WebMailMessage, mid)
        assert msg is not None
        msg.notify_unread_days = 1
        s.commit()
        scheduled.run_due(s, T0 + AN_HOUR)
    with db.session() as s:
        assert scheduled.run_due(s, T0 + timedelta(days=1)).followed_up == 0
        assert scheduled.run_due(s, T0 + AN_HOUR + timedelta(days=1)).followed_up == 1


def test_replies_refused_when_the_practice_turned_them_off(db: Database, office: Office) -> None:
    with db.session() as s:
        mid = webmail.send(
            s, office.doc, out(office, MessageSettings(allow_reply=False))
        ).message_id
    with db.session() as s:
        thread = portal_messages.open_message(s, office.portal, mid)
        assert not portal_messages.accepts_replies(thread)
    with db.session() as s, pytest.raises(portal_messages.RepliesNotAccepted):
        portal_messages.reply(s, office.portal, mid, "Can I ask something?", "req-1")
    with db.session() as s:
        assert audit_count(s, "portal.message.reply.refused") == 1
        received = s.execute(
            select(func.count()).where(WebMailMessage.status == int(MessageStatus.WEBMAIL_RECEIVED))
        ).scalar_one()
        assert received == 0
        # a later message in the thread that accepts replies opens it again
        webmail.reply(s, office.doc, mid, "Write back if it still hurts.", "req-2")
    with db.session() as s:
        portal_messages.reply(s, office.portal, mid, "It still hurts.", "req-3")


def test_defaults_come_from_the_practice(db: Database, office: Office) -> None:
    with db.session() as s:
        d = message_settings.defaults(s)
        assert (d.allow_reply, d.notify_unread_days) == (True, None)
        assert d.next_opening == T0 + timedelta(minutes=1)  # open now
        prefs.set_many(s, {prefs.WEBMAIL_ALLOW_REPLY: False, prefs.WEBMAIL_NOTIFY_UNREAD_DAYS: 5})
        s.commit()
        d = message_settings.defaults(s)
        assert (d.allow_reply, d.notify_unread_days) == (False, 5)


def test_a_retried_schedule_returns_the_first_one(db: Database, office: Office) -> None:
    again = out(office, MessageSettings(deliver_at=T0 + AN_HOUR))
    with db.session() as s:
        first = webmail.send(s, office.doc, again)
    with db.session() as s:
        second = webmail.send(s, office.doc, again)
    assert second.duplicate and second.message_id == first.message_id
    assert second.scheduled_for == T0 + AN_HOUR and second.notice_id is None
