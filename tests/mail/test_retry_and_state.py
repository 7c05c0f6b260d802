"""The Retry service (permission, audit, reset) and the state queries behind the desktop's
notification line and Notifications mailbox, on every database."""

import datetime as dt

import pytest
from sqlalchemy import select

from opendesk.core import audit
from opendesk.core.actors import PortalActor, StaffActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus, OutboxStatus, Permission
from opendesk.core.errors import NotFound, PermissionDenied, ValidationError
from opendesk.core.models import AuditEntry, WebMailMessage
from opendesk.core.services.notifications import retry, retry_all_failed
from opendesk.mail.outbox import OutboxWorker
from opendesk.mail.status import (
    list_notices,
    notice_ids,
    notice_rows,
    notice_state,
    notice_states,
    status_counts,
)
from tests import factories as f
from tests.mail.conftest import MailServer, add_notices, configure_smtp, notice

pytestmark = pytest.mark.backends
T0 = dt.datetime(2026, 11, 23, 14, 5, 0)


def practice(db: Database) -> dict[str, int]:
    """A provider with a linked user, a front-desk user, a setup user, a patient and a sent
    message."""
    with db.session() as s:
        prov = f.provider(s)
        other = f.provider(s)
        pat = f.patient(s, prov)
        doctor = f.user(s, "doc", prov=prov)
        desk = f.user(s, "desk")
        admin = f.user(s, "admin", groups=[f.group(s, "Admins", Permission.SETUP)])
        helper = f.user(s, "helper", prov=other)
        msg = WebMailMessage(
            status=MessageStatus.WEBMAIL_SENT.value,
            patient_id=pat.id,
            regarding_patient_id=pat.id,
            provider_id=prov.id,
            subject="Your X-ray results",
            body="private",
            sent_at=T0,
        )
        s.add(msg)
        s.commit()
        return {
            "patient": pat.id,
            "doctor": doctor.id,
            "desk": desk.id,
            "admin": admin.id,
            "helper": helper.id,
            "message": msg.id,
        }


def test_retry_requeues_a_failed_notice_and_audits_it(
    db: Database, mail_server: MailServer
) -> None:
    ids = practice(db)
    [nid] = add_notices(
        db,
        message_id=ids["message"],
        status="failed",
        attempts=8,
        last_error="gave up after 8 attempts: connection to the SMTP server refused",
    )
    with db.session() as s:
        retry(s, StaffActor(ids["doctor"]), nid)
    row = notice(db, nid)
    assert (row.status, row.attempts, row.last_error, row.next_attempt_at) == (
        "queued",
        0,
        "",
        None,
    )
    with db.readonly_session() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.action == "outbox.retry")
        ).scalar_one()
        assert entry.user_id == ids["doctor"] and entry.object_id == nid
        assert entry.patient_id == ids["patient"]
        assert entry.detail == (
            "was failed after 8 attempts: gave up after 8 attempts: "
            "connection to the SMTP server refused"
        )
        assert audit.verify(s).intact

    mail_server.start()
    configure_smtp(db, mail_server.port)
    assert OutboxWorker(db, timeout=3).run_once().sent == 1
    with db.session() as s, pytest.raises(ValidationError, match="already been sent"):
        retry(s, StaffActor(ids["doctor"]), nid)


def test_who_may_retry(db: Database) -> None:
    ids = practice(db)
    [nid] = add_notices(db, message_id=ids["message"], status="failed", attempts=1)
    for refused in (ids["desk"], ids["helper"]):
        with db.session() as s, pytest.raises(PermissionDenied):
            retry(s, StaffActor(refused), nid)
    with db.session() as s, pytest.raises(PermissionDenied):
        retry(s, PortalActor(account_id=1, patient_id=ids["patient"]), nid)
    assert notice(db, nid).status == "failed"
    with db.readonly_session() as s:
        denied = s.execute(
            select(AuditEntry.user_id).where(AuditEntry.outcome == "denied")
        ).scalars()
        assert sorted(denied) == sorted([ids["desk"], ids["helper"]])
    with db.session() as s:
        retry(s, StaffActor(ids["admin"]), nid)  # Setup may retry any notice
    with db.session() as s:
        retry(s, SystemActor("opendesk-admin"), nid)  # a queued one: due now again
    with db.session() as s, pytest.raises(NotFound):
        retry(s, SystemActor(), nid + 1000)
    held_until = utcnow() + dt.timedelta(minutes=1)
    [busy] = add_notices(
        db, message_id=ids["message"], status="sending", claimed_by="w:1", claimed_until=held_until
    )
    with db.readonly_session() as s:
        assert not notice_state(s, ids["message"]).can_retry  # type: ignore[union-attr]
    with db.session() as s, pytest.raises(ValidationError, match="being sent"):
        retry(s, SystemActor(), busy)


def test_retry_of_a_notice_whose_lease_ran_out(db: Database) -> None:
    """A worker died holding the notice: its lease has run out, so Retry takes it back."""
    ids = practice(db)
    [stuck] = add_notices(
        db, message_id=ids["message"], status="sending", claimed_by="w:1", claimed_until=T0
    )
    with db.readonly_session() as s:
        assert notice_state(s, ids["message"]).can_retry  # type: ignore[union-attr]
    with db.session() as s:
        retry(s, StaffActor(ids["doctor"]), stuck)
    row = notice(db, stuck)
    assert (row.status, row.claimed_by, row.claimed_until, row.attempts) == (
        "queued",
        None,
        None,
        0,
    )


def test_retry_all_failed(db: Database) -> None:
    ids = practice(db)
    failed = add_notices(db, 3, message_id=ids["message"], status="failed", attempts=1)
    [sent] = add_notices(db, status="sent", attempts=1)
    with db.session() as s:
        assert retry_all_failed(s, SystemActor("opendesk-admin")) == 3
    assert [notice(db, n).status for n in failed] == ["queued"] * 3
    assert notice(db, sent).status == "sent"
    with db.readonly_session() as s:
        rows = s.execute(
            select(AuditEntry.object_id).where(AuditEntry.action == "outbox.retry")
        ).scalars()
        assert sorted(rows) == failed
        assert audit.verify(s).intact
    with db.session() as s:
        assert retry_all_failed(s, SystemActor()) == 0


def test_notice_state_of_a_message(db: Database) -> None:
    ids = practice(db)
    with db.readonly_session() as s:
        assert notice_state(s, ids["message"]) is None
    [nid] = add_notices(db, message_id=ids["message"])
    with db.readonly_session() as s:
        state = notice_state(s, ids["message"])
    assert state is not None and state.notice_id == nid
    assert state.describe() == "queued" and not state.can_retry  # on its way: nothing to retry

    def set_row(**values: object) -> str:
        with db.session() as s:
            row = s.get(type(notice(db, nid)), nid)
            for k, v in values.items():
                setattr(row, k, v)
            s.commit()
        with db.readonly_session() as s:
            got = notice_state(s, ids["message"])
            assert got is not None
            return got.describe()

    assert set_row(
        attempts=2, last_error="connection to the SMTP server refused", next_attempt_at=T0
    ) == (
        "queued (attempt 2 failed: connection to the SMTP server refused; "
        "next try 2026-11-23 14:05 UTC)"
    )
    assert set_row(status="sending") == "sending"
    assert set_row(status="sent", sent_at=T0, last_error="") == "sent at 2026-11-23 14:05 UTC"
    assert set_row(status="failed", last_error="invalid recipient address") == (
        "failed: invalid recipient address"
    )
    with db.readonly_session() as s:
        states = notice_states(s, [ids["message"], 999999])
        state = states[ids["message"]]
    assert list(states) == [ids["message"]] and state.status is OutboxStatus.FAILED
    assert state.describe(lambda d: d.strftime("%d.%m.%Y")) == "failed: invalid recipient address"


def test_notifications_mailbox_pages_newest_first(db: Database) -> None:
    queued = add_notices(db, 7)
    failed = add_notices(db, 3, status="failed", last_error="invalid recipient address")
    sent = add_notices(db, 2, status="sent", sent_at=T0, to="sent{n}@example.com")
    everything = sorted(queued + failed + sent, reverse=True)
    with db.readonly_session() as s:
        first = list_notices(s, limit=5)
        second = list_notices(s, limit=5, before_id=first[-1].state.notice_id)
        third = list_notices(s, limit=5, before_id=second[-1].state.notice_id)
        only_failed = list_notices(s, failed_only=True)
        assert notice_ids(s) == everything
        assert notice_ids(s, failed_only=True) == sorted(failed, reverse=True)
        page = notice_rows(s, [sent[0], failed[1], 424242])
        counts = status_counts(s)
    paged = [r.state.notice_id for r in first + second + third]
    assert paged == everything
    assert [r.state.notice_id for r in only_failed] == sorted(failed, reverse=True)
    assert {r.state.describe() for r in only_failed} == {"failed: invalid recipient address"}
    assert [r.state.notice_id for r in page] == [sent[0], failed[1]]
    assert page[0].to_address == "sent0@example.com" and page[0].kind == "webmail"
    assert counts == {
        OutboxStatus.QUEUED: 7,
        OutboxStatus.SENDING: 0,
        OutboxStatus.SENT: 2,
        OutboxStatus.FAILED: 3,
    }
