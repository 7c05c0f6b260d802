"""Request dependencies: the database session and the logged-in portal account holder.

A request has one database session, shared by the log-in check and the handler, and as few
hops to the thread pool as the blocking work allows: the dependencies that only look at the
request (`database`, `db_session`'s start, `current_actor`) run on the event loop. A page that
takes the holder (`session`, `actor`) is served through `one_hop`: its session, the log-in
check and the handler live in one pool thread, one hand-off a page and no dependency for
FastAPI to solve (bench_portal: about 5 % less server CPU a request than a check in one thread
and the handler in another, which is what `Login` pages still do; callgrind: 2 % fewer
instructions than the same hop reached through dependencies). A GET keeps the check's read
transaction open for the page's own reads (one transaction, one pooled connection); a POST
ends it, so the handler's writes start a write transaction of their own (SQLite: BEGIN
IMMEDIATE)."""

import functools
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
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


def _actor_of(request: Request, login: portal_auth.PortalLogin) -> PortalActor:
    """The holder, once no forced change of user name or password is pending."""
    pending = login.pending_change
    if pending:
        raise ChangeRequired(pending)
    if portal_session(request).set_up_two_step:
        raise ChangeRequired("two-step")
    return login.actor


async def current_actor(
    request: Request, login: Annotated[portal_auth.PortalLogin, Depends(current_login)]
) -> PortalActor:
    return _actor_of(request, login)


Actor = Annotated[PortalActor, Depends(current_actor)]
Login = Annotated[portal_auth.PortalLogin, Depends(current_login)]


def one_hop(handler: Callable[..., Response]) -> Callable[..., Awaitable[Response]]:
    """Serve a page handler that takes `session` and `actor` (with the `DbSession` and `Actor`
    annotations, for reading) as an async endpoint that opens the request's session, runs the
    log-in check and the handler, and closes the session, all in one pool thread. FastAPI
    solves only the handler's other parameters (request, path, query, form, files), with no
    dependency of ours to solve first."""
    signature = inspect.signature(handler)
    if not {"session", "actor"} <= set(signature.parameters):
        raise TypeError(f"{handler.__name__} takes no session and actor")
    kept = [p for n, p in signature.parameters.items() if n not in ("session", "actor")]
    takes_request = "request" in signature.parameters
    if not takes_request:  # FastAPI gives the Request to the parameter annotated so
        kept.append(
            inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)
        )

    @functools.wraps(handler)
    async def endpoint(**params: Any) -> Response:
        request: Request = params["request"] if takes_request else params.pop("request")
        db: Database = request.app.state.db

        def serve() -> Response:
            with db.session() as session:
                actor = _actor_of(request, current_login(request, session))
                return handler(session=session, actor=actor, **params)

        return await run_in_threadpool(serve)

    endpoint.__signature__ = signature.replace(parameters=kept)  # type: ignore[attr-defined]
    return endpoint
