"""The main window's Setup menu. `install_setup_menu(window, ctx)` adds it (app.py calls it
where the main window is built); entries are enabled by the logged-on user's permissions
(Setup; the Audit Report needs AuditView) and follow `ctx.userChanged`. The core checks again
on every action and its refusal is shown.

    menu = install_setup_menu(window, ctx)
    dialog = menu.open("users")      # what the menu entry does; returns the dialog
"""

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from opendesk.core.enums import Permission
from opendesk.core.services.staff_auth import LoggedOnUser
from opendesk.desktop.context import AppContext


@dataclass(frozen=True)
class Entry:
    key: str
    text: str
    permission: Permission
    factory: Callable[[AppContext, QWidget], QWidget]
    tip: str


def _entries() -> tuple[Entry, ...]:
    from opendesk.desktop.reports.response_report import ResponseReportDialog
    from opendesk.desktop.setup.attachment_settings import AttachmentSettingsDialog
    from opendesk.desktop.setup.audit_window import AuditReportWindow
    from opendesk.desktop.setup.data_paths import DataPathsDialog
    from opendesk.desktop.setup.email_settings import EmailSettingsDialog
    from opendesk.desktop.setup.groups import GroupsDialog
    from opendesk.desktop.setup.portal_settings import PortalSettingsDialog
    from opendesk.desktop.setup.practice import PracticeDialog
    from opendesk.desktop.setup.practice_hours import PracticeHoursDialog
    from opendesk.desktop.setup.providers import ProvidersDialog
    from opendesk.desktop.setup.reasons import ReasonsDialog
    from opendesk.desktop.setup.signature import SignatureDialog
    from opendesk.desktop.setup.teams import TeamsDialog
    from opendesk.desktop.setup.urgent_words import UrgentWordsDialog
    from opendesk.desktop.setup.users import UsersDialog
    from opendesk.desktop.setup.webmail_templates import WebMailTemplatesDialog

    setup = Permission.SETUP
    return (
        Entry("practice", "&Practice…", setup, PracticeDialog, "Name, phone and address"),
        Entry(
            "practice_hours",
            "Practice &Hours…",
            setup,
            PracticeHoursDialog,
            "Opening hours, holidays and time zone for response times",
        ),
        Entry(
            "reasons",
            "Messa&ge Reasons…",
            setup,
            ReasonsDialog,
            "What patients write about, who answers, and how soon",
        ),
        Entry("teams", "Tea&ms…", setup, TeamsDialog, "Staff teams that receive messages"),
        Entry(
            "urgent_words",
            "Urgent &Words and After Hours…",
            setup,
            UrgentWordsDialog,
            "Urgent words, emergency instructions and the after-hours reply",
        ),
        Entry("providers", "P&roviders…", setup, ProvidersDialog, "Add, edit and hide providers"),
        Entry("users", "&Users…", setup, UsersDialog, "Staff logins, passwords, lockouts"),
        Entry("groups", "Groups and Perm&issions…", setup, GroupsDialog, "Who may do what"),
        Entry("email", "General &Email Settings…", setup, EmailSettingsDialog, "SMTP server"),
        Entry(
            "portal",
            "Patient P&ortal…",
            setup,
            PortalSettingsDialog,
            "Portal address and notification text",
        ),
        Entry("data_paths", "&Data Paths…", setup, DataPathsDialog, "A-to-Z images folder"),
        Entry(
            "attachments",
            "A&ttachments…",
            setup,
            AttachmentSettingsDialog,
            "Malware scanner for attachments",
        ),
        # Anyone who writes WebMail: the core decides which templates the user may change.
        Entry(
            "templates",
            "WebMail &Templates…",
            Permission.WEBMAIL_SEND,
            WebMailTemplatesDialog,
            "Templates for WebMail: the practice's and your own",
        ),
        Entry(
            "signature",
            "My &Signature…",
            Permission.WEBMAIL_SEND,
            SignatureDialog,
            "Your provider's signature under new messages and replies",
        ),
        Entry(
            "response_report",
            "Respo&nse Report…",
            setup,
            ResponseReportDialog,
            "How fast patient messages are answered, per provider, team and reason",
        ),
        Entry(
            "audit",
            "&Audit Report…",
            Permission.AUDIT_VIEW,
            AuditReportWindow,
            "Who did what, when; export to CSV",
        ),
    )


class SetupMenu(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.menu = QMenu("&Setup", window)
        self.menu.setObjectName("setup_menu")
        self.entries = {e.key: e for e in _entries()}
        self.actions: dict[str, QAction] = {}
        self.open_widgets: dict[str, QWidget] = {}
        for entry in self.entries.values():
            if entry.key == "audit":
                self.menu.addSeparator()
            action = QAction(entry.text, window)
            action.setObjectName(f"setup_{entry.key}")
            action.setStatusTip(entry.tip)
            action.triggered.connect(lambda _checked=False, key=entry.key: self.open(key))
            self.menu.addAction(action)
            self.actions[entry.key] = action
        window.menuBar().addMenu(self.menu)
        ctx.userChanged.connect(self.update_enabled)
        self.update_enabled(ctx.user)

    def update_enabled(self, user: LoggedOnUser | None) -> None:
        for key, entry in self.entries.items():
            allowed = user is not None and user.may(entry.permission.value)
            action = self.actions[key]
            action.setEnabled(allowed)
            action.setToolTip(
                entry.tip
                if allowed
                else "Your user groups do not allow this. Ask your administrator."
            )

    def open(self, key: str) -> QWidget:
        """Open (or raise) the window of a menu entry and return it."""
        existing = self.open_widgets.get(key)
        if existing is not None and shiboken6.isValid(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        widget = self.entries[key].factory(self.ctx, self.window)
        widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_widgets[key] = widget
        if shiboken6.isValid(widget):
            widget.show()
        return widget


def install_setup_menu(window: QMainWindow, ctx: AppContext) -> SetupMenu:
    """Add the Setup menu to the main window; also kept as `window.setup_menu`."""
    menu = SetupMenu(window, ctx)
    window.setup_menu = menu  # type: ignore[attr-defined]
    return menu
