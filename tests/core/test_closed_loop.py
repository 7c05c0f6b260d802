"""Closed-loop messaging in the database: reasons and teams set-up, routing and due times of
received messages, Take / Assign / Done / Reopen with history, the views and the alert count,
and escalation once with a PHI-free notice."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from opendesk.core import clock
from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor, SystemActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import (
    AuditEntry,
    MessageReason,
    OutboxNotice,
    RecipientKind,
    WebMailMessage,
)
from opendesk.core.services import (
    closed_loop,
    escalation,
    portal_messages,
    reasons_setup,
    webmail,
)
from opendesk.core.services.loop_views import LoopView, alert_count, late_by, loop_page
from opendesk.core.services.reasons_setup import ReasonInput, TeamInput
from tests import factories as f

# Monday 2026-11-30 10:00 in New York (15:00 UTC).
MONDAY_10 = datetime(2026, 11, 30, 15, 0)
SECRET = "Biopsy result for tooth 14"


@dataclass
class Practice:
    prov_a: int
    prov_b: int
    doc_a: StaffActor
    doc_b: StaffActor
    biller: StaffActor
    admin: StaffActor
    system: SystemActor
    billing_team: int
    billing_reason: int
    question_reason: int
    patient_portal: PortalActor
    patient_id: int


@pytest.fixture
def p(db: Database) -> Practice:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PRACTICE_TIME_ZONE: "America/New_York",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Test Dental",
            },
        )
        a, b = f.provider(s, "A"), f.provider(s, "B")
        setup = f.group(s, "Admins", Permission.SETUP)
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        doc_a = f.user(s, "doca", prov=a, groups=[senders], notice_email="doca@practice.example")
        doc_b = f.user(s, "docb", prov=b)
        biller = f.user(s, "biller", notice_email="billing@practice.example")
        admin = f.user(s, "admin", groups=[setup])
        head = f.patient(s, a, last="Lee", first="Ann")
        acct = f.portal_account(s, head)
        reasons_setup.ensure_default_reasons(s)
        s.commit()
        ids = (a.id, b.id, doc_a.id, doc_b.id, biller.id, admin.id, head.id, acct.id)
    prov_a, prov_b, doc_a_id, doc_b_id, biller_id, admin_id, head_id, acct_id = ids
    admin_actor = StaffActor(admin_id, "ws-admin")
    with db.session() as s:
        team = reasons_setup.save_team(s, admin_actor, TeamInput("Billing", [biller_id]))
        by_name = {r.name: r.id for r in reasons_setup.list_reasons(s)}
        reasons_setup.save_reason(
            s,
            admin_actor,
            ReasonInput(
                "Billing",
                RecipientKind.TEAM,
                team_id=team,
                target_hours=8,
                backup_user_id=doc_a_id,
                sort_order=20,
            ),
            by_name["Billing"],
        )
        reasons_setup.save_reason(
            s,
            admin_actor,
            ReasonInput("Question for my provider", target_hours=16, sort_order=30),
            by_name["Question for my provider"],
        )
    return Practice(
        prov_a,
        prov_b,
        StaffActor(doc_a_id, "ws-a"),
        StaffActor(doc_b_id, "ws-b"),
        StaffActor(biller_id, "ws-bill"),
        admin_actor,
        SystemActor("escalation"),
        team,
        by_name["Billing"],
        by_name["Question for my provider"],
        PortalActor(acct_id, head_id),
        head_id,
    )


def send(db: Database, p: Practice, reason: int | None, urgent: bool = False) -> int:
    with db.session() as s:
        return portal_messages.compose(
            s,
            p.patient_portal,
            p.patient_id,
            SECRET,
            "Please call me back.",
            uuid.uuid4().hex,
            reason_id=reason,
            urgent=urgent,
        )


@pytest.fixture(autouse=True)
def stopped_clock() -> object:
    with clock.frozen(MONDAY_10):
        yield


def test_default_reasons_are_listed_in_order(db: Database, p: Practice) -> None:
    with db.session() as s:
        names = [r.name for r in reasons_setup.list_reasons(s)]
    assert names == ["Appointment", "Billing", "Question for my provider", "Prescription", "Other"]


def test_reason_and_team_setup_needs_setup_and_is_audited(db: Database, p: Practice) -> None:
    with db.session() as s, pytest.raises(PermissionDenied):
        reasons_setup.save_reason(s, p.doc_a, ReasonInput("Records"))
    with db.session() as s:
        with pytest.raises(ValidationError, match="team"):
            reasons_setup.save_reason(s, p.admin, ReasonInput("Records", RecipientKind.TEAM))
        with pytest.raises(ValidationError, match="1 to 1000"):
            reasons_setup.save_reason(s, p.admin, ReasonInput("Records", target_hours=0))
        with pytest.raises(ValidationError, match="Another reason"):
            reasons_setup.save_reason(s, p.admin, ReasonInput("billing"))
        with pytest.raises(ValidationError, match="Another team"):
            reasons_setup.save_team(s, p.admin, TeamInput("BILLING"))
        with pytest.raises(NotFound, match="That reason no longer exists"):
            reasons_setup.save_reason(s, p.admin, ReasonInput("Records"), reason_id=999_999)
        with pytest.raises(NotFound, match="That team no longer exists"):
            reasons_setup.save_team(s, p.admin, TeamInput("Records"), team_id=999_999)
        actions = list(s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())
    assert actions.count("setup.reason.save") == 2
    assert "setup.team.save" in actions
    assert "permission.denied" in actions


def test_received_message_is_routed_and_due_in_business_time(db: Database, p: Practice) -> None:
    billing = send(db, p, p.billing_reason)
    question = send(db, p, p.question_reason, urgent=True)
    plain = send(db, p, None)
    with db.session() as s:
        b, q, n = (s.get(WebMailMessage, i) for i in (billing, question, plain))
        assert b is not None and q is not None and n is not None
        assert (b.team_id, b.provider_id, b.loop_state) == (p.billing_team, p.prov_a, "open")
        # Monday 10:00 + 8 business hours (08:00-17:00): Tuesday 09:00 New York = 14:00 UTC.
        assert b.due_at == datetime(2026, 12, 1, 14, 0)
        # + 16 business hours: Wednesday 08:00 + 0 -> 7 h Mon, 9 h Tue = Tue 17:00.
        assert q.due_at == datetime(2026, 12, 1, 22, 0) and q.is_urgent
        assert n.team_id is None and n.due_at == datetime(2026, 12, 1, 14, 0)  # default 8 h


def test_a_switched_off_reason_is_refused_and_nothing_is_sent(db: Database, p: Practice) -> None:
    with db.session() as s:
        reason = s.get(MessageReason, p.billing_reason)
        assert reason is not None
        reason.is_active = False
        s.commit()
    with pytest.raises(ValidationError, match="reason"):
        send(db, p, p.billing_reason)
    with db.session() as s:
        assert s.execute(select(WebMailMessage.id)).first() is None


def test_take_assign_done_reopen_with_history(db: Database, p: Practice) -> None:
    msg = send(db, p, None)
    with db.session() as s:
        closed_loop.take(s, p.doc_a, msg)
    with db.session() as s, pytest.raises(ValidationError, match="may read"):
        closed_loop.assign(s, p.doc_a, msg, p.doc_b.user_id)  # B's user cannot read A's mail
    with db.session() as s:
        closed_loop.done(s, p.doc_a, msg)
        closed_loop.done(s, p.doc_a, msg)  # already done: nothing written
        closed_loop.reopen(s, p.doc_a, msg)
        closed_loop.reopen(s, p.doc_a, msg)  # already open: nothing written
    with db.session() as s, pytest.raises(PermissionDenied):
        closed_loop.take(s, p.doc_b, msg)
    with db.session() as s:
        history = closed_loop.history(s, p.doc_a, msg)
    assert [h.label for h in history] == ["Received", "Taken", "Done", "Reopened"]
    assert history[0].by == "Patient" and history[1].by == "doca" and history[1].owner == "doca"


def test_team_message_is_worked_by_the_team_and_assignable_to_the_provider(
    db: Database, p: Practice
) -> None:
    msg = send(db, p, p.billing_reason)
    with db.session() as s:
        assert loop_page(s, p.biller, LoopView.UNASSIGNED).ids == [msg]
        assert loop_page(s, p.doc_a, LoopView.UNASSIGNED).ids == []  # the team's, not A's
        with pytest.raises(PermissionDenied):
            closed_loop.take(s, p.doc_a, msg)
    with db.session() as s:
        closed_loop.assign(s, p.biller, msg, p.doc_a.user_id)  # A may read it
    with db.session() as s:
        assert loop_page(s, p.doc_a, LoopView.MINE).ids == [msg]
        with pytest.raises(NotFound):
            closed_loop.take(s, p.doc_a, 10**9)


def test_views_paging_urgent_first_and_alert_count(db: Database, p: Practice) -> None:
    ids = [send(db, p, None) for _ in range(5)]
    urgent = send(db, p, None, urgent=True)
    with db.session() as s:
        first = loop_page(s, p.doc_a, LoopView.UNASSIGNED, limit=4)
        second = loop_page(s, p.doc_a, LoopView.UNASSIGNED, after=first.cursor, limit=4)
        assert first.ids == [urgent, *ids[:3]] and second.ids == ids[3:]
        assert second.cursor is None
        assert alert_count(s, p.doc_a) == 6 and alert_count(s, p.doc_b) == 0
        closed_loop.take(s, p.doc_a, ids[0])
        closed_loop.done(s, p.doc_a, ids[1])
        assert alert_count(s, p.doc_a) == 4
        assert loop_page(s, p.doc_a, LoopView.MINE).ids == [ids[0]]
        assert loop_page(s, p.doc_a, LoopView.CLOSED).ids == [ids[1]]
        assert loop_page(s, p.doc_a, LoopView.OVERDUE).ids == []
    with clock.frozen(datetime(2026, 12, 1, 14, 1)), db.session() as s:  # Tuesday 09:01 NY
        overdue = loop_page(s, p.doc_a, LoopView.OVERDUE).ids
        assert overdue == [urgent, ids[0], *ids[2:]]
        assert alert_count(s, p.doc_a) == 5  # the taken one is overdue now too


def test_escalation_once_to_owner_and_backup_without_phi(db: Database, p: Practice) -> None:
    billing = send(db, p, p.billing_reason)
    plain = send(db, p, None)
    with db.session() as s:
        closed_loop.take(s, p.biller, billing)
        assert escalation.escalate_due(s, p.system) == 0  # nothing due yet
    with clock.frozen(datetime(2026, 12, 1, 14, 0)), db.session() as s:
        assert escalation.escalate_due(s, p.system) == 2
        assert escalation.escalate_due(s, p.system) == 0  # once
        notices = s.execute(select(OutboxNotice).order_by(OutboxNotice.to_address)).scalars().all()
        by_address = {n.to_address: n for n in notices}
        # biller owns the billing one; doca is its backup and A's user for the plain one.
        assert set(by_address) == {"billing@practice.example", "doca@practice.example"}
        assert by_address["doca@practice.example"].subject == (
            "2 patient messages are past their response time"
        )
        assert by_address["billing@practice.example"].body_text.startswith(
            "1 patient message is past its response time."
        )
        for n in notices:
            assert SECRET not in n.subject + n.body_text + n.body_html
            assert "Lee" not in n.body_text and n.kind == "escalation" and n.message_id is None
        escalated = s.execute(
            select(AuditEntry.object_id).where(AuditEntry.action == "loop.escalate")
        ).scalars()
        assert sorted(escalated) == sorted([billing, plain])
    with db.session() as s:
        labels = [h.label for h in closed_loop.history(s, p.biller, billing)]
    assert labels[-1].startswith("Past its response time")


def test_closed_messages_are_not_escalated(db: Database, p: Practice) -> None:
    msg = send(db, p, None)
    with db.session() as s:
        closed_loop.done(s, p.doc_a, msg)
    with clock.frozen(MONDAY_10 + timedelta(days=3)), db.session() as s:
        assert escalation.escalate_due(s, p.system) == 0


def test_how_late_counts_business_time(db: Database, p: Practice) -> None:
    msg = send(db, p, None)  # due Tuesday 09:00 New York
    with db.session() as s:
        due = s.get(WebMailMessage, msg).due_at  # type: ignore[union-attr]
        assert late_by(s, due) is None
    # Wednesday 08:30 New York: 8.5 business hours late (Tue 09-17, Wed 08:00-08:30), not 23.5.
    with clock.frozen(datetime(2026, 12, 2, 13, 30)), db.session() as s:
        assert late_by(s, due) == timedelta(hours=8, minutes=30)


def test_a_staff_reply_closes_the_thread_unless_kept_open(db: Database, p: Practice) -> None:
    first = send(db, p, None)
    with db.session() as s:
        webmail.reply(s, p.doc_a, first, "Call us at noon.", uuid.uuid4().hex, keep_open=True)
        assert s.get(WebMailMessage, first).loop_state == "open"  # type: ignore[union-attr]
    with db.session() as s:
        webmail.reply(s, p.doc_a, first, "Done now.", uuid.uuid4().hex)
    with db.session() as s:
        assert s.get(WebMailMessage, first).loop_state == "closed"  # type: ignore[union-attr]
        labels = [h.label for h in closed_loop.history(s, p.doc_a, first)]
    assert labels == ["Received", "Done"]
