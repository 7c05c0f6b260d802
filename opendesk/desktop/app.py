"""Start the desktop client: logging, the QApplication, the database, login, main window.

Logging goes to rotating files in `core.paths.log_dir()` (opendesk.log, 1 MB x 5) under
named loggers (`opendesk.desktop`, `opendesk.desktop.errors`, `opendesk.desktop.alerts`,
`opendesk.db`...). No log line carries PHI.
"""

import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from opendesk import __version__
from opendesk.core import db_errors, migrate
from opendesk.core.db import Database, describe_url
from opendesk.core.db_errors import DbProblem
from opendesk.core.errors import ConfigurationError
from opendesk.core.paths import log_dir
from opendesk.core.settings import WorkstationSettings, resolve_database_url
from opendesk.desktop.context import AppContext
from opendesk.desktop.icons import icon
from opendesk.desktop.message_channel import DATABASE_UNREACHABLE, install_excepthook

if TYPE_CHECKING:
    from opendesk.desktop.session import DeskSession

log = logging.getLogger("opendesk.desktop")

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path:
    folder = directory or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "opendesk.log"
    root = logging.getLogger("opendesk")
    root.setLevel(level)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(handler)
    return path


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("OpenDesk")
    app.setOrganizationName("OpenDesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("opendesk"))
    return app


def open_database(url: str) -> Database:
    """Open and check the practice database; ConfigurationError with a clear message if it
    cannot be used."""
    try:
        db = Database(url)
    except Exception as exc:
        raise ConfigurationError(
            f"The database address is not valid ({type(exc).__name__}). "
            "Check the database URL in the settings."
        ) from None
    try:
        up_to_date = migrate.is_up_to_date(db.engine)
    except Exception as exc:
        db.dispose()
        problem = db_errors.classify(exc)
        log.warning("database check failed: %s (%s)", type(exc).__name__, db_errors.error_code(exc))
        # a bug (e.g. a schema from another program) also reads "does not answer" here
        message = db_errors.MESSAGES.get(problem or DbProblem.UNREACHABLE, DATABASE_UNREACHABLE)
        raise ConfigurationError(f"{message}\n\nDatabase: {describe_url(url)}") from None
    if not up_to_date:
        db.dispose()
        raise ConfigurationError(
            f"The practice database {describe_url(url)} has no OpenDesk tables or older ones. "
            "Ask IT to run: opendesk-admin db upgrade"
        )
    return db


def start_session(ctx: AppContext) -> "DeskSession | None":
    """Login, then the main window (shown; `session.window`), or None when the login was
    cancelled. The session handles File > Log Off and the idle log off."""
    from opendesk.desktop.dialogs.login import LoginDialog
    from opendesk.desktop.session import DeskSession
    from opendesk.desktop.setup import run_first_run_if_needed

    if not run_first_run_if_needed(ctx):  # an empty database: the practice and its admin
        return None
    login = LoginDialog(ctx)
    if login.exec() != QDialog.DialogCode.Accepted:
        return None
    session = DeskSession(ctx)
    session.open_main_window()
    return session


def run(db_url: str | None = None, argv: Sequence[str] | None = None) -> int:
    log_path = setup_logging()
    app = create_application(argv)
    install_excepthook()
    settings = WorkstationSettings()
    resolved = resolve_database_url(db_url, settings)
    log.info("OpenDesk %s starting; database from %s", __version__, resolved.source)
    try:
        db = open_database(resolved.url)
    except ConfigurationError as exc:
        QMessageBox.critical(None, "OpenDesk", str(exc))
        return 1
    ctx = AppContext(db, settings)
    with db.readonly_session() as session:
        from opendesk.core import preferences

        try:
            ctx.practice = preferences.get_all(session)
        except Exception as exc:
            log.warning("practice preferences not read: %s", type(exc).__name__)
    desk = start_session(ctx)
    if desk is None:
        db.dispose()
        return 0
    code = app.exec()
    ctx.taskman.wait_for_done(5000)
    db.dispose()
    log.info("OpenDesk closed (log: %s)", log_path)
    return int(code)
