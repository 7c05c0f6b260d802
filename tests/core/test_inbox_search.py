"""The inbox's text search on every database (issue 25): words and prefixes through the
full-text index, the substring check for what the index cannot match, names of the Regarding
patient, and the index kept in step by the transactions that send, save, edit and delete."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import delete, inspect, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from opendesk.core import fulltext, migrate
from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.models import WebMailMessage
from opendesk.core.services import mailbox, webmail
from opendesk.core.services.mailbox import Mailbox, MailboxFilter
from opendesk.core.services.webmail import Outgoing
from tests import factories as f

T0 = datetime(2026, 3, 1, 9, 0)
TEXTS = {
    "tooth19": ("Sensitivity", "My tooth #19 hurts when I drink cold water."),
    "tooth1": ("Question", "Is tooth #1 the wisdom tooth?"),
    "amox": ("Medication question", "Can I take amoxicillin with my blood pressure pills?"),
    "xray": ("Your X-ray results", "The radiographs show early decay."),
    "resched": ("Can I reschedule?", "Could we move my appointment to Thursday?"),
    "apostrophe": ("Today's visit", "Thank you for coming in."),
}


@dataclass
class Inbox:
    prov: int
    doc: StaffActor
    desk: StaffActor
    patient: int
    ids: dict[str, int]


@pytest.fixture
def inbox(db: Database) -> Inbox:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Test Dental",
            },
        )
        a = f.provider(s, "A")
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        doc = f.user(s, "doca", prov=a, groups=[senders])
        desk = f.user(s, "desk", groups=[f.group(s, "Desk")])
        lee = f.patient(s, a, last="Lee", first="Ann")
        ortiz = f.patient(s, a, last="Ortiz", first="Maya")
        f.portal_account(s, lee)
        ids: dict[str, int] = {}
        for n, (key, (subject, body)) in enumerate(TEXTS.items()):
            m = WebMailMessage(
                status=int(MessageStatus.WEBMAIL_RECEIVED),
                patient_id=lee.id,
                regarding_patient_id=ortiz.id if key == "resched" else lee.id,
                provider_id=a.id,
                subject=subject,
                body=body,
                sent_at=T0 + timedelta(minutes=n),
            )
            s.add(m)
            s.flush()
            ids[key] = m.id
        s.commit()
        return Inbox(a.id, StaffActor(doc.id, "ws"), StaffActor(desk.id, "ws"), lee.id, ids)


def found(db: Database, box: Inbox, text: str, mbox: Mailbox = Mailbox.INBOX) -> set[int]:
    with db.readonly_session() as s:
        provider = None if mbox == Mailbox.DRAFTS else box.prov
        actor = box.desk if mbox == Mailbox.DRAFTS else box.doc
        page = mailbox.mailbox_page(s, actor, provider, mbox, MailboxFilter(text=text), limit=None)
        return set(page.ids)


def names(box: Inbox, *keys: str) -> set[int]:
    return {box.ids[k] for k in keys}


def test_parse_words_prefixes_and_what_the_index_cannot_match() -> None:
    assert fulltext.parse("amoxicillin") == fulltext.SearchText(("amoxicillin",), None)
    assert fulltext.parse(" Tooth  sens") == fulltext.SearchText(("tooth", "sens"), None)
    assert fulltext.parse("tooth sens") == fulltext.SearchText(("tooth", "sens"), None)
    tooth19 = fulltext.SearchText(("tooth",), "tooth #19", ("19",), ("19",))
    assert fulltext.parse("tooth #19") == tooth19
    assert fulltext.parse("tooth 19") == fulltext.SearchText(
        ("tooth",), "tooth 19", ("19",), ("19",)
    )
    # PostgreSQL reads "x-19" as "x" and "-19": "19" narrows on SQLite only
    x19 = fulltext.SearchText(("tooth",), "tooth x-19", ("19",), ())
    assert fulltext.parse("tooth x-19") == x19
    assert fulltext.parse("19 tooth") == fulltext.SearchText(("tooth",), "19 tooth")  # "2019 tooth"
    assert fulltext.parse("tooth_19") == fulltext.SearchText(("tooth",), "tooth_19")  # LIKE drops _
    assert fulltext.parse("the filling") == fulltext.SearchText(("filling",), "the filling")
    assert fulltext.parse("X-ray") == fulltext.SearchText(("ray",), "X-ray")
    assert fulltext.parse("#19") == fulltext.SearchText((), "#19")


def test_words_and_prefixes_as_people_type(db: Database, inbox: Inbox) -> None:
    assert found(db, inbox, "amoxicillin") == names(inbox, "amox")
    assert found(db, inbox, "amox") == names(inbox, "amox")  # a prefix, typed so far
    assert found(db, inbox, "AMOXI") == names(inbox, "amox")
    assert found(db, inbox, "pills blood") == names(inbox, "amox")  # any order
    assert found(db, inbox, "decay radio") == names(inbox, "xray")
    assert found(db, inbox, "resched") == names(inbox, "resched")  # the subject
    assert found(db, inbox, "reschedule zzz") == set()
    assert found(db, inbox, "tooth") == names(inbox, "tooth19", "tooth1")


def test_substring_for_what_the_index_cannot_match(db: Database, inbox: Inbox) -> None:
    assert found(db, inbox, "tooth #19") == names(inbox, "tooth19")
    assert found(db, inbox, "tooth #1") == names(inbox, "tooth19", "tooth1")  # as before
    assert found(db, inbox, "tooth #19 hu") == names(inbox, "tooth19")  # "hu" a prefix too
    assert found(db, inbox, "ooth #19") == set()  # a word's start, as for "ooth"
    assert found(db, inbox, "y tooth #19") == names(inbox, "tooth19")  # "y" may end a word
    assert found(db, inbox, "tooth #19 hurts wh") == names(inbox, "tooth19")
    assert found(db, inbox, "#19 hu") == names(inbox, "tooth19")  # no word: substring
    assert found(db, inbox, "#1") == names(inbox, "tooth19", "tooth1")  # no word: substring
    assert found(db, inbox, "x-ray") == names(inbox, "xray")
    assert found(db, inbox, "today's") == names(inbox, "apostrophe")
    assert found(db, inbox, "with my") == names(inbox, "amox")  # stop words only
    assert found(db, inbox, "in the") == set()


def test_names_of_the_regarding_patient(db: Database, inbox: Inbox) -> None:
    assert found(db, inbox, "ortiz") == names(inbox, "resched")
    assert found(db, inbox, "ort") == names(inbox, "resched")  # from the start of a name
    assert found(db, inbox, "rtiz") == set()
    assert found(db, inbox, "maya") == names(inbox, "resched")


def _outgoing(box: Inbox, subject: str, body: str, **kw: object) -> Outgoing:
    values: dict[str, object] = {
        "regarding_patient_id": box.patient,
        "provider_id": box.prov,
        "subject": subject,
        "body": body,
        "client_request_id": str(uuid.uuid4()),
    }
    values.update(kw)
    return Outgoing(**values)  # type: ignore[arg-type]


def test_index_in_step_with_drafts_edits_sends_and_deletes(db: Database, inbox: Inbox) -> None:
    with db.session() as s:
        draft = webmail.save_draft(s, inbox.desk, _outgoing(inbox, "Crown", "Porcelain crown"))
    assert found(db, inbox, "porcel", Mailbox.DRAFTS) == {draft}
    with db.session() as s:
        edit = _outgoing(inbox, "Crown", "Zirconia crown", draft_id=draft)
        assert webmail.save_draft(s, inbox.desk, edit) == draft
    assert found(db, inbox, "porcel", Mailbox.DRAFTS) == set()
    assert found(db, inbox, "zircon", Mailbox.DRAFTS) == {draft}
    with db.session() as s:
        sent = webmail.send(
            s, inbox.doc, _outgoing(inbox, "Crown", "Zirconia crown", draft_id=draft)
        )
    assert sent.message_id == draft
    assert found(db, inbox, "zircon", Mailbox.SENT) == {draft}
    with db.session() as s:
        other = webmail.save_draft(s, inbox.desk, _outgoing(inbox, "Bridge", "Maryland bridge"))
    assert found(db, inbox, "maryland", Mailbox.DRAFTS) == {other}
    with db.session() as s:
        webmail.delete_draft(s, inbox.desk, other)
    assert found(db, inbox, "maryland", Mailbox.DRAFTS) == set()
    with db.session() as s:  # a row deleted by hand (no service) leaves no trace in the index
        s.execute(delete(WebMailMessage).where(WebMailMessage.id == inbox.ids["amox"]))
        s.commit()
    assert found(db, inbox, "amoxicillin") == set()
    assert found(db, inbox, "tooth") == names(inbox, "tooth19", "tooth1")


def test_a_rolled_back_send_leaves_the_index_as_it_was(db: Database, inbox: Inbox) -> None:
    with db.session() as s:
        msg = WebMailMessage(
            status=int(MessageStatus.UNSENT),
            patient_id=inbox.patient,
            regarding_patient_id=inbox.patient,
            provider_id=inbox.prov,
            subject="Veneer",
            body="Composite veneer",
            author_user_id=inbox.desk.user_id,
        )
        s.add(msg)
        s.flush()
        s.rollback()
    assert found(db, inbox, "composite", Mailbox.DRAFTS) == set()


def test_migration_indexes_the_messages_of_an_existing_database(empty_db_url: str | URL) -> None:
    """0014_inbox_search on a practice that already holds messages: they are found by the new
    index right after the upgrade, new ones too, and the covering index has the list columns;
    the downgrade takes it all away again."""
    database = Database(empty_db_url)
    scripts = ScriptDirectory.from_config(migrate._config(database.engine))
    before = scripts.get_revision("0014_inbox_search").down_revision  # re-chained at merges
    assert isinstance(before, str)
    try:
        migrate.upgrade(database.engine, before)
        with database.session() as s:  # these tables are as in the models before 0014
            a = f.provider(s, "A")
            lee = f.patient(s, a, last="Lee", first="Ann")
            old = _message(s, a.id, lee.id, "Old one", "Amoxicillin before the upgrade")
            s.commit()
        migrate.upgrade(database.engine, "0014_inbox_search")
        box = inspect(database.engine).get_indexes("webmail_message")
        columns = next(ix["column_names"] for ix in box if ix["name"] == "ix_webmail_provider_box")
        assert columns[-5:] == [
            "read_at",
            "has_attachments",
            "patient_id",
            "regarding_patient_id",
            "subject",
        ]
        with database.session() as s:
            new = _message(s, a.id, lee.id, "New one", "Amoxicillin after the upgrade")
            s.commit()
        with database.readonly_session() as s:
            match = fulltext.condition(fulltext.parse("amoxi"))
            query = select(WebMailMessage.id).where(match).order_by(WebMailMessage.id)
            assert list(s.execute(query).scalars()) == [old, new]
        migrate.downgrade(database.engine, before)
        box = inspect(database.engine).get_indexes("webmail_message")
        columns = next(ix["column_names"] for ix in box if ix["name"] == "ix_webmail_provider_box")
        assert columns == ["provider_id", "status", "is_hidden", "sent_at", "id"]
        assert not set(inspect(database.engine).get_table_names()) & fulltext.NAMES
        migrate.upgrade(database.engine, "0014_inbox_search")
    finally:
        database.dispose()


def _message(s: Session, provider_id: int, patient_id: int, subject: str, body: str) -> int:
    m = WebMailMessage(
        status=int(MessageStatus.WEBMAIL_RECEIVED),
        patient_id=patient_id,
        regarding_patient_id=patient_id,
        provider_id=provider_id,
        subject=subject,
        body=body,
        sent_at=T0,
    )
    s.add(m)
    s.flush()
    return m.id
