"""The portal application: `create_app(config)` builds it from the routes (portal/routes), the
error pages (portal/errors), the outbox worker in its lifespan, and the middleware that adds
the session cookie and the security headers (portal/security)."""

import inspect
import logging
import os
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from opendesk import __version__
from opendesk.core.audit_writer import AuditWriter
from opendesk.core.db import UNAVAILABLE, Database, refresh_statistics
from opendesk.core.pref_cache import PreferenceCache
from opendesk.mail import upkeep
from opendesk.mail.outbox import BackgroundWorker
from opendesk.portal import i18n, unavailable
from opendesk.portal.admission import RequestSlots
from opendesk.portal.config import PortalConfig
from opendesk.portal.errors import ServerErrorPage, install_error_pages
from opendesk.portal.pages import when
from opendesk.portal.routes import router
from opendesk.portal.security import PortalMiddleware
from opendesk.portal.throttle import DatabaseStore, LoginThrottle
from opendesk.portal.uploads import UploadLimit

log = logging.getLogger("opendesk.portal")
HERE = Path(__file__).resolve().parent
PORTAL_POOL = 20  # connections kept (and as many more under load): more than the request slots

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def _no_telemetry() -> dict[str, Any]:
    """FastAPI's own OpenTelemetry, off. Newer FastAPI releases trace every request and log
    its exceptions and URL to whatever provider the process has or an environment variable
    configures: request data of a PHI portal must not leave it that way, and asking on every
    request whether a provider exists costs CPU. Older releases have no such option."""
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    off = ("tracing", "metrics", "logs", "operation_spans", "auto_configure")
    return {"telemetry": dict.fromkeys(off, False)}


def _lifespan(config: PortalConfig, database: Database, owns_db: bool) -> Lifespan:
    """Attach the preference cache, start the audit group writer and the notification outbox
    worker (unless the config says not to); at shutdown stop them and close the database when
    the app opened it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        cache: PreferenceCache = app.state.preferences
        cache.attach(database)  # core services read preferences through it
        audit_writer = AuditWriter(database).attach()  # audit rows of views, in groups
        statistics = None
        try:  # SQLite's planner needs statistics for the closed-loop indexes (CLOSED_LOOP.md)
            refresh_statistics(database)  # before serving: only other processes' writes
        except UNAVAILABLE as exc:  # the portal still starts and tries again in the background
            log.warning("statistics not refreshed: %s", type(exc).__name__)
            statistics = upkeep.BackgroundRefresh(database)
        worker = None
        if config.run_outbox:
            worker = BackgroundWorker(
                database,
                poll_seconds=config.outbox_poll_seconds,
                worker_id=f"portal-{socket.gethostname()}-{config.port}-{os.getpid()}",
            )
            worker.start()
            log.info("notification outbox worker started")
        app.state.outbox_running = worker is not None
        try:
            yield
        finally:
            if worker is not None:
                worker.stop(timeout=10)
            if statistics is not None:
                statistics.stop()
            audit_writer.close()
            cache.detach(database)
            if owns_db:
                database.dispose()

    return lifespan


def create_app(config: PortalConfig, db: Database | None = None) -> FastAPI:
    """The portal. Give `db` to share an open database (tests); otherwise the app opens
    `config.database_url` and closes it at shutdown."""
    database = db or Database(
        config.database_url,
        hide_parameters=True,
        timeouts=unavailable.PORTAL_TIMEOUTS,
        pool_size=PORTAL_POOL,
    )
    app = FastAPI(
        title="OpenDesk patient portal",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan(config, database, owns_db=db is None),
        **_no_telemetry(),
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.add_extension("jinja2.ext.i18n")
    templates.env.policies["ext.i18n.trimmed"] = True  # as babel.cfg extracts them
    # {% trans %} and _() in the request's language (portal/i18n.py)
    templates.env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    templates.env.filters["when"] = when  # times in the practice's zone (pages.when)
    templates.env.filters["number"] = i18n.format_number
    templates.env.filters["translate"] = i18n.gettext  # a text given by a route or the core
    app.state.config = config
    app.state.db = database
    app.state.templates = templates
    app.state.preferences = PreferenceCache()  # checked against the database's marker
    app.state.outbox_running = False
    app.state.throttle = LoginThrottle(
        config.login_delay_base,
        config.login_delay_max,
        clock=config.clock,
        store=DatabaseStore(database),
    )
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(router)
    install_error_pages(app)
    unavailable.install(app, templates)
    app.add_middleware(UploadLimit)
    app.add_middleware(RequestSlots, slots=min(config.request_slots, PORTAL_POOL))
    app.add_middleware(ServerErrorPage, templates=templates)
    app.add_middleware(
        unavailable.DatabaseDeadline, templates=templates, seconds=config.request_deadline
    )
    app.add_middleware(i18n.LanguageMiddleware)  # inside PortalMiddleware: needs the session
    app.add_middleware(PortalMiddleware, config=config)
    return app
