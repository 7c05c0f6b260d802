"""Setup > WebMail Templates (issue 22 part A; forms/webmail_templates.ui): the templates on
the left, the selected one on the right — name, who uses it (the practice, or a provider's
own), subject and message with merge fields, files from the practice's shared folder, and the
message settings (allow reply, notify if unread) a message written from it starts with.

Everyone who writes WebMail opens it: the core lets Setup users change every template and a
provider's users their provider's own ones (refusals shown, audited by the core). Problems are
shown next to their fields (`templates.template_problems`, checked again by the core); files
are checked by the attachment rules on a worker before they are listed.
"""

from pathlib import Path

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.attachments.rules import CheckedAttachment, Limits, check_file
from opendesk.core import preferences
from opendesk.core.enums import Permission
from opendesk.core.errors import ValidationError
from opendesk.core.services import templates
from opendesk.core.services.merge_fields import FIELDS
from opendesk.core.services.templates import TemplateInput, TemplateInvalid, TemplateRow
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_webmail_templates import Ui_WebMailTemplatesDialog
from opendesk.desktop.models.rows import RowsTableModel
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import FormProblems, confirm, setup_list_view
from opendesk.desktop.taskman import TaskResult

SETUP = Permission.SETUP.value
PRACTICE_SCOPE = "Practice — everyone may use it"
FIELDS_HELP = "Merge fields (written exactly so): " + "; ".join(
    f"{name} {meaning}" for name, meaning in FIELDS.items()
)


class TemplateListModel(RowsTableModel[TemplateRow]):
    HEADERS = ("Name", "Used by")

    def values(self, row: TemplateRow) -> tuple[str, ...]:
        return (row.name, row.owner)


class WebMailTemplatesDialog(QDialog):
    """`loaded` after the list is read; `saved(int)` after a save."""

    loaded = Signal()
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = ui = Ui_WebMailTemplatesDialog()
        ui.setupUi(self)
        self.setObjectName("webmail_templates_dialog")
        self.problems = FormProblems(ui)
        self.problems.clear()
        self.model = TemplateListModel(self)
        setup_list_view(ui.templatesView, self.model, lambda: None, self._selection_changed)
        self.editing: TemplateRow | None = None
        self.attachment_names: list[str] = []
        self.confirm_box: QWidget | None = None
        ui.fields_help.setText(FIELDS_HELP)
        ui.newButton.clicked.connect(self.new_template)
        ui.deleteButton.clicked.connect(self.delete)
        ui.saveButton.clicked.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        ui.addAttachmentButton.clicked.connect(self.choose_files)
        ui.removeAttachmentButton.clicked.connect(self.remove_attachment)
        ui.notify_unread.toggled.connect(ui.notify_unread_days.setEnabled)
        prefs = ctx.practice or {}
        self.folder = templates.shared_folder(str(prefs.get(preferences.ATOZ_PATH.name, "")))
        ui.folder_note.setText(
            f"Files are taken from {self.folder}."
            if self.folder
            else "No A-to-Z images folder is set (Setup > Data Paths…): no files can be added."
        )
        self.max_chars = int(prefs.get(preferences.MESSAGE_MAX_CHARS.name, 10000))
        self.limits = Limits(
            int(prefs.get(preferences.ATTACH_MAX_FILE_BYTES.name, Limits().max_file_bytes)),
            int(prefs.get(preferences.ATTACH_MAX_MESSAGE_BYTES.name, Limits().max_message_bytes)),
        )
        self.new_template()
        self.reload()

    # -- the list ----------------------------------------------------------------------------
    def reload(self, select_id: int | None = None, note: str = "") -> None:
        """Read the list again (selecting `select_id`), then show `note` (e.g. "Saved.")."""
        actor = self.ctx.actor

        def done(rows: list[TemplateRow]) -> None:
            self.model.set_rows(rows)
            for number, row in enumerate(rows):
                if row.id == select_id:
                    self.ui.templatesView.selectRow(number)
            self._update_buttons()
            if note:
                self.ui.messageLabel.setStyleSheet("color: #1b5e20;")
                self.ui.messageLabel.setText(note)
            self.loaded.emit()

        ReadOp(
            self.ctx,
            lambda s: templates.list_templates(s, actor, everyone=True),
            parent=self,
            success=done,
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    @property
    def selected(self) -> TemplateRow | None:
        rows = self.ui.templatesView.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.name == name:
                self.ui.templatesView.selectRow(number)
                return

    def _selection_changed(self) -> None:
        row = self.selected
        if row is not None:
            self.show_template(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.editing
        self.ui.deleteButton.setEnabled(row is not None and row.may_edit)

    # -- the editor --------------------------------------------------------------------------
    def _fill_scope(self, row: TemplateRow | None) -> None:
        combo, user = self.ui.scope, self.ctx.user
        combo.clear()
        combo.addItem(PRACTICE_SCOPE, None)
        if user is not None and user.provider_id is not None:
            combo.addItem(f"My own — {user.provider_name}", user.provider_id)
        if row is not None and row.provider_id is not None and combo.findData(row.provider_id) < 0:
            combo.addItem(f"{row.owner}'s own", row.provider_id)
        wanted = row.provider_id if row is not None else None
        combo.setCurrentIndex(max(0, combo.findData(wanted)))

    def new_template(self) -> None:
        """An empty editor for a new template (the practice's, or mine for a provider)."""
        self.ui.templatesView.clearSelection()
        self.editing = None
        self._show(None)
        user = self.ctx.user
        if user is not None and user.provider_id is not None and not user.may(SETUP):
            self.ui.scope.setCurrentIndex(max(0, self.ui.scope.findData(user.provider_id)))
        self.ui.name.setFocus()

    def show_template(self, row: TemplateRow) -> None:
        self.editing = row
        self._show(row)

    def _show(self, row: TemplateRow | None) -> None:
        ui = self.ui
        self.problems.clear()
        self._fill_scope(row)
        ui.name.setText(row.name if row else "")
        ui.subject.setText(row.subject if row else "")
        ui.body.setPlainText(row.body if row else "")
        self.attachment_names = list(row.attachment_names) if row else []
        self._show_attachments()
        ui.allow_reply.setChecked(row.allow_reply if row else True)
        days = row.notify_unread_days if row else None
        ui.notify_unread.setChecked(days is not None)
        ui.notify_unread_days.setValue(days or 3)
        ui.notify_unread_days.setEnabled(days is not None)
        editable = row is None or row.may_edit
        for widget in (
            ui.name, ui.scope, ui.subject, ui.body, ui.addAttachmentButton,
            ui.removeAttachmentButton, ui.allow_reply, ui.notify_unread, ui.saveButton,
        ):  # fmt: skip
            widget.setEnabled(editable)
        ui.notify_unread_days.setEnabled(editable and days is not None)
        if not editable:
            ui.messageLabel.setText(
                "Only users with the Setup permission change the practice's templates."
                if row is not None and row.provider_id is None
                else "Only the provider's users change a provider's own templates."
            )
        self._update_buttons()

    def _show_attachments(self) -> None:
        self.ui.attachments.clear()
        self.ui.attachments.addItems(self.attachment_names)

    def data(self) -> TemplateInput:
        ui = self.ui
        provider_id = ui.scope.currentData()
        return TemplateInput(
            name=ui.name.text(),
            subject=ui.subject.text(),
            body=ui.body.toPlainText(),
            personal=provider_id is not None,
            provider_id=provider_id,
            attachment_names=tuple(self.attachment_names),
            allow_reply=ui.allow_reply.isChecked(),
            notify_unread_days=(
                ui.notify_unread_days.value() if ui.notify_unread.isChecked() else None
            ),
        )

    # -- files from the shared folder ------------------------------------------------------
    def choose_files(self) -> None:
        from opendesk.desktop.attach import AtoZFileDialog

        if not self.folder or not Path(self.folder).is_dir():
            self.problems.show(
                {
                    "attachments": f"The shared folder {self.folder or '(not set)'} cannot be "
                    "reached. Create it in the A-to-Z images folder and put the files there."
                }
            )
            return
        dialog = AtoZFileDialog(Path(self.folder), parent=self)
        dialog.setWindowTitle("Files from the practice's shared folder")
        dialog.accepted.connect(lambda: self.add_files(dialog.selected_paths()))
        dialog.open()

    def add_files(self, paths: list[Path]) -> None:
        """Check each file with the attachment rules (worker), then list its name. Only files
        directly in the shared folder are kept: the template stores names, not paths."""
        for path in paths:
            if not self.folder or path.parent != Path(self.folder):
                self.problems.show(
                    {"attachments": f"“{path.name}” is not in the shared folder {self.folder}."}
                )
                continue
            self._check_file(path)

    def _check_file(self, path: Path) -> None:
        limits = self.limits
        self.ctx.taskman.run_in_background(
            lambda: check_file(path, limits=limits),
            lambda result: self._file_checked(path, result),
        )

    def _file_checked(self, path: Path, result: TaskResult[CheckedAttachment]) -> None:
        if not shiboken6.isValid(self):
            return
        if not result.ok:
            error = result.error
            text = str(error) if isinstance(error, ValidationError) else "It cannot be read."
            self.problems.show({"attachments": text})
            return
        if path.name.casefold() not in {n.casefold() for n in self.attachment_names}:
            self.attachment_names.append(path.name)
            self._show_attachments()

    def remove_attachment(self) -> None:
        row = self.ui.attachments.currentRow()
        if 0 <= row < len(self.attachment_names):
            del self.attachment_names[row]
            self._show_attachments()

    # -- save and delete -----------------------------------------------------------------------
    def save(self) -> None:
        self.ui.messageLabel.setStyleSheet("color: #b00020;")
        data = self.data()
        problems = templates.template_problems(data, self.max_chars)
        if problems:
            self.problems.show(problems)
            return
        actor = self.ctx.actor
        template_id = self.editing.id if self.editing is not None else None
        WriteOp(
            self.ctx,
            lambda s: templates.save_template(s, actor, data, template_id),
            changes=OpChanges(),
            parent=self,
            success=self._saved,
        ).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, TemplateInvalid):
            self.problems.show(exc.problems)
        else:
            self.problems.failed(self, exc)

    def _saved(self, template_id: int) -> None:
        self.problems.clear()
        self.saved.emit(template_id)
        self.reload(template_id, "Saved.")

    def delete(self) -> None:
        row = self.editing
        if row is None:
            return
        actor = self.ctx.actor

        def really() -> None:
            WriteOp(
                self.ctx,
                lambda s: templates.delete_template(s, actor, row.id),
                changes=OpChanges(),
                parent=self,
                success=lambda _none: self._deleted(),
            ).failure(self._failed).run_in_background()

        self.confirm_box = confirm(self, f"Delete the template “{row.name}”?", really)

    def _deleted(self) -> None:
        self.new_template()
        self.reload()
