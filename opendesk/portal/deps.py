"""Request dependencies: the database session and the logged-in portal account holder."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from opendesk.core.actors import PortalActor
from opendesk.core.db import Database
from opendesk.core.services import portal_auth, portal_sessions
from opendesk.portal.security import PortalSession, portal_session


class LoginRequired(Exception):
    """No valid session: the handler sends the browser to the log-in page."""


class ChangeRequired(Exception):
    """The holder must change the user name or password before anything else."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def db_session(db: Annotated[Database, Depends(database)]) -> Iterator[Session]:
    """One session per request; each service call commits its own transaction."""
    with db.session() as session:
        yield session


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def user_agent(request: Request) -> str:
    return request.headers.get("user-agent", "")[: portal_sessions.USER_AGENT_MAX]


def request_time(request: Request) -> datetime:
    """The portal clock's "now" as the database stores times (naive UTC)."""
    now = float(request.app.state.config.clock())
    return datetime.fromtimestamp(now, UTC).replace(tzinfo=None)


def current_login(
    request: Request, db: Annotated[Database, Depends(database)]
) -> portal_auth.PortalLogin:
    """The holder of the session cookie, checked on every request against its server-side
    session and the account (one indexed read): a session ended by log-out or elsewhere, a
    disabled account or a changed password ends it here. Last-seen is written at most once a
    minute."""
    state: PortalSession = portal_session(request)
    if state.account_id is None:
        raise LoginRequired
    now = request_time(request)
    idle = float(request.app.state.config.idle_timeout)
    with db.readonly_session() as session:  # no write lock on SQLite for this check
        found = portal_auth.resume(
            session, state.token, state.account_id, state.stamp, client_address(request), idle, now
        )
    if found is None:
        state.log_out()
        raise LoginRequired
    if found.needs_touch and found.login.session_id is not None:
        with db.session() as session:
            portal_sessions.touch(session, found.login.session_id, now)
    return found.login


def current_actor(
    request: Request, login: Annotated[portal_auth.PortalLogin, Depends(current_login)]
) -> PortalActor:
    """The holder, once no forced change of user name or password is pending."""
    pending = login.pending_change
    if pending:
        raise ChangeRequired(pending)
    if portal_session(request).set_up_two_step:
        raise ChangeRequired("two-step")
    return login.actor


DbSession = Annotated[Session, Depends(db_session)]
Actor = Annotated[PortalActor, Depends(current_actor)]
Login = Annotated[portal_auth.PortalLogin, Depends(current_login)]
