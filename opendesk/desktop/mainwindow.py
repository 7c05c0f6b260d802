"""The main window: toolbar (Select Patient, WebMail, Alerts), module bar (Chart, Manage and
whatever registers), the selected patient and logged-on user in the title, the database and
portal state in the status bar.

Hooks for other parts:
    window.webmailRequested  Signal(object): the PatientSelection, when WebMail is clicked
                              (the compose window connects here)
    window.open_module("manage"), window.module("chart"), window.open_page("manage", "email_inbox")
"""

import logging
from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar

from opendesk.core import preferences, settings
from opendesk.core.services import staff_auth
from opendesk.core.services.alerts import WebMailAlert
from opendesk.desktop.alerts import AlertPoller, loop_alert_text
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext, PatientSelection
from opendesk.desktop.icons import icon
from opendesk.desktop.modules import Module, load_pages, module_classes
from opendesk.desktop.portal_status import PortalStatus, PortalStatusChecker
from opendesk.desktop.scanner_status import ScannerStatusChecker, tooltip

log = logging.getLogger("opendesk.desktop")

INBOX_PAGE = ("manage", "email_inbox")


class MainWindow(QMainWindow):
    webmailRequested = Signal(object)  # PatientSelection
    logOffRequested = Signal()  # File > Log Off (desktop.session.DeskSession handles it)

    def __init__(self, ctx: AppContext, *, start_background: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("main_window")
        self.setWindowIcon(icon("opendesk"))
        self._default_size()
        load_pages()

        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.act_select_patient = QAction(icon("select_patient"), "Select Patient", self)
        self.act_select_patient.setShortcut(QKeySequence("Ctrl+P"))
        self.act_select_patient.setToolTip("Find and select a patient (Ctrl+P)")
        self.act_select_patient.triggered.connect(self.select_patient)
        self.act_webmail = QAction(icon("webmail"), "WebMail", self)
        self.act_webmail.setShortcut(QKeySequence("Ctrl+M"))
        self.act_webmail.triggered.connect(self._webmail)
        self.act_alerts = QAction(icon("alert"), "Alerts", self)
        self.act_alerts.setToolTip("Unread WebMail for your provider: click to open the inbox")
        self.act_alerts.triggered.connect(self.open_inbox)
        # The closed loop: patient messages waiting for an answer (docs/CLOSED_LOOP.md).
        self.act_loop_alert = QAction(icon("alert"), "", self)
        self.act_loop_alert.triggered.connect(self.open_loop_inbox)
        for action in (
            self.act_select_patient,
            self.act_webmail,
            self.act_alerts,
            self.act_loop_alert,
        ):
            toolbar.addAction(action)
        self.alert_button = toolbar.widgetForAction(self.act_alerts)
        self.alert_button.setObjectName("alerts_button")
        loop_button = toolbar.widgetForAction(self.act_loop_alert)
        loop_button.setObjectName("loop_alert_button")
        loop_button.setStyleSheet("font-weight: bold; color: #b00020;")

        self._build_file_menu()

        self._build_modules()
        self._build_status_bar()

        self.alerts = AlertPoller(ctx)
        self.alerts.setParent(self)  # ends with the window (Log Off makes a new one)
        self.alerts.alertChanged.connect(self._on_alert)
        self.portal = PortalStatusChecker(ctx)
        self.portal.setParent(self)
        self.portal.checked.connect(self._on_portal)
        self.scanner = ScannerStatusChecker(ctx)
        self.scanner.setParent(self)
        self.scanner.checked.connect(self._on_scanner)
        ctx.patientChanged.connect(self._on_patient)
        ctx.userChanged.connect(self._on_user)  # a method, not a lambda: dropped with the window
        ctx.changes.changed.connect(self._on_changes)

        self._restore_geometry()
        self.open_module("chart" if "chart" in self.modules else next(iter(self.modules)))
        self._on_patient(ctx.selection)
        self._on_alert(WebMailAlert(None, 0, None))
        if start_background:
            self.alerts.start()
            self.portal.start()
            self.scanner.start()

    def _build_modules(self) -> None:
        """The module bar on the left (Chart, Manage, …) and their pages in one stack."""
        ctx = self.ctx
        self.module_bar = QToolBar("Modules", self)
        self.module_bar.setObjectName("module_bar")
        self.module_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.module_bar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.module_bar)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.modules: dict[str, Module] = {}
        self.module_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for number, cls in enumerate(module_classes(), start=1):
            module = cls(ctx, self.stack)
            self.modules[cls.key] = module
            self.stack.addWidget(module)
            action = QAction(icon(cls.icon_name), cls.title, self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=cls.key: self.open_module(key))
            group.addAction(action)
            self.module_bar.addAction(action)
            self.module_actions[cls.key] = action

    def _build_status_bar(self) -> None:
        """Database (name and server, never the URL), portal, scanner and the logged-on user."""
        ctx = self.ctx
        status = self.statusBar()
        self.db_label = QLabel(f"Database: {ctx.db.display_name}")
        self.portal_label = QLabel("portal: checking…")
        self.scanner_label = QLabel("scanner: checking…")
        self.user_label = QLabel()
        for label in (self.db_label, self.portal_label, self.scanner_label, self.user_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        status.addWidget(self.db_label, 1)
        status.addPermanentWidget(self.portal_label)
        status.addPermanentWidget(self.scanner_label)
        status.addPermanentWidget(self.user_label)

    def _build_file_menu(self) -> None:
        """Open Dental's File menu: Log Off (back to the login window) and Exit. It comes
        first in the menu bar; the Setup menu is added after it."""
        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu.setObjectName("file_menu")
        self.act_log_off = QAction("&Log Off", self)
        self.act_log_off.setObjectName("file_log_off")
        self.act_log_off.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.act_log_off.setStatusTip("Close your windows and return to the login window")
        self.act_log_off.triggered.connect(self.logOffRequested.emit)
        self.act_exit = QAction("E&xit", self)
        self.act_exit.setObjectName("file_exit")
        self.act_exit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_exit.setStatusTip("Log off and close OpenDesk")
        self.act_exit.triggered.connect(self.close)
        self.file_menu.addAction(self.act_log_off)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_exit)

    # -- title, patient, alerts -----------------------------------------------------------------
    def _update_title(self) -> None:
        parts = ["OpenDesk"]
        practice = str(self.ctx.practice.get(preferences.PRACTICE_NAME.name) or "")
        if practice:
            parts.append(practice)
        if self.ctx.selection is not None:
            parts.append(self.ctx.selection.patient.display_name)
        if self.ctx.user is not None:
            parts.append(f"{{{self.ctx.user.label}}}")
            self.user_label.setText(f"Logged on: {self.ctx.user.label}")
        self.setWindowTitle(" - ".join(parts))

    def _on_user(self, _user: object) -> None:
        self._update_title()

    def _on_patient(self, selection: PatientSelection | None) -> None:
        has_patient = selection is not None
        self.act_webmail.setEnabled(has_patient)
        self.act_webmail.setToolTip(
            "Write a secure WebMail to this patient (Ctrl+M)"
            if has_patient
            else "Select a patient first"
        )
        self._update_title()
        for module in self.modules.values():
            module.patient_changed(selection)

    def _on_alert(self, alert: WebMailAlert) -> None:
        not_read = f"{len(alert.not_read)} not read" if alert.not_read else ""
        if alert.unread or not_read:
            parts = [f"WebMail ({alert.unread})" if alert.unread else "", not_read]
            self.act_alerts.setText(", ".join(p for p in parts if p))
            self.alert_button.setStyleSheet("font-weight: bold; color: #b00020;")
        else:
            self.act_alerts.setText("Alerts")
            self.alert_button.setStyleSheet("")
        self.act_alerts.setToolTip(
            "\n".join(
                ["Unread WebMail for your provider: click to open the inbox"]
                + [row.text for row in alert.not_read]
            )
        )
        text, tip = loop_alert_text(alert)
        self.act_loop_alert.setText(text)
        self.act_loop_alert.setToolTip(tip)
        self.act_loop_alert.setVisible(bool(text))
        self.alert_button.updateGeometry()

    def _on_portal(self, status: PortalStatus) -> None:
        self.portal_label.setText(status.text)
        self.portal_label.updateGeometry()

    def _on_scanner(self, state: object) -> None:
        from opendesk.core.services.attachment_scan import ScannerState

        assert isinstance(state, ScannerState)
        self.scanner_label.setText(state.text)
        self.scanner_label.setToolTip(tooltip(state))
        self.scanner_label.setStyleSheet("" if state.answering else "color: #b00020;")

    def _on_changes(self, changes: OpChanges, initiator: object) -> None:
        if changes.preferences:
            self.scanner.check()
        for module in self.modules.values():
            module.changes(changes, initiator)

    # -- actions --------------------------------------------------------------------------------
    def select_patient(self) -> None:
        from opendesk.desktop.dialogs.select_patient import SelectPatientDialog

        dialog = SelectPatientDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.select_dialog = dialog
        dialog.open()

    def _webmail(self) -> None:
        if self.ctx.selection is not None:
            self.webmailRequested.emit(self.ctx.selection)

    def module(self, key: str) -> Module | None:
        return self.modules.get(key)

    def open_module(self, key: str) -> Module | None:
        module = self.modules.get(key)
        if module is None:
            return None
        self.stack.setCurrentWidget(module)
        self.module_actions[key].setChecked(True)
        module.activated()
        return module

    def open_page(self, module_key: str, page_key: str) -> bool:
        module = self.open_module(module_key)
        return module is not None and module.open_page(page_key)

    def open_inbox(self) -> None:
        """The alert's click: the Manage module's Email Inbox when it is installed, on its
        start view (WebMail Inbox, not the folder last used)."""
        if self.open_page(*INBOX_PAGE):
            page = self.modules[INBOX_PAGE[0]].page(INBOX_PAGE[1])
            if page is not None:
                page.show_start()

    def open_loop_inbox(self) -> None:
        """The closed-loop alert's click: the Email Inbox's Overdue view when something is
        overdue, else Unassigned."""
        current = self.alerts.current
        overdue = current is not None and current.overdue > 0
        if self.open_page(*INBOX_PAGE):
            page = self.modules[INBOX_PAGE[0]].page(INBOX_PAGE[1])
            choose = getattr(page, "choose_box", None)
            if choose is not None:
                choose("loop:overdue" if overdue else "loop:unassigned")

    # -- geometry and closing -------------------------------------------------------------------
    def _default_size(self) -> None:
        """1200x760, or less on a smaller screen (a 1280x720 laptop): the window is never
        larger than the screen's free area. Afterwards only the user resizes it."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1200, 760
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)

    def _restore_geometry(self) -> None:
        geometry = self.ctx.settings.get(settings.WINDOW_GEOMETRY)
        state = self.ctx.settings.get(settings.WINDOW_STATE)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if state:
            self.restoreState(QByteArray.fromBase64(state.encode("ascii")))

    def save_geometry(self) -> None:
        self.ctx.settings.set(settings.WINDOW_GEOMETRY, _b64(self.saveGeometry()))
        self.ctx.settings.set(settings.WINDOW_STATE, _b64(self.saveState()))
        try:
            self.ctx.settings.save()
        except OSError as exc:
            log.warning("could not save the workstation settings: %s", type(exc).__name__)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.alerts.stop()
        self.portal.stop()
        self.scanner.stop()
        self.save_geometry()
        if self.ctx.user is not None:
            try:
                with self.ctx.db.session() as session:
                    staff_auth.logout(session, self.ctx.actor)
            except Exception as exc:  # closing must not fail because the database went away
                log.warning("logout not recorded: %s", type(exc).__name__)
        super().closeEvent(event)


def _b64(data: Any) -> str:
    return bytes(QByteArray(data).toBase64().data()).decode("ascii")
