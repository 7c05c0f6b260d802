"""Portal sessions kept on the server: one row per signed-in browser, so that a session can be
ended at once (log-out, password change or reset, Remove Access, "sign out everywhere", or the
patient ending one from Account > Sessions) even when someone kept a copy of the cookie.

The cookie carries a random token; the table keeps only its SHA-256. Checking a request is one
read by the unique token hash (joined with the account); `last_seen_at` is written at most once
a minute (`SEEN_WRITE_SECONDS`), so a page view does not take a write lock on every request.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import String, bindparam, delete, select, update
from sqlalchemy.orm import Session

from opendesk.core import audit, preferences
from opendesk.core.actors import Actor, PortalActor
from opendesk.core.clock import utcnow
from opendesk.core.db import read_columns
from opendesk.core.errors import NotFound
from opendesk.core.models import Patient, PortalAccount, PortalSessionRecord

SEEN_WRITE_SECONDS = 60
USER_AGENT_MAX = 255
CLIENT_MAX = 64
MAX_ID = 2**31 - 1
KEEP_DAYS = 90


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class AccountState:
    """What a request needs of the session's account (read with the session row, as plain
    columns: no ORM object per request)."""

    id: int
    patient_id: int
    username: str
    password_hash: str
    must_change_username: bool
    must_change_password: bool
    language: str = "en"  # the patient's preferred language (the portal's pages use it)


@dataclass(frozen=True)
class SessionCheck:
    """A valid session: its row id, its account, and whether last-seen is due a write."""

    session_id: int
    account: AccountState
    needs_touch: bool


@dataclass(frozen=True)
class SessionInfo:
    """One signed-in browser as Account > Sessions shows it (no token)."""

    id: int
    created_at: datetime
    last_seen_at: datetime
    client_address: str
    user_agent: str
    current: bool


def open_session(
    session: Session,
    account_id: int,
    client: str = "",
    user_agent: str = "",
    now: datetime | None = None,
) -> tuple[str, int]:
    """Add a session row for a fresh log-in in the caller's transaction (the caller audits
    and commits). Returns the cookie token and the row id."""
    when = now or utcnow()
    session.execute(  # rows of long-gone sessions are kept KEEP_DAYS (new-device check), no more
        delete(PortalSessionRecord).where(
            PortalSessionRecord.account_id == account_id,
            PortalSessionRecord.last_seen_at < when - timedelta(days=KEEP_DAYS),
        )
    )
    token = new_token()
    record = PortalSessionRecord(
        token_hash=token_hash(token),
        account_id=account_id,
        created_at=when,
        last_seen_at=when,
        client_address=client[:CLIENT_MAX],
        user_agent=user_agent[:USER_AGENT_MAX],
    )
    session.add(record)
    session.flush()
    return token, record.id


def is_new_device(session: Session, account_id: int, session_id: int, user_agent: str) -> bool:
    """True when the account had sessions before but none from this user agent (the first
    log-in after Grant Access is not "new": there is nothing to compare with)."""
    earlier = select(PortalSessionRecord.user_agent).where(
        PortalSessionRecord.account_id == account_id, PortalSessionRecord.id != session_id
    )
    if session.execute(earlier.limit(1)).first() is None:
        return False
    same = earlier.where(PortalSessionRecord.user_agent == user_agent[:USER_AGENT_MAX])
    return session.execute(same.limit(1)).first() is None


_CHECK_COLUMNS = (
    PortalSessionRecord.id,
    PortalSessionRecord.account_id,
    PortalSessionRecord.last_seen_at,
    PortalSessionRecord.revoked_at,
    PortalAccount.is_active,
    PortalAccount.patient_id,
    PortalAccount.username,
    PortalAccount.password_hash,
    PortalAccount.must_change_username,
    PortalAccount.must_change_password,
    Patient.language,
    preferences.MARKER_COLUMN,
)
_CHECK = (  # built once: the request pays for running it only
    select(*_CHECK_COLUMNS)
    .join(PortalAccount, PortalAccount.id == PortalSessionRecord.account_id)
    .join(Patient, Patient.id == PortalAccount.patient_id)
    .where(PortalSessionRecord.token_hash == bindparam("token_hash", type_=String))
)


def check(
    session: Session, token: str, account_id: int, idle_seconds: float, now: datetime | None = None
) -> SessionCheck | None:
    """The session of `token` when it is not revoked, belongs to `account_id`, has been seen
    within `idle_seconds` (plus the write interval) and its account is active. Reads only: one
    statement by the unique token hash, the columns it needs and no ORM objects; it also reads
    the preferences' change marker for the transaction's preference reads."""
    if not token:
        return None
    row = read_columns(session, _CHECK, {"token_hash": token_hash(token)}).first()
    if row is None:
        return None
    preferences.marker_seen(session, row.preference_marker)
    when = now or utcnow()
    idle = (when - row.last_seen_at).total_seconds()
    if (
        row.revoked_at is not None
        or row.account_id != account_id
        or not row.is_active
        or idle > idle_seconds + SEEN_WRITE_SECONDS
    ):
        return None
    account = AccountState(
        row.account_id,
        row.patient_id,
        row.username,
        row.password_hash,
        bool(row.must_change_username),
        bool(row.must_change_password),
        row.language or "en",
    )
    return SessionCheck(row.id, account, idle >= SEEN_WRITE_SECONDS)


def touch(session: Session, session_id: int, now: datetime | None = None) -> None:
    """Write last-seen (called at most once a minute per session); commits."""
    session.execute(
        update(PortalSessionRecord)
        .where(PortalSessionRecord.id == session_id)
        .values(last_seen_at=now or utcnow())
    )
    session.commit()


def revoke_token(session: Session, token: str, now: datetime | None = None) -> None:
    """End the session of this cookie token (log-out), in the caller's transaction."""
    if token:
        session.execute(
            update(PortalSessionRecord)
            .where(
                PortalSessionRecord.token_hash == token_hash(token),
                PortalSessionRecord.revoked_at.is_(None),
            )
            .values(revoked_at=now or utcnow())
        )


def revoke_all(
    session: Session, account_id: int, keep: int | None = None, now: datetime | None = None
) -> int:
    """End every session of the account (but `keep`, the one making the change), in the
    caller's transaction. Returns how many were ended."""
    query = update(PortalSessionRecord).where(
        PortalSessionRecord.account_id == account_id, PortalSessionRecord.revoked_at.is_(None)
    )
    if keep is not None:
        query = query.where(PortalSessionRecord.id != keep)
    result = session.execute(query.values(revoked_at=now or utcnow()))
    return int(getattr(result, "rowcount", 0) or 0)


def list_sessions(
    session: Session, actor: PortalActor, current: int | None, now: datetime | None = None
) -> list[SessionInfo]:
    """The holder's open sessions, newest activity first (expired ones left out)."""
    since = (now or utcnow()) - timedelta(days=1)
    rows = session.execute(
        select(PortalSessionRecord)
        .where(
            PortalSessionRecord.account_id == actor.account_id,
            PortalSessionRecord.revoked_at.is_(None),
            PortalSessionRecord.last_seen_at >= since,
        )
        .order_by(PortalSessionRecord.last_seen_at.desc())
        .limit(50)
    ).scalars()
    return [
        SessionInfo(
            r.id, r.created_at, r.last_seen_at, r.client_address, r.user_agent, r.id == current
        )
        for r in rows
    ]


def end_session(
    session: Session, actor: PortalActor, session_id: int, now: datetime | None = None
) -> None:
    """The holder ends one of their sessions (another browser); audited, committed. A session
    of another account answers NotFound, like one that does not exist."""
    in_range = 0 < session_id <= MAX_ID  # no overflow error from the database
    record = session.get(PortalSessionRecord, session_id) if in_range else None
    if record is None or record.account_id != actor.account_id:
        raise NotFound("That session does not exist.")
    if record.revoked_at is None:
        record.revoked_at = now or utcnow()
    audit.record(
        session,
        actor,
        "portal.session.end",
        patient_id=actor.patient_id,
        object_type="portal_session",
        object_id=session_id,
    )
    session.commit()


def end_all(session: Session, actor: Actor, account_id: int, patient_id: int) -> int:
    """Sign out everywhere: every session of the account ends; audited, committed."""
    count = revoke_all(session, account_id)
    audit.record(
        session,
        actor,
        "portal.session.end_all",
        patient_id=patient_id,
        object_type="portal_account",
        object_id=account_id,
        detail=f"sessions={count}",
    )
    session.commit()
    return count
