"""Issue 24 in the desktop: every control of the compose window, the Email Inbox and Select
Patient has an accessible name (what a screen reader says, read through Qt's accessibility
interface, QAccessible) and a keyboard path: Tab reaches it from the window's first control,
or it has a keyboard shortcut of its own."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from opendesk.desktop.context import AppContext
from opendesk.desktop.dialogs.select_patient import SelectPatientDialog
from tests.desktop.compose_support import (
    PortalServer,
    close_compose_windows,
    open_compose,
    portal_server,
    ready_for_webmail,
)
from tests.desktop.conftest import Practice, login
from tests.desktop.test_inbox import Mail, _page, mail

assert portal_server and close_compose_windows and mail  # fixtures

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractSpinBox,
)


def controls(root: QWidget) -> list[QWidget]:
    """The visible, enabled controls a person operates (a combo's own line edit and the
    viewport parts of views are the combo's and the view's)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if not widget.isEnabled() or isinstance(widget.parent(), QComboBox):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
            widget, QAbstractButton
        ):
            continue
        found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r}"


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None, describe(widget)
    return iface.text(QAccessible.Text.Name).strip()


def tab_order(qtbot: QtBot, root: QWidget, limit: int = 200) -> list[QWidget]:
    """The widgets Tab visits (real Tab key presses), from the window's first control, until
    it comes round again."""
    window = root.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    first = next(w for w in controls(root) if w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _ in range(limit):
        focused = window.focusWidget()
        if focused is None or (seen and focused is seen[0]):
            break
        if focused not in seen:
            seen.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return seen


def problems(qtbot: QtBot, root: QWidget) -> list[str]:
    found = []
    reached = tab_order(qtbot, root)
    assert len(controls(root)) >= 3 and len(reached) >= 3, "the check would prove nothing"
    for widget in controls(root):
        if not accessible_name(widget):
            found.append(f"{describe(widget)}: no accessible name")
        shortcut = isinstance(widget, QAbstractButton) and not widget.shortcut().isEmpty()
        if widget not in reached and not shortcut:
            found.append(f"{describe(widget)}: Tab does not reach it and it has no shortcut")
    return found


def test_select_patient(qtbot: QtBot, provider_ctx: AppContext, practice: Practice) -> None:
    dialog = SelectPatientDialog(provider_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    found = problems(qtbot, dialog)
    assert found == [], "\n".join(found)


def test_email_inbox(qtbot: QtBot, provider_ctx: AppContext, mail: Mail) -> None:
    page = _page(qtbot, provider_ctx)
    found = problems(qtbot, page)
    assert found == [], "\n".join(found)


def test_compose_window(
    qtbot: QtBot, ctx: AppContext, practice: Practice, portal_server: PortalServer
) -> None:
    ready_for_webmail(ctx, practice, portal_server.url)
    login(ctx, practice.provider_user)
    window = open_compose(qtbot, ctx, practice.child.id)
    found = problems(qtbot, window)
    assert found == [], "\n".join(found)
