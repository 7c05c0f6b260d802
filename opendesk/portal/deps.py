"""Request dependencies: the database session and the logged-in portal account holder."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from opendesk.core.actors import PortalActor
from opendesk.core.db import Database
from opendesk.core.services import portal_auth
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


def current_login(
    request: Request, db: Annotated[Database, Depends(database)]
) -> portal_auth.PortalLogin:
    """The holder of the session cookie, checked against the account on every request (a
    disabled account or a changed password ends every session)."""
    state: PortalSession = portal_session(request)
    if state.account_id is None:
        raise LoginRequired
    with db.readonly_session() as session:  # no write lock on SQLite for this check
        login = portal_auth.resume(session, state.account_id, state.stamp, client_address(request))
    if login is None:
        state.log_out()
        raise LoginRequired
    return login


def current_actor(
    login: Annotated[portal_auth.PortalLogin, Depends(current_login)],
) -> PortalActor:
    """The holder, once no forced change of user name or password is pending."""
    pending = login.pending_change
    if pending:
        raise ChangeRequired(pending)
    return login.actor


DbSession = Annotated[Session, Depends(db_session)]
Actor = Annotated[PortalActor, Depends(current_actor)]
Login = Annotated[portal_auth.PortalLogin, Depends(current_login)]
