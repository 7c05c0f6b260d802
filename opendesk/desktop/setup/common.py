"""What the setup dialogs share: problems shown next to their fields (labels named
`<field>_error` in the form), a summary in `messageLabel`, and expected refusals (the core's
PermissionDenied, a missing object) shown both in the dialog and on the message channel, so the
dialog stays open with everything typed still in it.
"""

from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableView,
    QWidget,
)
from sqlalchemy.orm import Session

from opendesk.core import preference_rules
from opendesk.core.errors import ConfigurationError, ValidationError
from opendesk.core.services import practice_setup
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.message_channel import channel, is_expected, show_error, user_message
from opendesk.desktop.operations import OpContext, WriteOp


def _error_labels(ui: Any) -> dict[str, QLabel]:
    return {
        name.removesuffix("_error"): widget
        for name, widget in vars(ui).items()
        if name.endswith("_error") and isinstance(widget, QLabel)
    }


class FormProblems:
    """Field problems of one form (`ui` is the generated Ui_* object)."""

    def __init__(self, ui: Any) -> None:
        self.ui = ui
        self.labels = _error_labels(ui)
        self.message: QLabel | None = getattr(ui, "messageLabel", None)

    def clear(self) -> None:
        for label in self.labels.values():
            label.setText("")
            label.setVisible(False)
        if self.message is not None:
            self.message.setText("")

    def show(self, problems: dict[str, str]) -> None:
        self.clear()
        for field, text in problems.items():
            label = self.labels.get(field)
            if label is not None:
                label.setText(text)
                label.setVisible(True)
        unplaced = [text for field, text in problems.items() if field not in self.labels]
        if self.message is not None:
            if unplaced:
                self.message.setText(" ".join(unplaced))
            elif problems:
                self.message.setText(
                    "Please correct the highlighted field."
                    if len(problems) == 1
                    else f"Please correct the {len(problems)} highlighted fields."
                )
        first = next(iter(problems), None)
        widget = getattr(self.ui, first, None) if first else None
        if isinstance(widget, QWidget):
            widget.setFocus()

    @property
    def current(self) -> dict[str, str]:
        return {field: label.text() for field, label in self.labels.items() if label.text()}

    def failed(self, parent: QWidget, exc: BaseException) -> None:
        """Show a failed save: a field's problem next to it, a refusal in the dialog and on
        the message channel, a bug in the crash dialog."""
        if isinstance(exc, ValidationError) and exc.field in self.labels:
            self.show({str(exc.field): str(exc)})
        elif isinstance(exc, ValidationError):
            self.show({"": str(exc)})
        elif is_expected(exc):
            if self.message is not None:
                self.message.setText(user_message(exc))
            show_error(parent, exc)
        else:
            show_error(parent, exc)


def save_preferences(
    ctx: OpContext,
    dialog: QWidget,
    problems: FormProblems,
    work: Callable[[Session], None],
    success: Callable[[None], None],
) -> None:
    """Run a setup dialog's save (`work` calls `practice_setup.set_preferences`) on a worker;
    a refusal is shown next to its field and the dialog keeps what was typed."""
    WriteOp(ctx, work, changes=OpChanges(preferences=True), parent=dialog, success=success).failure(
        lambda exc: problems.failed(dialog, exc)
    ).run_in_background()


def save_checked_preferences(
    ctx: AppContext,
    dialog: QDialog,
    problems: FormProblems,
    values: dict[Any, Any],
) -> None:
    """Check `values` against the preference rules (problems shown next to their fields, the
    dialog stays open), else save them with `practice_setup.set_preferences` on a worker and
    close the dialog when saved."""
    found = preference_rules.problems(values)
    if found:
        problems.show(found)
        return
    actor = ctx.actor
    save_preferences(
        ctx,
        dialog,
        problems,
        lambda s: practice_setup.set_preferences(s, actor, values),
        lambda _: dialog.accept(),
    )


def store_in_keyring(store: Callable[[], object], what: str) -> None:
    """Keep a secret in this computer's keyring after the settings were saved."""
    try:
        store()
    except Exception as exc:
        raise ConfigurationError(
            "The settings were saved, but this computer's keyring did not take the "
            f"{what} ({type(exc).__name__}). Ask IT to set up a keyring."
        ) from None


def confirm(
    parent: QWidget, text: str, on_yes: Callable[[], None], title: str = "OpenDesk"
) -> QMessageBox:
    """A non-blocking Yes/No question; `on_yes` runs when Yes is chosen. Returns the box."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("setup_confirm")

    def answered(button: Any) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.buttonClicked.connect(answered)
    box.open()
    channel()._keep(box)
    return box


def keep_open(dialog: QDialog) -> QDialog:
    """Open `dialog` window-modal and delete it when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def setup_list_view(
    view: QTableView,
    model: QAbstractItemModel,
    on_open: Callable[[], None],
    on_selection: Callable[[], None],
) -> None:
    """The list of a setup dialog: no row numbers, columns fitted, double-click opens."""
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.doubleClicked.connect(lambda _index: on_open())
    view.selectionModel().selectionChanged.connect(lambda *_: on_selection())


def fill_checklist(
    view: QListWidget, choices: list[tuple[int, str]], keys: Collection[int] = ()
) -> None:
    """A list of tick boxes, each item carrying its id; those in `keys` ticked."""
    view.clear()
    for key, text in choices:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)
        view.addItem(item)


def set_checked(view: QListWidget, keys: Collection[int]) -> None:
    """Tick exactly the items whose id is in `keys`."""
    for i in range(view.count()):
        item = view.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) in keys
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def keys_of(view: QListWidget, texts: Collection[str]) -> set[int]:
    """The ids of the items whose text is in `texts`."""
    return {
        int(view.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(view.count())
        if view.item(i).text() in texts
    }


def checked(view: QListWidget) -> list[int]:
    """The ids of the ticked items, in list order."""
    return [
        int(view.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(view.count())
        if view.item(i).checkState() == Qt.CheckState.Checked
    ]
