"""Templates and the signature in the compose window (a part of `ComposeWindow`, issue 22).

- **Template… (Ctrl+T)** lists the templates the user may use (`templates.list_templates`, the
  practice's and the personal ones of the user's and the From provider) in a `TemplatePicker`;
  the chosen one is filled for the Regarding patient, the recipient and the From provider
  (`templates.resolve_template`, a ReadOp) and replaces the subject and the typed part of the
  message (Ctrl+Z in the message brings the text back); the signature stays under it. Its files
  come from the practice's shared folder through the attachment list (the attachment rules).
- Merge fields the template left unresolved (not a field, or no data: [NextAptDate]) are red
  in the message (`FieldHighlighter`, plain text), the subject turns red, a red line under the
  message says why, and Send/Preview stay off (`Blocker.UNKNOWN_MERGE_FIELDS`) until they are
  edited away.
- `window.template` is the last template applied (`ResolvedTemplate`); its message settings
  (`allow_reply`, `notify_unread_days`) go to the Message settings group as defaults, unless
  the user already changed them there.
- The signature of the From provider (`Opening.signature`) starts a new message, after a blank
  line; a reopened draft already holds it (and is not signed again). When From changes and the
  message still ends with the old signature, the new provider's replaces it.
"""

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from opendesk.core.services import signatures, templates
from opendesk.core.services.compose import Opening
from opendesk.core.services.merge_fields import MergeRequest
from opendesk.core.services.providers import ProviderRow
from opendesk.core.services.templates import ResolvedTemplate, TemplateRow
from opendesk.desktop import message_channel
from opendesk.desktop.attach import AttachmentListWidget
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_compose import Ui_ComposeWindow
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.text import RED
from opendesk.desktop.webmail.message_settings import MessageSettingsBox
from opendesk.desktop.webmail.template_picker import FieldHighlighter, TemplatePicker


class ComposeTemplates:
    """Mixed into ComposeWindow (a QDialog holding `ui`, `ctx`, `opening`, `provider`)."""

    ui: Ui_ComposeWindow
    ctx: AppContext
    opening: Opening
    provider: ProviderRow | None
    _touched: set[str]
    attachment_list: AttachmentListWidget
    message_settings: MessageSettingsBox
    evaluated: SignalInstance

    @property
    def regarding_id(self) -> int:
        raise NotImplementedError

    @property
    def recipient_id(self) -> int | None:
        raise NotImplementedError

    def _update_state(self) -> None:
        raise NotImplementedError

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # -- set-up ----------------------------------------------------------------------------
    def _initial_body(self) -> str:
        """A new message starts with the From provider's signature after a blank line."""
        return signatures.with_signature("", self.opening.signature)

    def _setup_templates(self) -> None:
        ui = self.ui
        draft, signature = self.opening.draft, self.opening.signature
        # A reopened draft keeps the signature it was written with (not appended again).
        signed = draft is None or signatures.signed(draft.body, signature)
        self.signature = signature if signed else ""
        self._signed_provider_id = self.provider.id if self.provider else None
        self._unresolved: tuple[str, ...] = ()
        self._reasons: dict[str, str] = {}
        self.template: ResolvedTemplate | None = None
        self.picker: TemplatePicker | None = None
        self.template_button = QPushButton("&Template…")
        self.template_button.setObjectName("template_button")
        self.template_button.setToolTip("Start from a WebMail template (Ctrl+T)")
        self.template_button.clicked.connect(self.choose_template)
        ui.bodyHeaderLayout.insertWidget(2, self.template_button)
        QShortcut(QKeySequence("Ctrl+T"), self._widget(), self.choose_template)
        self.highlighter = FieldHighlighter(ui.body.document())
        self.fields_note = QLabel()
        self.fields_note.setObjectName("merge_fields_note")
        self.fields_note.setTextFormat(Qt.TextFormat.PlainText)
        self.fields_note.setWordWrap(True)
        self.fields_note.setStyleSheet(f"color: {RED};")
        self.fields_note.hide()
        ui.mainLayout.insertWidget(ui.mainLayout.indexOf(ui.body) + 1, self.fields_note)
        ui.subject.textChanged.connect(lambda _t: self._show_fields())
        ui.body.textChanged.connect(self._show_fields)
        self.evaluated.connect(self._follow_provider_signature)
        if self.opening.draft is None:
            ui.body.moveCursor(QTextCursor.MoveOperation.Start)  # typing goes above it

    # -- what is left to edit --------------------------------------------------------------
    @property
    def typed_body(self) -> str:
        """The message without the signature at its end."""
        return signatures.without_signature(self.ui.body.toPlainText(), self.signature)

    def unresolved_fields(self) -> list[str]:
        """The template's unresolved fields still in the subject or the message."""
        subject, body = self.ui.subject.text(), self.ui.body.toPlainText()
        return [t for t in self._unresolved if t in subject or t in body]

    def _show_fields(self) -> None:
        left = self.unresolved_fields()
        self.highlighter.set_tokens(left)
        in_subject = any(t in self.ui.subject.text() for t in left)
        self.ui.subject.setStyleSheet(f"color: {RED};" if in_subject else "")
        if left:
            lines = [f"{t}: {self._reasons.get(t, 'not a merge field.')}" for t in left]
            self.fields_note.setText(
                "Edit the fields in red before sending (they stay as typed otherwise):\n"
                + "\n".join(lines)
            )
        self.fields_note.setVisible(bool(left))

    # -- choosing a template ---------------------------------------------------------------
    def choose_template(self) -> None:
        if not self.template_button.isEnabled():
            return
        actor = self.ctx.actor
        provider_id = self.provider.id if self.provider else None
        ReadOp(
            self.ctx,
            lambda s: templates.list_templates(s, actor, for_provider_id=provider_id),
            parent=self._widget(),
            success=self._show_picker,
        ).run_in_background()

    def _show_picker(self, rows: list[TemplateRow]) -> None:
        if self.picker is not None and shiboken6.isValid(self.picker):
            self.picker.close()
        picker = TemplatePicker(rows, self._widget())
        picker.chosen.connect(self.use_template)
        self.picker = picker
        picker.open()

    def use_template(self, row: TemplateRow) -> None:
        actor = self.ctx.actor
        request = MergeRequest(
            patient_id=self.recipient_id or self.opening.context.selected.id,
            regarding_id=self.regarding_id,
            provider_id=self.provider.id if self.provider else None,
        )
        ReadOp(
            self.ctx,
            lambda s: templates.resolve_template(s, actor, row.id, request),
            parent=self._widget(),
            success=self.apply_template,
        ).run_in_background()

    def apply_template(self, filled: ResolvedTemplate) -> None:
        """Subject and message from the template (the signature kept under it), its files
        added through the attachment rules, its unresolved fields marked."""
        ui = self.ui
        self.template = filled
        self._unresolved = filled.unresolved
        self._reasons = dict(filled.reasons)
        ui.subject.setText(filled.subject)
        cursor = QTextCursor(ui.body.document())
        cursor.beginEditBlock()  # one undo step
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(signatures.with_signature(filled.body, self.signature))
        cursor.endEditBlock()
        cursor.setPosition(0)
        ui.body.setTextCursor(cursor)
        ui.body.setFocus()
        self._add_template_files(filled.attachment_names)
        # The template's reply and follow-up settings, unless the user already chose them.
        self.message_settings.apply_defaults(filled.allow_reply, filled.notify_unread_days)
        self._show_fields()
        self._update_state()

    def _add_template_files(self, names: tuple[str, ...]) -> None:
        if not names:
            return
        folder = templates.shared_folder(self.opening.atoz_root)
        if self.opening.storage_kind != "folder" or not folder:
            message_channel.warning(
                self._widget(),
                "The template's files are in the practice's shared folder (EmailAttachments "
                "in the A-to-Z images folder), which is not set up here (Setup > Data Paths…). "
                "Attach them yourself.",
                "Secure WebMail",
            )
            return
        for name in names:
            self.attachment_list.add_path(Path(folder) / name)

    # -- the signature follows From --------------------------------------------------------
    def _follow_provider_signature(self) -> None:
        """After each setup check: when From changed and the message still ends with the old
        signature, put the new provider's there."""
        new_id = self.provider.id if self.provider else None
        if new_id == self._signed_provider_id:
            return
        self._signed_provider_id = new_id
        ReadOp(
            self.ctx,
            lambda s: signatures.signature_of(s, new_id),
            parent=self._widget(),
            success=self._swap_signature,
        ).run_in_background()

    def _swap_signature(self, new: str) -> None:
        old, body = self.signature, self.ui.body.toPlainText()
        if new == old or (old and not signatures.signed(body, old)):
            return  # the same, or the user changed the signature: leave it
        if not old and self.opening.draft is not None:
            return  # a draft written without a signature stays without one
        typed = signatures.without_signature(body, old)
        touched = "body" in self._touched
        self.signature = new
        self.ui.body.setPlainText(signatures.with_signature(typed, new))
        if not touched:
            self._touched.discard("body")  # not typed by the user: closing does not ask
            self._update_state()
