"""What the desktop's closed-loop lists read (rows, team folders, Assign to… choices, alert
figures with escalations), a team member opening a team message, and the Response report
with a set clock: counts, median / 90th percentile business hours to the first reply, share
within target, overdue now, CSV."""

import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from opendesk.core import clock
from opendesk.core.db import Database
from opendesk.core.errors import PermissionDenied
from opendesk.core.models import AuditEntry
from opendesk.core.services import closed_loop, escalation, loop_lists, webmail
from opendesk.core.services.response_report import percentile, report_csv, response_report
from tests.core.test_closed_loop import MONDAY_10, SECRET, Practice, p, send, stopped_clock

__all__ = ["p", "stopped_clock"]  # the fixtures of test_closed_loop, used here too

TUESDAY_9_01 = datetime(2026, 12, 1, 14, 1)  # New York, just past an 8 h target from Monday 10


def test_loop_rows_show_owner_team_reason_due_and_urgency(db: Database, p: Practice) -> None:
    billing = send(db, p, p.billing_reason, urgent=True)
    plain = send(db, p, None)
    with db.session() as s:
        closed_loop.take(s, p.biller, billing)
        rows = loop_lists.loop_rows(s, [plain, billing])
    assert [r.id for r in rows] == [plain, billing]
    b = rows[1]
    assert (b.owner_name, b.team_name, b.reason_name, b.is_urgent) == (
        "biller",
        "Billing",
        "Billing",
        True,
    )
    assert b.is_open and b.due_at == datetime(2026, 12, 1, 14, 0) and not b.escalated
    assert rows[0].owner_name == "" and rows[0].reason_name == "" and rows[0].subject == SECRET
    assert not b.overdue(MONDAY_10) and b.overdue(TUESDAY_9_01)


def test_team_folder_is_for_members_only(db: Database, p: Practice) -> None:
    first = send(db, p, p.billing_reason)
    second = send(db, p, p.billing_reason)
    send(db, p, None)
    with db.session() as s:
        assert loop_lists.my_teams(s, p.biller) == [loop_lists.TeamRow(p.billing_team, "Billing")]
        assert loop_lists.my_teams(s, p.doc_a) == []
        page = loop_lists.team_page(s, p.biller, p.billing_team, limit=1)
        assert page.ids == [second]
        rest = loop_lists.team_page(s, p.biller, p.billing_team, after=page.cursor)
        assert rest.ids == [first] and rest.cursor is None
    with db.session() as s, pytest.raises(PermissionDenied):
        loop_lists.team_page(s, p.doc_a, p.billing_team)


def test_a_team_member_opens_and_replies_within_the_team_message(db: Database, p: Practice) -> None:
    msg = send(db, p, p.billing_reason)
    with db.session() as s:
        view = webmail.open_message(s, p.biller, msg)  # biller works no provider's inbox
        assert view.subject == SECRET
        assert [v.id for v in webmail.thread_of(s, p.biller, msg)] == [msg]
    plain = send(db, p, None)
    with db.session() as s, pytest.raises(PermissionDenied):
        webmail.open_message(s, p.biller, plain)  # not the team's


def test_assign_to_offers_the_users_who_may_read_it(db: Database, p: Practice) -> None:
    billing = send(db, p, p.billing_reason)
    plain = send(db, p, None)
    with db.session() as s:
        names = [u.name for u in loop_lists.assignable_users(s, p.biller, billing)]
        assert names == ["biller", "doca"]  # the team, and provider A's inbox worker
        assert [u.name for u in loop_lists.assignable_users(s, p.doc_a, plain)] == ["doca"]
    with db.session() as s, pytest.raises(PermissionDenied):
        loop_lists.assignable_users(s, p.doc_b, plain)


def test_alert_counts_waiting_overdue_and_escalated(db: Database, p: Practice) -> None:
    billing = send(db, p, p.billing_reason)
    plain = send(db, p, None)
    with db.session() as s:
        closed_loop.take(s, p.doc_a, plain)
        assert loop_lists.loop_alert(s, p.doc_a) == loop_lists.LoopAlert(0, 0, 0)
        assert loop_lists.loop_alert(s, p.biller) == loop_lists.LoopAlert(1, 0, 0)
    with clock.frozen(TUESDAY_9_01), db.session() as s:
        assert loop_lists.loop_alert(s, p.doc_a).waiting == 1  # its own, overdue now
        assert escalation.escalate_due(s, p.system) == 2
        # doca: its own message, and the billing one as the reason's backup.
        assert loop_lists.loop_alert(s, p.doc_a) == loop_lists.LoopAlert(1, 1, 2)
        assert loop_lists.loop_alert(s, p.biller) == loop_lists.LoopAlert(1, 1, 1)
        assert loop_lists.loop_alert(s, p.doc_b) == loop_lists.LoopAlert(0, 0, 0)
        closed_loop.done(s, p.biller, billing)
        assert loop_lists.loop_alert(s, p.biller) == loop_lists.LoopAlert(0, 0, 0)


def _reply(db: Database, p: Practice, msg: int, at: datetime, keep_open: bool = False) -> None:
    with clock.frozen(at), db.session() as s:
        webmail.reply(s, p.doc_a, msg, "Answer.", uuid.uuid4().hex, keep_open=keep_open)


def test_response_report_per_recipient_and_reason(db: Database, p: Practice) -> None:
    # Monday 10:00 New York: three questions to provider A and one billing message.
    fast, slow, open_ = (send(db, p, p.question_reason) for _ in range(3))
    billing = send(db, p, p.billing_reason)
    # fast: answered Monday 12:00 (2 h). slow: Wednesday 09:00 (7 + 9 + 1 = 17 h, target 16).
    _reply(db, p, fast, datetime(2026, 11, 30, 17, 0))
    _reply(db, p, slow, datetime(2026, 12, 2, 14, 0), keep_open=True)
    # billing: answered Tuesday 08:30 (7.5 h of the 8 h target).
    _reply(db, p, billing, datetime(2026, 12, 1, 13, 30))
    friday = datetime(2026, 12, 4, 15, 0)
    with clock.frozen(friday), db.session() as s:
        rows = response_report(s, p.admin, MONDAY_10 - timedelta(days=1), friday)
    by_key = {(r.recipient, r.reason): r for r in rows}
    question = by_key[("A", "Question for my provider")]
    # slow was answered but kept open: overdue now, like the unanswered one.
    assert (question.received, question.answered, question.overdue_now) == (3, 2, 2)
    assert question.median_hours == pytest.approx(9.5)  # of 2 h and 17 h
    assert question.p90_hours == pytest.approx(17.0)
    # fast on time, slow late, open_ unanswered and past due: 1 of 3.
    assert question.within_target_pct == pytest.approx(100 / 3)
    team = by_key[("Team: Billing", "Billing")]
    assert (team.received, team.answered, team.within_target_pct) == (1, 1, 100.0)
    assert team.median_hours == pytest.approx(7.5)
    total = rows[-1]
    assert (total.recipient, total.received, total.answered, total.overdue_now) == ("All", 4, 3, 2)
    assert total.median_hours == pytest.approx(7.5)
    text = report_csv(rows)
    assert text.splitlines()[0].startswith("Recipient,Reason,Received,Answered,Median")
    assert "A,Question for my provider,3,2,9.5,17.0,33,2" in text
    assert SECRET not in text and "Lee" not in text
    assert open_ not in (fast, slow)
    with db.session() as s:
        actions = list(s.execute(select(AuditEntry.action)).scalars())
        assert actions.count("report.response") == 1


def test_response_report_needs_setup_and_an_empty_range_is_empty(db: Database, p: Practice) -> None:
    send(db, p, None)
    with db.session() as s, pytest.raises(PermissionDenied):
        response_report(s, p.doc_a, MONDAY_10 - timedelta(days=1), MONDAY_10 + timedelta(days=1))
    with db.session() as s:
        assert response_report(s, p.admin, MONDAY_10 + timedelta(days=1), MONDAY_10) == []


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 90) is None
    assert percentile([5.0], 90) == 5.0
    assert percentile([float(i) for i in range(1, 11)], 90) == 9.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0


def test_csv_cells_never_start_a_formula() -> None:
    from opendesk.core.services.response_report import ReportRow

    text = report_csv([ReportRow("=cmd", "+x", 1, 0, None, None, None, 0)])
    assert "'=cmd,'+x,1,0,,,,0" in text


def test_how_late_is_one_walk_and_matches_business_between(db: Database, p: Practice) -> None:
    from opendesk.core import business_time

    now = datetime(2026, 12, 9, 20, 0)
    dues = {datetime(2026, 12, 1, 14, 0), datetime(2026, 12, 3, 16, 30), datetime(2026, 11, 2)}
    with db.session() as s:
        schedule = business_time.practice_schedule(s)
        lates = loop_lists.late_by_due(s, dues, now)
    assert lates == {d: business_time.business_between(d, now, schedule) for d in dues}
