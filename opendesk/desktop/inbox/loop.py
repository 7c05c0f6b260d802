"""The closed-loop controls of the Email Inbox and the message window (docs/CLOSED_LOOP.md):
the bar of forms/loop_bar.ui - the selected message's state ("Unassigned · due 12/01/2026
9:00 AM", "Owner: kalbright · 2 h 10 min late") and Take, Assign to…, Done, Reopen - with
their keyboard shortcuts (Ctrl+T, Ctrl+Shift+A, Ctrl+D, Ctrl+Shift+D), and the texts the
lists show.

Every action is a WriteOp through `core.services.closed_loop` (checked and audited there) that
publishes OpChanges(messages, alerts); Assign to… first reads the users allowed to read the
message (`loop_lists.assignable_users`) and offers them in a menu. The bar does nothing by
itself for a message outside the loop (it is hidden) or one the user may not work on.
"""

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QWidget
from sqlalchemy.orm import Session

from opendesk.core.actors import StaffActor
from opendesk.core.services import closed_loop, loop_lists
from opendesk.core.services.closed_loop import HistoryEntry
from opendesk.core.services.loop_lists import LoopRow, MessageLoop, UserChoice
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_loop_bar import Ui_LoopBar
from opendesk.desktop.forms_generated.ui_message_window import Ui_MessageWindow
from opendesk.desktop.inbox.text import when_text
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.text import RED

SHORTCUTS = {
    "take": "Ctrl+T",
    "assign": "Ctrl+Shift+A",
    "done": "Ctrl+D",
    "reopen": "Ctrl+Shift+D",
}


def late_text(late: timedelta) -> str:
    """'2 h 10 min late', '45 min late', '3 h late' (business time, whole minutes)."""
    minutes = max(1, int(late.total_seconds() // 60))
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts) + " late"


def due_text(row: LoopRow) -> str:
    """The Due column: how late when overdue, else the due time; '' outside the loop."""
    if row.late is not None:
        return late_text(row.late)
    if row.loop_state is None or row.due_at is None:
        return ""
    return when_text(row.due_at) if row.is_open else "Closed"


def due_tooltip(row: LoopRow) -> str | None:
    if row.loop_state is None:
        return None
    parts = (
        ["Urgent (the patient sent it despite the urgent-word warning)"] if row.is_urgent else []
    )
    if row.due_at is not None:
        parts.append(f"Due {when_text(row.due_at)}")
    parts.append(f"Received {when_text(row.when)}")
    if row.escalated:
        parts.append("Past its response time: owner and backup were told")
    return "\n".join(parts) or None


def state_text(row: LoopRow | None) -> str:
    """The bar's line for the selected message."""
    if row is None or row.loop_state is None:
        return ""
    owner = f"Owner: {row.owner_name}" if row.owner_name else "Unassigned"
    if not row.is_open:
        return f"Closed · {owner}" if row.owner_name else "Closed"
    parts = ["URGENT"] if row.is_urgent else []
    parts.append(owner)
    if row.team_name:
        parts.append(f"Team: {row.team_name}")
    if row.late is not None:
        parts.append(late_text(row.late))
    elif row.due_at is not None:
        parts.append(f"due {when_text(row.due_at)}")
    return " · ".join(parts)


def history_text(entries: tuple[HistoryEntry, ...] | list[HistoryEntry]) -> str:
    """The message window's History box, one line per change, oldest first."""
    lines = []
    for e in entries:
        owner = f" → {e.owner}" if e.owner and e.action in ("loop.take", "loop.assign") else ""
        lines.append(f"{when_text(e.at)}  {e.label}{owner} ({e.by})")
    return "\n".join(lines)


class LoopBar(QWidget):
    """State line and the four buttons for one message at a time (`show_row`). `acted` is
    emitted after an action succeeded (its OpChanges are published already)."""

    acted = Signal(str)  # the action: take, assign, done, reopen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_LoopBar()
        self.ui.setupUi(self)
        self.setObjectName("loop_bar")
        self.row: LoopRow | None = None
        self.may_work = False
        self.menu: QMenu | None = None
        self.state_label = self.ui.loop_state
        self.buttons = {
            "take": self.ui.take,
            "assign": self.ui.assign,
            "done": self.ui.done,
            "reopen": self.ui.reopen,
        }
        self._slots: dict[str, Callable[[], None]] = {
            "take": self.take,
            "assign": self.choose_owner,
            "done": self.done,
            "reopen": self.reopen,
        }
        for key, button in self.buttons.items():
            button.setAutoDefault(False)
            button.clicked.connect(self._slots[key])
        self.shortcuts: list[QShortcut] = []
        self.show_row(None)

    def add_shortcuts(self, scope: QWidget) -> None:
        """The keyboard shortcuts, active while focus is anywhere in `scope`."""
        for key, keys in SHORTCUTS.items():
            shortcut = QShortcut(QKeySequence(keys), scope, self._slots[key])
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.shortcuts.append(shortcut)

    # -- state ----------------------------------------------------------------------------------
    def show_row(self, row: LoopRow | None, may_work: bool = True) -> None:
        """Show the selected message (None or outside the loop: the buttons are disabled)."""
        self.row, self.may_work = row, may_work
        in_loop = row is not None and row.loop_state is not None and may_work
        is_open = in_loop and row is not None and row.is_open
        self.state_label.setText(state_text(row))
        red = row is not None and row.is_open and (row.late is not None or row.is_urgent)
        self.state_label.setStyleSheet(f"color: {RED}; font-weight: bold;" if red else "")
        mine = row is not None and row.owner_name == self._username()
        self.buttons["take"].setEnabled(is_open and not mine)
        self.buttons["assign"].setEnabled(is_open)
        self.buttons["done"].setEnabled(is_open)
        self.buttons["reopen"].setEnabled(in_loop and not is_open)

    def _username(self) -> str:
        return self.ctx.user.username if self.ctx.user is not None else ""

    def enabled(self, key: str) -> bool:
        return self.buttons[key].isEnabled()

    # -- actions --------------------------------------------------------------------------------
    def _run(self, key: str, op: Callable[[Session], None]) -> None:
        if self.row is None or not self.enabled(key):
            return
        patient = self.row.regarding_patient_id
        WriteOp(
            self.ctx,
            op,
            changes=OpChanges(messages=True, alerts=True, patient_ids=frozenset({patient})),
            parent=self.window(),
            success=lambda _none: self.acted.emit(key),
        ).run_in_background()

    def _act(self, key: str, change: Callable[[Session, StaffActor, int], None]) -> None:
        if self.row is not None:
            mid, actor = self.row.id, self.ctx.actor
            self._run(key, lambda s: change(s, actor, mid))

    def take(self) -> None:
        self._act("take", closed_loop.take)

    def done(self) -> None:
        self._act("done", closed_loop.done)

    def reopen(self) -> None:
        self._act("reopen", closed_loop.reopen)

    def assign_to(self, user_id: int) -> None:
        if self.row is not None:
            mid, actor = self.row.id, self.ctx.actor
            self._run("assign", lambda s: closed_loop.assign(s, actor, mid, user_id))

    def choose_owner(self) -> None:
        """Assign to…: read who may read the message, then offer them in a menu."""
        if self.row is None or not self.enabled("assign"):
            return
        mid, actor = self.row.id, self.ctx.actor
        ReadOp(
            self.ctx,
            lambda s: loop_lists.assignable_users(s, actor, mid),
            parent=self.window(),
            success=self._offer,
        ).run_in_background()

    def _offer(self, users: list[UserChoice]) -> None:
        menu = QMenu(self)
        menu.setObjectName("assign_menu")
        for user in users:
            action = menu.addAction(user.name)
            action.setData(user.id)
            action.triggered.connect(lambda _c=False, uid=user.id: self.assign_to(uid))
        self.menu = menu
        button = self.buttons["assign"]
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))


class MessageLoopControls:
    """The message window's part of the loop: the bar (in `loop_host`), the History box and
    the "Keep open" tick box under the reply; hidden for a message outside the loop."""

    def __init__(
        self, ctx: AppContext, window: QWidget, ui: Ui_MessageWindow, message_id: int
    ) -> None:
        # No reference to the window (a cycle would keep its wrapper after Qt deletes it).
        self.ctx, self.message_id = ctx, message_id
        self.bar = LoopBar(ctx, ui.loop_host)
        ui.loopHostLayout.addWidget(self.bar)
        self.bar.add_shortcuts(window)
        self.bar.acted.connect(lambda _key: self.reload())
        self.history_box, self.history, self.keep_open_box = (
            ui.history_box,
            ui.history,
            ui.keep_open,
        )
        ui.right_split.setStretchFactor(0, 3)
        ui.right_split.setStretchFactor(1, 1)
        self.loop: MessageLoop | None = None
        self.show(None)

    @property
    def keep_open(self) -> bool:
        """Whether the reply leaves the message open."""
        open_now = self.loop is not None and self.loop.row.is_open
        return open_now and self.keep_open_box.isChecked()

    def show(self, loop: MessageLoop | None) -> None:
        self.loop = loop
        self.bar.setVisible(loop is not None)
        self.bar.show_row(loop.row if loop else None, loop.may_work if loop else False)
        self.history_box.setVisible(loop is not None)
        self.history.setPlainText(history_text(loop.history) if loop else "")
        self.keep_open_box.setVisible(loop is not None and loop.row.is_open)

    def reload(self) -> None:
        actor, mid = self.ctx.actor, self.message_id
        ReadOp(
            self.ctx,
            lambda s: loop_lists.message_loop(s, actor, mid),
            parent=self.bar.window(),
            success=self.show,
        ).run_in_background()
