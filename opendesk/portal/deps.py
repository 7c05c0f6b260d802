"""Request dependencies: the database session and the logged-in portal account holder.

A request has one database session, shared by the log-in check and the handler, and as few
hops to the thread pool as the blocking work allows: the dependencies that only look at the
request (`database`, `db_session`'s start, `current_actor`) run on the event loop; the session
check runs in one pool thread and the handler in another. A GET keeps the check's read
transaction open for the page's own reads (one transaction, one pooled connection); a POST
ends it, so the handler's writes start a write transaction of their own (SQLite: BEGIN
IMMEDIATE)."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from opendesk.core.actors import PortalActor
from opendesk.core.db import Database, begin_readonly
from opendesk.core.services import portal_auth, portal_sessions
from opendesk.portal.security import PortalSession, portal_session


class LoginRequired(Exception):
    """No valid session: the handler sends the browser to the log-in page."""


class ChangeRequired(Exception):
    """The holder must change the user name or password before anything else."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


READ_METHODS = ("GET", "HEAD")


async def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def db_session(db: Annotated[Database, Depends(database)]) -> AsyncIterator[Session]:
    """One session per request; each service call commits its own transaction. Making the
    session takes no connection (the first statement does); closing one that holds none is
    no I/O either, so only a session left in a transaction is closed in a pool thread."""
    session = db.session()
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


DbSession = Annotated[Session, Depends(db_session)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def user_agent(request: Request) -> str:
    return request.headers.get("user-agent", "")[: portal_sessions.USER_AGENT_MAX]


def request_time(request: Request) -> datetime:
    """The portal clock's "now" as the database stores times (naive UTC)."""
    now = float(request.app.state.config.clock())
    return datetime.fromtimestamp(now, UTC).replace(tzinfo=None)


def current_login(request: Request, session: DbSession) -> portal_auth.PortalLogin:
    """The holder of the session cookie, checked on every request against its server-side
    session and the account (one indexed read): a session ended by log-out or elsewhere, a
    disabled account or a changed password ends it here. Last-seen is written at most once a
    minute. The check reads in the request's session (no write lock on SQLite); a GET goes on
    reading in that transaction, anything else starts afresh."""
    state: PortalSession = portal_session(request)
    if state.account_id is None:
        raise LoginRequired
    now = request_time(request)
    idle = float(request.app.state.config.idle_timeout)
    begin_readonly(session)
    found = portal_auth.resume(
        session, state.token, state.account_id, state.stamp, client_address(request), idle, now
    )
    if found is None:
        session.rollback()
        state.log_out()
        raise LoginRequired
    if found.needs_touch and found.login.session_id is not None:
        session.commit()
        portal_sessions.touch(session, found.login.session_id, now)  # commits
    elif request.method not in READ_METHODS:
        session.commit()
    return found.login


async def current_actor(
    request: Request, login: Annotated[portal_auth.PortalLogin, Depends(current_login)]
) -> PortalActor:
    """The holder, once no forced change of user name or password is pending."""
    pending = login.pending_change
    if pending:
        raise ChangeRequired(pending)
    if portal_session(request).set_up_two_step:
        raise ChangeRequired("two-step")
    return login.actor


Actor = Annotated[PortalActor, Depends(current_actor)]
Login = Annotated[portal_auth.PortalLogin, Depends(current_login)]
