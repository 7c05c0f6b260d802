"""The log-in throttle's counts in the practice database, so that several portal processes
behind one load balancer share them (an attacker gets no extra tries per process).

A row per key (a SHA-256 of client address and user name, or of the client address alone;
never the name itself): the number of failures and the time of the last one. Rows not touched
for `FORGET_AFTER` are deleted as new failures come in.
"""

from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from opendesk.core.models import PortalThrottle

FORGET_AFTER = timedelta(days=1)


def get(session: Session, key: str) -> tuple[int, datetime | None]:
    """Failures and the time of the last one (0, None for a key with none). Reads only."""
    row = session.execute(
        select(PortalThrottle.failures, PortalThrottle.last_failure_at).where(
            PortalThrottle.key == key
        )
    ).first()
    return (int(row[0]), row[1]) if row is not None else (0, None)


def add_failure(
    session: Session, key: str, now: datetime, restart_before: datetime | None = None
) -> None:
    """One more failure for `key` (starting again from 1 when the last one was before
    `restart_before`); commits. Safe when two processes count the same key at once."""
    for _ in range(2):
        count = PortalThrottle.failures + 1
        if restart_before is not None:
            session.execute(
                update(PortalThrottle)
                .where(PortalThrottle.key == key, PortalThrottle.last_failure_at < restart_before)
                .values(failures=0)
            )
        done = session.execute(
            update(PortalThrottle)
            .where(PortalThrottle.key == key)
            .values(failures=count, last_failure_at=now)
        )
        if getattr(done, "rowcount", 0):
            break
        session.add(PortalThrottle(key=key, failures=1, last_failure_at=now))
        try:
            session.commit()
            break
        except IntegrityError:  # the other process inserted it first: count on that row
            session.rollback()
    session.execute(
        delete(PortalThrottle).where(PortalThrottle.last_failure_at < now - FORGET_AFTER)
    )
    session.commit()


def clear(session: Session, key: str) -> None:
    """Forget the failures of `key`; commits."""
    session.execute(delete(PortalThrottle).where(PortalThrottle.key == key))
    session.commit()
