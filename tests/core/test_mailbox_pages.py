"""The inbox's listings on every database: date order keyset-paged across the statuses of a
mailbox (the same order as the plain sorted query), filters, All WebMail, Drafts by their
author and by last edit, a provider's notifications, and a preview that does not mark read."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus, OutboxStatus, Permission
from opendesk.core.errors import PermissionDenied
from opendesk.core.models import AuditEntry, OutboxNotice, WebMailMessage
from opendesk.core.services import mailbox, webmail
from opendesk.core.services.mailbox import Mailbox, MailboxFilter, SortKey
from tests import factories as f

S = MessageStatus
T0 = datetime(2026, 3, 1, 9, 0)


@dataclass
class Box:
    prov_a: int
    prov_b: int
    doc_a: StaffActor
    doc_b: StaffActor
    desk: StaffActor
    patient_ids: tuple[int, int]
    ids: dict[str, int]


def _msg(s, prov, pat, status, when, subject, body="Body", hidden=False, author=None):  # type: ignore[no-untyped-def]
    m = WebMailMessage(
        status=int(status),
        patient_id=pat.id,
        regarding_patient_id=pat.id,
        provider_id=prov.id,
        subject=subject,
        body=body,
        sent_at=None if status == S.UNSENT else when,
        updated_at=when if status == S.UNSENT else None,
        is_hidden=hidden,
        author_user_id=author,
    )
    s.add(m)
    s.flush()
    return m.id


@pytest.fixture
def box(db: Database) -> Box:
    with db.session() as s:
        a, b = f.provider(s, "A"), f.provider(s, "B")
        grp = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        doc_a = f.user(s, "doca", prov=a, groups=[grp])
        doc_b = f.user(s, "docb", prov=b, groups=[grp])
        desk = f.user(s, "desk", groups=[f.group(s, "Desk")])
        lee = f.patient(s, a, last="Lee", first="Ann")
        roe = f.patient(s, a, last="Roe", first="Sam")
        ids: dict[str, int] = {}
        statuses = [S.WEBMAIL_RECEIVED, S.WEBMAIL_RECD_READ, S.WEBMAIL_SENT, S.WEBMAIL_SENT_READ]
        for i in range(12):
            when = T0 + timedelta(hours=i // 2)  # pairs share a time: the id breaks the tie
            pat = lee if i % 3 else roe
            ids[f"m{i}"] = _msg(s, a, pat, statuses[i % 4], when, f"Subject {i:02d}")
        ids["hidden"] = _msg(s, a, lee, S.WEBMAIL_RECEIVED, T0, "Hidden one", hidden=True)
        ids["other"] = _msg(s, b, lee, S.WEBMAIL_RECEIVED, T0, "Provider B")
        ids["tooth"] = _msg(s, a, lee, S.WEBMAIL_RECEIVED, T0 - timedelta(days=3), "Q", "A Tooth")
        ids["draft_old"] = _msg(s, a, lee, S.UNSENT, T0, "Old draft", author=doc_a.id)
        ids["draft_new"] = _msg(s, a, lee, S.UNSENT, T0 + timedelta(days=1), "New", author=desk.id)
        ids["desk_b"] = _msg(s, b, roe, S.UNSENT, T0 + timedelta(days=2), "Desk B", author=desk.id)
        s.commit()
        return Box(
            a.id,
            b.id,
            StaffActor(doc_a.id, "ws"),
            StaffActor(doc_b.id, "ws"),
            StaffActor(desk.id, "ws"),
            (lee.id, roe.id),
            ids,
        )


def _all_pages(db: Database, box: Box, mbox: Mailbox, flt: MailboxFilter, desc: bool) -> list[int]:
    out: list[int] = []
    cursor = None
    with db.readonly_session() as s:
        while True:
            page = mailbox.mailbox_page(
                s, box.doc_a, box.prov_a, mbox, flt, descending=desc, after=cursor, limit=2
            )
            out.extend(page.ids)
            if page.cursor is None:
                return out
            cursor = page.cursor


def sorted_query_ids(
    s: Session,
    actor: StaffActor,
    provider_id: int,
    mbox: Mailbox,
    flt: MailboxFilter,
    descending: bool,
    limit: int,
) -> list[int]:
    """The oracle for the keyset pages: the mailbox's whole query sorted and cut by LIMIT."""
    query = mailbox._sorted(
        mailbox._box_query(actor, provider_id, mbox, flt), mbox, SortKey.DATE, descending
    )
    return list(s.execute(query.limit(limit)).scalars())


def box_ids(s: Session, actor: StaffActor, provider_id: int | None, mbox: Mailbox) -> list[int]:
    return mailbox.mailbox_page(s, actor, provider_id, mbox, MailboxFilter(), limit=None).ids


@pytest.mark.parametrize("mbox", [Mailbox.INBOX, Mailbox.SENT, Mailbox.ALL])
@pytest.mark.parametrize("desc", [True, False])
def test_keyset_pages_match_the_sorted_query(
    db: Database, box: Box, mbox: Mailbox, desc: bool
) -> None:
    for flt in (MailboxFilter(), MailboxFilter(unread_only=True), MailboxFilter(text="subject 0")):
        with db.readonly_session() as s:
            expected = sorted_query_ids(
                s, box.doc_a, box.prov_a, mbox, flt, descending=desc, limit=1000
            )
            rest = mailbox.mailbox_page(
                s, box.doc_a, box.prov_a, mbox, flt, descending=desc, limit=None
            )
        assert expected and _all_pages(db, box, mbox, flt, desc) == expected == rest.ids
        assert rest.cursor is None


def test_mailbox_contents_and_filters(db: Database, box: Box) -> None:
    ids = box.ids
    with db.readonly_session() as s:

        def page(mbox: Mailbox, flt: MailboxFilter | None = None) -> list[int]:
            return mailbox.mailbox_page(s, box.doc_a, box.prov_a, mbox, flt or MailboxFilter()).ids

        inbox = page(Mailbox.INBOX)
        assert ids["other"] not in inbox and ids["hidden"] not in inbox
        assert inbox[0] == ids["m9"] and inbox[-1] == ids["tooth"]
        assert len(page(Mailbox.ALL)) == 13
        assert page(Mailbox.INBOX, MailboxFilter(hidden=True)) == [ids["hidden"]]
        assert page(Mailbox.INBOX, MailboxFilter(text="tooth")) == [ids["tooth"]]  # body
        assert set(page(Mailbox.ALL, MailboxFilter(text="roe"))) == {
            ids[f"m{i}"] for i in range(0, 12, 3)
        }
        start = T0 - timedelta(days=4)
        assert page(Mailbox.INBOX, MailboxFilter(start=start, end=T0)) == [ids["tooth"]]
        assert page(Mailbox.INBOX, MailboxFilter(date_to=(T0 - timedelta(days=1)).date())) == [
            ids["tooth"]
        ]
        by_subject = mailbox.mailbox_page(
            s, box.doc_a, box.prov_a, Mailbox.SENT, sort=SortKey.SUBJECT, descending=False
        ).ids
        assert by_subject == [ids[f"m{i}"] for i in (2, 3, 6, 7, 10, 11)]
        by_patient = mailbox.mailbox_page(
            s, box.doc_a, box.prov_a, Mailbox.ALL, sort=SortKey.CORRESPONDENT, descending=False
        ).ids
        assert by_patient[-4:] == [ids[f"m{i}"] for i in range(0, 12, 3)]  # Roe after Lee
        assert len(box_ids(s, box.doc_a, box.prov_a, Mailbox.INBOX)) == 7
    with db.session() as s, pytest.raises(PermissionDenied):
        mailbox.mailbox_page(s, box.doc_b, box.prov_a, Mailbox.INBOX)


def test_drafts_by_provider_by_author_newest_edit_first(db: Database, box: Box) -> None:
    ids = box.ids
    with db.readonly_session() as s:
        provider_drafts = mailbox.mailbox_page(s, box.doc_a, box.prov_a, Mailbox.DRAFTS).ids
        assert provider_drafts == [ids["draft_new"], ids["draft_old"]]
        own = mailbox.mailbox_page(s, box.desk, None, Mailbox.DRAFTS).ids
        assert own == [ids["desk_b"], ids["draft_new"]]
        rows = mailbox.message_rows(s, own)
        assert rows[0].is_draft and rows[0].when == T0 + timedelta(days=2)
        assert len(box_ids(s, box.desk, None, Mailbox.DRAFTS)) == 2


def test_preview_does_not_mark_read_and_is_audited(db: Database, box: Box) -> None:
    unread = box.ids["m0"]
    with db.session() as s:
        view = webmail.preview_message(s, box.doc_a, unread)
        assert view.status == S.WEBMAIL_RECEIVED and view.read_at is None
        draft = webmail.preview_message(s, box.desk, box.ids["desk_b"])
        assert draft.subject == "Desk B"
    with db.session() as s, pytest.raises(PermissionDenied):
        webmail.preview_message(s, box.doc_b, unread)
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, unread)
        assert msg is not None and msg.status == S.WEBMAIL_RECEIVED
        actions = list(s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())
        assert actions == ["webmail.preview", "webmail.preview", "permission.denied"]


def test_notifications_of_a_provider(db: Database, box: Box) -> None:
    with db.session() as s:
        notices = []
        for key, status in (("m2", OutboxStatus.SENT), ("m3", OutboxStatus.FAILED)):
            n = OutboxNotice(
                message_id=box.ids[key],
                to_address="x@example.com",
                from_address="n@example.com",
                subject="You have a message",
                body_text="t",
                body_html="h",
                status=status.value,
            )
            s.add(n)
            s.flush()
            notices.append(n.id)
        s.commit()
    with db.readonly_session() as s:
        assert mailbox.notification_ids(s, box.doc_a, box.prov_a) == notices[::-1]
        assert mailbox.notification_ids(s, box.doc_a, box.prov_a, failed_only=True) == [notices[1]]
    with db.session() as s:
        assert mailbox.notification_ids(s, box.doc_b, box.prov_b) == []
        with pytest.raises(PermissionDenied):
            mailbox.notification_ids(s, box.doc_b, box.prov_a)


def test_inbox_providers_own_then_delegated(db: Database, box: Box) -> None:
    with db.session() as s:
        from opendesk.core.models import User

        desk = s.get(User, box.desk.user_id)
        assert desk is not None
        desk.groups.append(f.group(s, "Triage B", (Permission.INBOX_DELEGATE, box.prov_b)))
        s.commit()
        assert [r.id for r in mailbox.inbox_providers(s, box.doc_a)] == [box.prov_a]
        assert [r.id for r in mailbox.inbox_providers(s, box.desk)] == [box.prov_b]
        mailbox.mailbox_page(s, box.desk, box.prov_b, Mailbox.INBOX)
        with pytest.raises(PermissionDenied):
            mailbox.mailbox_page(s, box.desk, box.prov_a, Mailbox.INBOX)
