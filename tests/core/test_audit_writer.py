"""The audit group writer: concurrent reads' audit rows are committed in shared transactions,
each durable before its caller goes on, and the chain stays one verified sequence."""

import threading

import pytest
from sqlalchemy import func, select

from opendesk.core import audit
from opendesk.core.actors import SystemActor
from opendesk.core.audit_writer import AuditWriter
from opendesk.core.db import Database
from opendesk.core.models import AuditEntry


def _count(db: Database, action: str) -> int:
    with db.readonly_session() as s:
        return int(
            s.execute(
                select(func.count(AuditEntry.id)).where(AuditEntry.action == action)
            ).scalar_one()
        )


def test_concurrent_read_audits_are_grouped_durable_and_chained(db: Database) -> None:
    writer = AuditWriter(db).attach()
    threads, per_thread = 8, 15
    gate = threading.Barrier(threads)
    errors: list[BaseException] = []
    seen_before_return: list[bool] = []

    def reader(n: int) -> None:
        try:
            gate.wait()
            for i in range(per_thread):
                action = f"test.view.{n}.{i}"
                with db.session() as s:
                    audit.record_read(s, SystemActor(f"t{n}"), action, object_id=i)
                seen_before_return.append(_count(db, action) == 1)  # durable on return
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(120)
    writer.close()
    assert not errors
    assert len(seen_before_return) == threads * per_thread and all(seen_before_return)
    assert writer.rows == threads * per_thread
    assert writer.batches < writer.rows  # rows shared commits
    with db.readonly_session() as s:
        report = audit.verify(s)
        assert report.intact and report.rows_checked == threads * per_thread


def test_without_a_writer_record_read_commits_in_the_session(db: Database) -> None:
    with db.session() as s:
        audit.record_read(s, SystemActor(), "test.view.alone")
    assert _count(db, "test.view.alone") == 1


def test_a_closed_writer_is_detached_and_refuses(db: Database) -> None:
    writer = AuditWriter(db).attach()
    writer.close()
    with db.session() as s:
        assert audit.GROUP_WRITER not in s.info
        audit.record_read(s, SystemActor(), "test.view.after")  # written in the session
    assert _count(db, "test.view.after") == 1
    with pytest.raises(Exception, match="not running"):
        writer.write(SystemActor(), "test.view.refused")
