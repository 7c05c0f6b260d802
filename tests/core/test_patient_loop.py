"""The closed loop as the patient sees it, in the database: the expected-reply line, the
emergency instructions, the after-hours reply (once per thread per 12 hours, audited, no first
reply, closes nothing), the escalation sweep of the outbox worker's loop (errors do not stop
it) and SQLite's statistics refresh."""

import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text

from opendesk.core import clock, timefmt
from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor
from opendesk.core.db import Database, refresh_statistics
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.errors import ValidationError
from opendesk.core.models import AuditEntry, OutboxNotice, WebMailMessage
from opendesk.core.preference_rules import PreferencesInvalid
from opendesk.core.services import (
    closed_loop,
    patient_loop,
    portal_messages,
    practice_setup,
    reasons_setup,
    webmail,
)
from opendesk.core.services.reasons_setup import ReasonInput
from opendesk.core.services.response_report import response_report
from opendesk.mail.outbox import OutboxWorker
from opendesk.mail.upkeep import Upkeep
from tests import factories as f

# New York: Monday 2026-11-30 10:00 = 15:00 UTC; the practice opens Mon-Fri 08:00-17:00.
MONDAY_10 = datetime(2026, 11, 30, 15, 0)
MONDAY_19 = datetime(2026, 12, 1, 0, 0)  # Monday 19:00 in New York: closed
SATURDAY_11 = datetime(2026, 12, 5, 16, 0)


@dataclass
class Practice:
    admin: StaffActor
    doc: StaffActor
    portal: PortalActor
    patient_id: int
    billing: int  # a reason, 8 business hours
    question: int  # a reason, 4 business hours


@pytest.fixture
def p(db: Database) -> Practice:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.PRACTICE_TIME_ZONE: "America/New_York",
                prefs.PRACTICE_PHONE: "555-0100",
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Test Dental",
                prefs.AFTER_HOURS_REPLY: prefs.AFTER_HOURS_REPLY.default,  # tests/conftest: off
            },
        )
        prov = f.provider(s, "A")
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        admins = f.group(s, "Admins", Permission.SETUP)
        doc = f.user(s, "doca", prov=prov, groups=[senders], notice_email="doca@practice.ex")
        admin = f.user(s, "admin", groups=[admins])
        head = f.patient(s, prov, last="Lee", first="Ann")
        acct = f.portal_account(s, head)
        reasons_setup.ensure_default_reasons(s)
        s.commit()
        ids = (doc.id, admin.id, head.id, acct.id)
    admin_actor = StaffActor(ids[1], "ws-admin")
    with db.session() as s:
        by_name = {r.name: r.id for r in reasons_setup.list_reasons(s)}
        reasons_setup.save_reason(
            s,
            admin_actor,
            ReasonInput("Question for my provider", target_hours=4, sort_order=30),
            by_name["Question for my provider"],
        )
    return Practice(
        admin_actor,
        StaffActor(ids[0], "ws-a"),
        PortalActor(ids[3], ids[2]),
        ids[2],
        by_name["Billing"],
        by_name["Question for my provider"],
    )


def send(db: Database, p: Practice, reason: int, body: str = "Please call me.") -> int:
    with db.session() as s:
        return portal_messages.compose(
            s, p.portal, p.patient_id, "My crown", body, uuid.uuid4().hex, reason_id=reason
        )


def answer(db: Database, p: Practice, message_id: int) -> int:
    with db.session() as s:
        return portal_messages.reply(
            s, p.portal, message_id, "And one more thing.", uuid.uuid4().hex
        )


def thread(db: Database, message_id: int) -> list[WebMailMessage]:
    with db.session() as s:
        root = s.get(WebMailMessage, message_id)
        assert root is not None
        return list(
            s.execute(
                select(WebMailMessage)
                .where(WebMailMessage.thread_id == root.thread_id)
                .order_by(WebMailMessage.id)
            ).scalars()
        )


# -- words --------------------------------------------------------------------------------------


def test_targets_are_said_in_business_days_or_hours() -> None:
    assert patient_loop.target_words(8) == "1 business day"
    assert patient_loop.target_words(24) == "3 business days"
    assert patient_loop.target_words(4) == "4 business hours"
    assert patient_loop.target_words(1) == "1 business hour"
    assert patient_loop.target_words(12) == "12 business hours"


def test_the_expected_reply_line_comes_from_the_due_time_in_the_practice_zone(
    db: Database, p: Practice
) -> None:
    with clock.frozen(MONDAY_10):
        billing = send(db, p, p.billing)  # 8 business hours: 7 today, 1 Tuesday: 09:00
        question = send(db, p, p.question)  # 4 business hours: today 14:00
    with db.session() as s:
        line = patient_loop.expectation(s, [billing], now=MONDAY_10)
        assert line == (
            "The office usually answers within 1 business day — expect a reply by Tue 9:00 AM."
        )
        line = patient_loop.expectation(s, [question], now=MONDAY_10)
        assert line == (
            "The office usually answers within 4 business hours — expect a reply by 2:00 PM today."
        )
        # Past its due time: no promise, the phone instead.
        late = patient_loop.expectation(s, [billing], now=MONDAY_10 + timedelta(days=2))
        assert late is not None and "taking longer" in late and "555-0100" in late


def test_an_answered_message_has_no_expected_reply_line(db: Database, p: Practice) -> None:
    with clock.frozen(MONDAY_10):
        mid = send(db, p, p.billing)
    with db.session() as s:
        webmail.reply(s, p.doc, mid, "We will call you.", uuid.uuid4().hex)
    with db.session() as s:
        assert patient_loop.expectation(s, [m.id for m in thread(db, mid)], MONDAY_10) is None


def test_a_far_due_time_names_the_date() -> None:
    zone = timefmt.practice_zone("America/New_York")
    far = patient_loop.when_words(MONDAY_10 + timedelta(days=9), MONDAY_10, zone)
    assert far == "Wed 12/09/2026 10:00 AM"


def test_emergency_instructions_name_the_emergency_phone_else_the_practice_phone(
    db: Database, p: Practice
) -> None:
    with db.session() as s:
        assert "call the office now at 555-0100" in patient_loop.emergency_instructions(s)
        practice_setup.set_preferences(s, p.admin, {prefs.EMERGENCY_PHONE: "555-0199"})
    with db.session() as s:
        assert "555-0199" in patient_loop.emergency_instructions(s)
        assert patient_loop.office_phone(s) == "555-0199"


def test_the_texts_are_checked_when_saved(db: Database, p: Practice) -> None:
    with db.session() as s, pytest.raises(PreferencesInvalid) as refused:
        practice_setup.set_preferences(s, p.admin, {prefs.EMERGENCY_INSTRUCTIONS: "  "})
    assert "Enter the emergency instructions" in str(refused.value)
    with db.session() as s, pytest.raises(ValidationError):
        practice_setup.set_preferences(s, p.admin, {prefs.AFTER_HOURS_REPLY: "x" * 2001})
    with db.session() as s:  # empty: no after-hours reply
        practice_setup.set_preferences(s, p.admin, {prefs.AFTER_HOURS_REPLY: ""})


# -- after hours --------------------------------------------------------------------------------


def test_no_after_hours_reply_while_the_office_is_open(db: Database, p: Practice) -> None:
    with clock.frozen(MONDAY_10):
        mid = send(db, p, p.billing)
    assert [m.id for m in thread(db, mid)] == [mid]


def test_after_hours_a_message_gets_one_automatic_reply_in_its_thread(
    db: Database, p: Practice
) -> None:
    with clock.frozen(MONDAY_19):
        mid = send(db, p, p.billing)
    first, auto = thread(db, mid)
    assert first.id == mid and auto.is_auto_reply and auto.parent_id == mid
    assert auto.status == MessageStatus.WEBMAIL_SENT
    assert auto.sender_user_id is None and auto.loop_state is None
    assert auto.subject == "RE: My crown"
    assert "opens Tue 8:00 AM" in auto.body and "call 555-0100" in auto.body
    assert first.loop_state == closed_loop.OPEN  # the loop stays open: no staff reply yet
    with db.session() as s:
        row = s.execute(
            select(AuditEntry).where(AuditEntry.action == "loop.after_hours_reply")
        ).scalar_one()
        assert row.object_id == mid and row.detail == f"reply={auto.id}"
        assert row.actor_kind == "system"
        assert s.execute(select(OutboxNotice)).first() is None  # no e-mail to the patient
        labels = [h.label for h in closed_loop.history(s, p.doc, mid)]
    assert labels == ["Received", "After-hours reply sent"]


def test_at_most_one_after_hours_reply_per_thread_per_12_hours(db: Database, p: Practice) -> None:
    with clock.frozen(MONDAY_19):
        mid = send(db, p, p.billing)
    with clock.frozen(MONDAY_19 + timedelta(hours=2)):
        answer(db, p, mid)
    assert sum(m.is_auto_reply for m in thread(db, mid)) == 1
    with clock.frozen(MONDAY_19 + timedelta(hours=12, minutes=1)):  # Tue 07:01, still closed
        answer(db, p, mid)
    assert sum(m.is_auto_reply for m in thread(db, mid)) == 2
    with clock.frozen(SATURDAY_11):  # another thread: its own reply
        other = send(db, p, p.question)
    autos = [m for m in thread(db, other) if m.is_auto_reply]
    assert len(autos) == 1 and "opens Mon 8:00 AM" in autos[0].body


def test_the_after_hours_reply_is_no_first_reply_and_closes_nothing(
    db: Database, p: Practice
) -> None:
    with clock.frozen(MONDAY_19):
        mid = send(db, p, p.billing)
    with db.session() as s:
        msg = s.get(WebMailMessage, mid)
        assert msg is not None and msg.loop_state == closed_loop.OPEN
        staff_replies = s.execute(
            select(WebMailMessage.id).where(
                WebMailMessage.thread_id == msg.thread_id,
                WebMailMessage.status.in_([6, 7]),
                WebMailMessage.is_auto_reply.is_(False),
            )
        ).all()
        assert staff_replies == []
        assert patient_loop.expectation(s, [mid], MONDAY_19) is not None


def test_the_response_report_does_not_count_the_after_hours_reply(
    db: Database, p: Practice
) -> None:
    with clock.frozen(MONDAY_19):
        send(db, p, p.billing)
    later = MONDAY_19 + timedelta(days=1)
    with clock.frozen(later), db.session() as s:
        rows = response_report(s, p.admin, MONDAY_19 - timedelta(days=1), later)
    assert (rows[-1].received, rows[-1].answered) == (1, 0)


def test_an_empty_after_hours_text_sends_none(db: Database, p: Practice) -> None:
    with db.session() as s:
        practice_setup.set_preferences(s, p.admin, {prefs.AFTER_HOURS_REPLY: ""})
    with clock.frozen(MONDAY_19):
        mid = send(db, p, p.billing)
    assert len(thread(db, mid)) == 1


def test_a_practice_open_all_day_never_replies_after_hours(db: Database, p: Practice) -> None:
    week = "; ".join(f"{d} 00:00-24:00" for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    with db.session() as s:
        practice_setup.set_preferences(s, p.admin, {prefs.PRACTICE_HOURS: week})
    with clock.frozen(MONDAY_19):
        mid = send(db, p, p.billing)
    assert len(thread(db, mid)) == 1


# -- the worker's loop --------------------------------------------------------------------------


def test_the_worker_loop_escalates_once(db: Database, p: Practice) -> None:
    with clock.frozen(MONDAY_10):
        mid = send(db, p, p.question)  # due 14:00
    with clock.frozen(MONDAY_10 + timedelta(hours=5)):
        assert Upkeep(db).run() == 1
        assert Upkeep(db).run() == 0  # once
    with db.session() as s:
        msg = s.get(WebMailMessage, mid)
        assert msg is not None and msg.escalated_at is not None
        notice = s.execute(select(OutboxNotice)).scalar_one()
        assert notice.kind == "escalation" and "Lee" not in notice.body_text


def test_an_escalation_error_does_not_stop_the_worker(
    db: Database, p: Practice, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Database(db.url.set(database="/nonexistent/dir/practice.db"))
    if db.backend != "sqlite":
        broken = Database(db.url.set(database="opendesk_no_such_database"))
    try:
        assert Upkeep(broken).escalate() == 0
        worker = OutboxWorker(broken)
        stop = threading.Event()
        runner = threading.Thread(target=worker.run_forever, args=(stop, 0.05))
        runner.start()
        stop.wait(0.5)
        assert runner.is_alive()  # the loop went on after the failed rounds
        stop.set()
        runner.join(10)
        assert not runner.is_alive()
    finally:
        broken.dispose()
    assert "escalation round failed" in caplog.text
    assert all(
        r.name in ("opendesk.mail.upkeep", "opendesk.mail")
        for r in caplog.records
        if r.levelname in ("WARNING", "ERROR")
    )


def test_statistics_are_refreshed_for_indexes_that_have_none(db: Database, p: Practice) -> None:
    if db.backend == "sqlite":  # the test database is shared: forget what earlier tests analysed
        with db.engine.begin() as conn:
            if conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
            ).first():
                conn.exec_driver_sql("DELETE FROM sqlite_stat1")
    with clock.frozen(MONDAY_10):
        send(db, p, p.billing)
    analysed_tables = refresh_statistics(db)
    if db.backend != "sqlite":
        assert analysed_tables == []
        return
    assert "webmail_message" in analysed_tables and "outbox_notice" not in analysed_tables
    with db.engine.connect() as conn:
        analysed = set(conn.execute(text("SELECT idx FROM sqlite_stat1")).scalars())
    assert "ix_webmail_loop_due" in analysed
    assert refresh_statistics(db) == []  # next time: PRAGMA optimize only
    upkeep = Upkeep(db, statistics_every=10.0, monotonic=iter([0.0, 5.0, 11.0]).__next__)
    assert [upkeep.statistics() for _ in range(3)] == [False, False, True]


@pytest.mark.only_backends("sqlite")
def test_statistics_start_again_when_another_process_wrote_meanwhile(
    db: Database, p: Practice
) -> None:
    """`--workers 2` on SQLite: both processes refresh at start. The one whose read came first
    is refused its ANALYZE at once (its snapshot is stale); it reads again and succeeds,
    instead of logging "statistics not refreshed" and waiting five minutes."""
    with db.engine.begin() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
            conn.exec_driver_sql("DELETE FROM sqlite_stat1")
    with clock.frozen(MONDAY_10):
        send(db, p, p.billing)
    other = Database(db.url)
    analyses: list[str] = []

    def another_process_writes_first(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith("ANALYZE"):
            analyses.append(statement)
            if len(analyses) == 1:
                with other.session() as s:
                    prefs.set_many(s, {prefs.PRACTICE_NAME: "Written meanwhile"})
                    s.commit()

    event.listen(db.engine, "before_cursor_execute", another_process_writes_first)
    try:
        analysed_tables = refresh_statistics(db)
    finally:
        event.remove(db.engine, "before_cursor_execute", another_process_writes_first)
        other.dispose()
    assert "webmail_message" in analysed_tables
    assert len(analyses) > len(analysed_tables)  # the first ANALYZE was refused, then all ran
