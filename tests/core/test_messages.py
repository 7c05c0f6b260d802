"""WebMail services end to end in the database: compose context, send, drafts, provider
password, idempotent retries, setup problems, reading, replies, hiding, and the portal side."""

import threading
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import AuditEntry, OutboxNotice, WebMailMessage
from opendesk.core.services import compose, mailbox, portal_messages, webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests import factories as f

SECRET_SUBJECT = "Biopsy result for tooth 14"
SECRET_BODY = "The lesion is benign. <b>No</b> further treatment."


@dataclass
class Practice:
    prov_a: int
    prov_b: int
    doc_a: StaffActor
    doc_b: StaffActor
    desk: StaffActor
    head: int
    child: int
    stranger: int
    head_portal: PortalActor
    stranger_portal: PortalActor


@pytest.fixture
def practice(db: Database) -> Practice:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Test Dental",
            },
        )
        a, b = f.provider(s, "A"), f.provider(s, "B")
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND, Permission.WEBMAIL_DELETE)
        desk_group = f.group(s, "Desk", Permission.PATIENT_EDIT)
        doc_a = f.user(s, "doca", prov=a, groups=[senders])
        doc_b = f.user(s, "docb", prov=b, groups=[senders])
        desk = f.user(s, "desk", groups=[desk_group])
        head = f.patient(s, a, last="Lee", first="Ann", email="ann@example.com")
        child = f.patient(s, a, last="Lee", first="Tim", guarantor=head, email="")
        stranger = f.patient(s, b, last="Roe", first="Sam")
        head_acct = f.portal_account(s, head)
        stranger_acct = f.portal_account(s, stranger)
        s.commit()
        return Practice(
            a.id,
            b.id,
            StaffActor(doc_a.id, "ws-a"),
            StaffActor(doc_b.id, "ws-b"),
            StaffActor(desk.id, "ws-desk"),
            head.id,
            child.id,
            stranger.id,
            PortalActor(head_acct.id, head.id, "127.0.0.1"),
            PortalActor(stranger_acct.id, stranger.id, "127.0.0.1"),
        )


def outgoing(p: Practice, **kw: object) -> Outgoing:
    values: dict[str, object] = {
        "regarding_patient_id": p.child,
        "provider_id": p.prov_a,
        "subject": SECRET_SUBJECT,
        "body": SECRET_BODY,
        "client_request_id": str(uuid.uuid4()),
    }
    values.update(kw)
    return Outgoing(**values)  # type: ignore[arg-type]


def box_ids(
    s: Session,
    actor: StaffActor,
    provider_id: int | None,
    box: mailbox.Mailbox,
    flt: mailbox.MailboxFilter | None = None,
) -> list[int]:
    """Every id of a mailbox, newest first, through the service the inbox pages with."""
    flt = flt or mailbox.MailboxFilter()
    return mailbox.mailbox_page(s, actor, provider_id, box, flt, limit=None).ids


def box_count(
    s: Session,
    actor: StaffActor,
    provider_id: int | None,
    box: mailbox.Mailbox,
    flt: mailbox.MailboxFilter | None = None,
) -> int:
    return len(box_ids(s, actor, provider_id, box, flt))


def count(s: Session, model: type) -> int:
    return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_compose_context_routes_a_child_to_the_guarantor(db: Database, practice: Practice) -> None:
    with db.session() as s:
        ctx = compose.compose_context(s, practice.child)
        assert ctx.recipient is not None and ctx.recipient.id == practice.head
        assert ctx.recipient_email == "ann@example.com"
        assert {r.id for r in ctx.regarding_options} == {practice.head, practice.child}
        assert ctx.default_provider_id == practice.prov_a
        assert compose.refusal_to_open(s, practice.child) is None
        assert compose.refusal_to_open(s, None) == "Select a patient first."


def test_send_commits_message_notice_and_audit(db: Database, practice: Practice) -> None:
    attachment = NewAttachment("plan.pdf", "application/pdf", b"%PDF-1.4 fake")
    out = outgoing(practice, attachments=(attachment,))
    with db.session() as s:
        result = webmail.send(s, practice.doc_a, out)
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, result.message_id)
        assert msg is not None
        assert msg.status == MessageStatus.WEBMAIL_SENT
        assert (msg.patient_id, msg.regarding_patient_id) == (practice.head, practice.child)
        assert msg.thread_id == msg.id and msg.has_attachments
        notice = s.get(OutboxNotice, result.notice_id)
        assert notice is not None and notice.to_address == "ann@example.com"
        # the practice's name as the From display name and in the default subject
        assert notice.from_address == "Test Dental <notices@practice.example>"
        assert notice.subject == "Secure message from Test Dental"
        assert "https://portal.practice.example" in notice.body_text
        assert '<a href="https://portal.practice.example">' in notice.body_html
        for part in (notice.subject, notice.body_text, notice.body_html):
            assert "Biopsy" not in part and "benign" not in part and "plan.pdf" not in part
        actions = s.execute(select(AuditEntry.action)).scalars().all()
        assert actions == ["webmail.send"]


def test_retry_with_the_same_request_id_makes_one_message(db: Database, practice: Practice) -> None:
    out = outgoing(practice)
    with db.session() as s:
        first = webmail.send(s, practice.doc_a, out)
    with db.session() as s:
        again = webmail.send(s, practice.doc_a, out)
    assert again.duplicate and again.message_id == first.message_id
    with db.readonly_session() as s:
        assert count(s, WebMailMessage) == 1 and count(s, OutboxNotice) == 1


def test_connection_lost_before_commit_leaves_nothing_then_retry_sends_once(
    db: Database, practice: Practice
) -> None:
    out = outgoing(practice, attachments=(NewAttachment("x.txt", "text/plain", b"hello"),))
    with db.session() as s:
        event.listen(s, "before_commit", lambda sess: sess.connection().invalidate())
        with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises
            webmail.send(s, practice.doc_a, out)
    with db.readonly_session() as s:
        assert count(s, WebMailMessage) == 0 and count(s, OutboxNotice) == 0
    with db.session() as s:
        webmail.send(s, practice.doc_a, out)
    with db.session() as s:
        webmail.send(s, practice.doc_a, out)
    with db.readonly_session() as s:
        assert count(s, WebMailMessage) == 1 and count(s, OutboxNotice) == 1


def test_front_desk_drafts_and_a_provider_sends_the_draft(db: Database, practice: Practice) -> None:
    with db.session() as s, pytest.raises(PermissionDenied):
        webmail.send(s, practice.desk, outgoing(practice))
    with db.session() as s:
        draft_id = webmail.save_draft(s, practice.desk, outgoing(practice))
    with db.session() as s:
        ids = box_ids(s, practice.doc_a, practice.prov_a, mailbox.Mailbox.DRAFTS)
        assert ids == [draft_id]
        result = webmail.send(s, practice.doc_a, outgoing(practice, draft_id=draft_id))
    assert result.message_id == draft_id
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, draft_id)
        assert msg is not None and msg.status == MessageStatus.WEBMAIL_SENT
        assert msg.author_user_id == practice.desk.user_id
        assert msg.sender_user_id == practice.doc_a.user_id
        denied = s.execute(
            select(AuditEntry).where(AuditEntry.action == "permission.denied")
        ).scalar_one()
        assert denied.user_id == practice.desk.user_id


def test_sending_as_another_provider_needs_its_password(db: Database, practice: Practice) -> None:
    out = outgoing(practice)
    with db.session() as s, pytest.raises(webmail.ProviderPasswordRequired):
        webmail.send(s, practice.doc_b, out)
    with db.session() as s, pytest.raises(webmail.WrongProviderPassword):
        webmail.send(s, practice.doc_b, out, provider_password="wrong")
    with db.session() as s:
        result = webmail.send(s, practice.doc_b, out, provider_password=f.PASSWORD)
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, result.message_id)
        assert msg is not None and msg.provider_id == practice.prov_a
        failed = s.execute(
            select(AuditEntry).where(AuditEntry.action == "webmail.provider_password")
        ).scalar_one()
        assert failed.outcome == "failed" and failed.user_id == practice.doc_b.user_id


@pytest.mark.parametrize(
    "change, expected",
    [
        ("no_email", "no e-mail address"),
        ("no_portal", "has portal access"),
        ("empty_subject", "notification subject is empty"),
        ("no_url_tag", "must contain [URL]"),
        ("http_portal", "must start with https://"),
        ("no_from", "From address"),
    ],
)
def test_setup_problems_block_send(
    db: Database, practice: Practice, change: str, expected: str
) -> None:
    with db.session() as s:
        from opendesk.core.models import Patient, PortalAccount

        if change == "no_email":
            head = s.get(Patient, practice.head)
            assert head is not None
            head.email = ""
        elif change == "no_portal":
            acct = s.get(PortalAccount, practice.head_portal.account_id)
            assert acct is not None
            acct.is_active = False
        else:
            pref, value = {
                "empty_subject": (prefs.NOTIFY_SUBJECT, " "),
                "no_url_tag": (prefs.NOTIFY_BODY, "Log in to our portal."),
                "http_portal": (prefs.PORTAL_URL, "http://portal.practice.example"),
                "no_from": (prefs.NOTIFY_FROM, ""),
            }[change]
            prefs.set_many(s, {pref: value})
        s.commit()
        problems = compose.send_problems(s, practice.child, practice.prov_a)
        assert any(expected in p for p in problems), problems
        with pytest.raises(ValidationError):
            webmail.send(s, practice.doc_a, outgoing(practice))
    with db.readonly_session() as s:
        assert count(s, WebMailMessage) == 0


def test_regarding_outside_the_recipients_scope(db: Database, practice: Practice) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.PORTAL_FAMILY_SCOPE: False})
        s.commit()
        problems = compose.send_problems(s, practice.child, practice.prov_a)
        assert any("has portal access" in p for p in problems)


def test_patient_reply_read_unread_and_provider_reply(db: Database, practice: Practice) -> None:
    with db.session() as s:
        sent = webmail.send(s, practice.doc_a, outgoing(practice))
    with db.session() as s:
        page = portal_messages.inbox(s, practice.head_portal)
        rows, total = page.rows, page.total
        assert page.unread == 1
        assert total == 1 and rows[0].unread and rows[0].subject == SECRET_SUBJECT
        thread = portal_messages.open_message(s, practice.head_portal, sent.message_id)
        assert thread[0].status == MessageStatus.WEBMAIL_SENT_READ and thread[0].read_at
        reply_id = portal_messages.reply(
            s, practice.head_portal, sent.message_id, "Thanks! When is my next visit?", "r1"
        )
        assert portal_messages.reply(s, practice.head_portal, sent.message_id, "dup", "r1") == (
            reply_id
        )
    with db.session() as s:
        inbox = box_ids(s, practice.doc_a, practice.prov_a, mailbox.Mailbox.INBOX)
        assert inbox == [reply_id]
        row = mailbox.message_rows(s, inbox)[0]
        assert row.unread and row.subject == f"RE: {SECRET_SUBJECT}"
        flt = mailbox.MailboxFilter(unread_only=True)
        assert box_count(s, practice.doc_a, practice.prov_a, mailbox.Mailbox.INBOX, flt) == 1
        view = webmail.open_message(s, practice.doc_a, reply_id)
        assert view.status == MessageStatus.WEBMAIL_RECD_READ and view.read_at is not None
        assert box_count(s, practice.doc_a, practice.prov_a, mailbox.Mailbox.INBOX, flt) == 0
        webmail.mark_unread(s, practice.doc_a, reply_id)
        assert box_count(s, practice.doc_a, practice.prov_a, mailbox.Mailbox.INBOX, flt) == 1
        chart_view = webmail.open_message(s, practice.doc_a, reply_id, from_chart=True)
        assert chart_view.status == MessageStatus.WEBMAIL_RECEIVED
        answer = webmail.reply(s, practice.doc_a, reply_id, "Next Tuesday.", "a1")
        thread_views = webmail.thread_of(s, practice.doc_a, answer.message_id)
        assert [v.id for v in thread_views] == [sent.message_id, reply_id, answer.message_id]
        assert thread_views[-1].subject == f"RE: {SECRET_SUBJECT}"
        chart = mailbox.chart_ids(s, practice.doc_a, practice.child)
        assert chart == [answer.message_id, reply_id, sent.message_id]
    with db.session() as s, pytest.raises(PermissionDenied):
        box_ids(s, practice.doc_b, practice.prov_a, mailbox.Mailbox.INBOX)


def test_two_workstations_reading_at_once_leave_one_read_time(
    db: Database, practice: Practice
) -> None:
    with db.session() as s:
        msg_id = portal_messages.compose(
            s, practice.head_portal, practice.head, "Question", "Is this normal?", "c1"
        )
    results: list[object] = []

    def read() -> None:
        with db.session() as s:
            results.append(webmail.open_message(s, practice.doc_a, msg_id).read_at)

    threads = [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1]


def test_portal_scope_and_hidden_messages(db: Database, practice: Practice) -> None:
    with db.session() as s:
        sent = webmail.send(
            s,
            practice.doc_a,
            outgoing(practice, attachments=(NewAttachment("a.txt", "text/plain", b"abc"),)),
        )
    with db.session() as s:
        with pytest.raises(NotFound):
            portal_messages.open_message(s, practice.stranger_portal, sent.message_id)
        view = portal_messages.open_message(s, practice.head_portal, sent.message_id)[0]
        att_id = view.attachments[0].id
        with pytest.raises(NotFound):
            portal_messages.attachment(s, practice.stranger_portal, att_id)
        info, data = portal_messages.attachment(s, practice.head_portal, att_id)
        assert (info.name, data) == ("a.txt", b"abc")
        with pytest.raises(NotFound):
            portal_messages.compose(
                s, practice.stranger_portal, practice.child, "Hi", "Hello", "x1"
            )
        webmail.set_hidden(s, practice.doc_a, sent.message_id, True)
        assert portal_messages.inbox(s, practice.head_portal).total == 0
        with pytest.raises(PermissionDenied):
            webmail.set_hidden(s, practice.desk, sent.message_id, False)
        webmail.set_hidden(s, practice.doc_a, sent.message_id, False)
        assert portal_messages.inbox(s, practice.head_portal).total == 1
    with db.readonly_session() as s:
        denied = s.execute(select(func.count()).where(AuditEntry.outcome == "denied")).scalar_one()
        assert denied == 4
