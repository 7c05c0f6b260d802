"""Helpers for the compose window tests: a real HTTP portal health endpoint, a practice set up
for WebMail, opening a compose window through the launcher, and answering modal dialogs."""

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from opendesk.core import preferences as prefs
from opendesk.core.models import Patient
from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.provider_picker import ProviderPickerDialog
from opendesk.desktop.webmail.compose import ComposeWindow
from opendesk.desktop.webmail.launcher import ComposeLauncher
from tests import factories
from tests.desktop.conftest import Practice


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        code = 200 if self.path.rstrip("/").endswith("/health") else 404
        body = b'{"status": "ok"}' if code == 200 else b"not found"
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet


@dataclass
class PortalServer:
    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def portal_server() -> Iterator[PortalServer]:
    """A real HTTP server answering GET /health with 200 (the portal's health endpoint)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    running = PortalServer(server, thread)
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def close_compose_windows(qapp: object) -> Iterator[None]:
    """Compose windows delete themselves when closed, so they are not given to qtbot; the
    ones a test leaves open are discarded here."""
    yield
    import shiboken6

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ComposeWindow) and shiboken6.isValid(widget):
            widget.discard()


def closed_port_url() -> str:
    """An http://127.0.0.1 address where nothing listens."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def set_prefs(ctx: AppContext, values: dict[prefs.Pref[Any], Any]) -> None:
    with ctx.db.session() as s:
        prefs.set_many(s, values)
        s.commit()


def ready_for_webmail(ctx: AppContext, practice: Practice, portal_url: str) -> None:
    """Notification From, the portal URL (http://127.0.0.1 is allowed in demo mode) and a
    portal account for the family's guarantor."""
    with ctx.db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "Willamette Dental <notify@willamette.example>",
                prefs.PORTAL_URL: portal_url,
                prefs.DEMO_MODE: True,
                prefs.PRACTICE_NAME: "Willamette Dental",
                prefs.PRACTICE_PHONE: "(503) 555-0100",
            },
        )
        factories.portal_account(s, s.get(Patient, practice.head.id))  # type: ignore[arg-type]
        s.commit()


def open_compose(
    qtbot: QtBot, ctx: AppContext, patient_id: int, launcher: ComposeLauncher | None = None
) -> ComposeWindow:
    launcher = launcher or ComposeLauncher(ctx)
    opened: list[ComposeWindow] = []
    launcher.opened.connect(opened.append)
    launcher.open_for_patient(patient_id)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    window = opened[0]
    qtbot.waitExposed(window)
    wait_checked(qtbot, window)
    return window


def wait_checked(qtbot: QtBot, window: ComposeWindow) -> None:
    qtbot.waitUntil(lambda: not window.checking, timeout=5000)


def when_modal(action: Callable[[QWidget], bool], attempts: int = 100) -> None:
    """Run `action(modal_widget)` once a modal dialog is up (it returns True when done)."""
    left = [attempts]

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and action(modal):
            return
        left[0] -= 1
        if left[0] > 0:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def pick_provider_later(abbr: str) -> None:
    """Answer the `[...]` provider picker with the provider of that abbreviation."""

    def choose(widget: QWidget) -> bool:
        if not isinstance(widget, ProviderPickerDialog):
            return False
        rows = widget.visible_rows
        index = next(i for i, r in enumerate(rows) if r.abbr == abbr)
        widget.ui.providersView.selectRow(index)
        widget.accept()
        return True

    when_modal(choose)


def answer_password_later(answers: list[str | None], seen: list[str]) -> None:
    """Answer each provider-password prompt in turn (None = Cancel)."""

    def answer(widget: QWidget) -> bool:
        if not isinstance(widget, QInputDialog):
            return False
        seen.append(widget.labelText())
        value = answers.pop(0)
        if value is None:
            widget.reject()
        else:
            widget.setTextValue(value)
            widget.accept()
        if answers:
            when_modal(answer)
        return True

    when_modal(answer)
