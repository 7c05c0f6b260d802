"""The compose window of the manual's send flow: WebMail → Regarding → From provider → Subject
and Message → Attach → Preview or Send.

    launcher = install(ctx, main_window)   # WebMail button and ctx.draftRequested → a window
    launcher.open_for_patient(patient_id)  # or open_draft(draft_id)

`ComposeWindow` is a non-modal window (several can be open). Everything that touches the
database runs as a ReadOp/WriteOp on a worker: loading the window (`load_opening`), checking the
setup each time Regarding or From changes (`evaluate`: the red problems of
`core.services.compose.send_problems`), the portal server's health check (`requests`, on a
worker, only when the portal URL itself is usable), Preview (`preview.build_preview`), Save
Draft and Send (`send_flow.run_send`, with the provider password prompt). Subject, message and
names are shown as plain text everywhere.
"""

import logging
import uuid
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from opendesk.attachments.rules import CheckedAttachment, Limits, human_size
from opendesk.core import notices, scope
from opendesk.core import preferences as prefs
from opendesk.core.enums import Permission
from opendesk.core.models import Patient
from opendesk.core.services import providers
from opendesk.core.services.compose import (
    ComposeContext,
    PersonRef,
    compose_context,
    recipient_for,
    refusal_to_open,
    send_problems,
)
from opendesk.core.services.providers import ProviderRow
from opendesk.core.services.webmail import (
    SUBJECT_MAX,
    MessageView,
    NewAttachment,
    Outgoing,
    SendResult,
    open_message,
    save_draft,
    send,
)
from opendesk.core.settings import resolve_portal_url
from opendesk.desktop import message_channel
from opendesk.desktop.attach import AtoZFileDialog, AttachmentListWidget, DropboxSelectFilesDialog
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext, PatientSelection
from opendesk.desktop.forms_generated.ui_compose import Ui_ComposeWindow
from opendesk.desktop.icons import icon
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.portal_status import PortalStatus, check_portal
from opendesk.desktop.taskman import TaskResult
from opendesk.desktop.webmail.scanner_note import ScannerNote
from opendesk.desktop.webmail.send_flow import run_send
from opendesk.desktop.webmail.send_preview import PreviewData, PreviewRequest, SendPreviewDialog
from opendesk.desktop.webmail.send_preview import build_preview as _build_preview

log = logging.getLogger("opendesk.desktop.webmail")

PORTAL_CHECK_TIMEOUT = 2.0
"""Seconds the portal health check waits (the window says "checking…" meanwhile)."""
PORTAL_NOT_ANSWERING = (
    "The patient portal server does not answer at {url}. Start it (or ask IT to), then click "
    "Check again."
)
RED = "#b00020"


# -- data the worker reads ------------------------------------------------------------------


@dataclass(frozen=True)
class PatientName:
    id: int
    last_name: str
    first_name: str


@dataclass(frozen=True)
class Opening:
    """Everything the window needs to open, read in one operation."""

    context: ComposeContext
    provider: ProviderRow | None
    max_chars: int
    limits: Limits
    storage_kind: str
    atoz_root: str
    dropbox_root: str
    names: tuple[PatientName, ...]
    draft: MessageView | None = None


@dataclass(frozen=True)
class Evaluation:
    """The setup check for one Regarding/From pair."""

    regarding_id: int
    provider_id: int | None
    recipient: PersonRef | None
    recipient_email: str
    problems: tuple[str, ...]
    portal_url: str
    portal_url_usable: bool


class Refused(Exception):
    """The window cannot open; the message says why (shown to the user, no PHI)."""


def load_opening(session: Session, patient_id: int, draft: MessageView | None = None) -> Opening:
    refusal = refusal_to_open(session, patient_id)
    if refusal:
        raise Refused(refusal)
    context = compose_context(session, patient_id)
    provider_id = draft.provider_id if draft else context.default_provider_id
    ids = {o.id for o in context.regarding_options} | {patient_id}
    names = tuple(
        PatientName(p.id, p.last_name, p.first_name)
        for p in (session.get(Patient, i) for i in sorted(ids))
        if p is not None
    )
    return Opening(
        context=context,
        provider=providers.provider_row(session, provider_id),
        max_chars=prefs.get(session, prefs.MESSAGE_MAX_CHARS),
        limits=Limits.from_preferences(session),
        storage_kind=prefs.get(session, prefs.STORAGE_KIND),
        atoz_root=prefs.get(session, prefs.ATOZ_PATH),
        dropbox_root=prefs.get(session, prefs.DROPBOX_ROOT),
        names=names,
        draft=draft,
    )


OUTSIDE_SCOPE = (
    "The patient this message is about is outside what {name}'s portal account may see. "
    "Choose another Regarding patient."
)


def evaluate(
    session: Session, regarding_id: int, provider_id: int | None, recipient_id: int | None = None
) -> Evaluation:
    """The setup check. `recipient_id`: the portal account the window was opened for; a
    Regarding patient outside that account's PHI scope (the scope changed since, say the
    practice turned family access off) is a problem of its own."""
    regarding = session.get(Patient, regarding_id)
    recipient = recipient_for(session, regarding) if regarding is not None else None
    url = prefs.get(session, prefs.PORTAL_URL).strip()
    url_problem = notices.portal_url_problem(url, prefs.get(session, prefs.DEMO_MODE))
    problems = send_problems(session, regarding_id, provider_id)
    if recipient_id is not None and not scope.in_scope(session, recipient_id, regarding_id):
        holder = session.get(Patient, recipient_id)
        if holder is not None:
            problems.insert(0, OUTSIDE_SCOPE.format(name=holder.display_name))
    return Evaluation(
        regarding_id=regarding_id,
        provider_id=provider_id,
        recipient=(
            PersonRef(recipient.id, recipient.display_name) if recipient is not None else None
        ),
        recipient_email=recipient.email.strip() if recipient is not None else "",
        problems=tuple(problems),
        portal_url=url,
        portal_url_usable=url_problem is None,
    )


def _plain_label(text: str = "", *, color: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if color:
        label.setStyleSheet(f"color: {color};")
    return label


# -- the window -----------------------------------------------------------------------------


class ComposeWindow(QDialog):
    """One message being written. Signals: `evaluated` after each setup check (problems
    shown), `sent(SendResult)`, `draftSaved(int)`."""

    evaluated = Signal()
    sent = Signal(object)
    draftSaved = Signal(int)

    def __init__(self, ctx: AppContext, opening: Opening, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opening = opening
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        self.ui = Ui_ComposeWindow()
        self.ui.setupUi(self)
        self.setObjectName("compose_window")
        self.setWindowIcon(icon("webmail"))
        ui = self.ui
        cc = opening.context
        draft = opening.draft
        self.draft_id: int | None = draft.id if draft else None
        self.request_id = str(uuid.uuid4())  # one per window: a retried send never duplicates
        self.provider: ProviderRow | None = opening.provider
        self.evaluation: Evaluation | None = None
        self.portal: PortalStatus | None = None
        self._portal_checked_url: str | None = None
        self._generation = 0
        self._busy = False
        self._finished = False  # sent, saved or discarded: close without asking
        self._touched: set[str] = set()
        self.max_chars = opening.max_chars
        self.problem_labels: list[QLabel] = []
        self.preview_dialog: SendPreviewDialog | None = None

        # Regarding: options from the recipient's PHI scope, the selected patient first chosen
        options = list(cc.regarding_options)
        if all(o.id != cc.selected.id for o in options):
            options.insert(0, cc.selected)
        for option in options:
            ui.regarding.addItem(option.name, option.id)
        wanted = draft.regarding_patient_id if draft else cc.selected.id
        ui.regarding.setCurrentIndex(max(0, ui.regarding.findData(wanted)))
        ui.regarding.currentIndexChanged.connect(lambda _i: self.reevaluate())

        self._show_provider()
        ui.provider_button.clicked.connect(self.choose_provider)
        ui.provider.setToolTip("The provider the patient sees as the sender")

        ui.subject.setMaxLength(SUBJECT_MAX)
        ui.body.setTabChangesFocus(False)
        if draft is not None:
            ui.subject.setText(draft.subject)
            ui.body.setPlainText(draft.body)
        ui.subject.textChanged.connect(lambda _t: self._edited("subject"))
        ui.body.textChanged.connect(lambda: self._edited("body"))

        # attachments: the draft's stored ones (kept unless removed), then new ones
        self.kept: dict[int, tuple[str, int]] = {
            a.id: (a.name, a.size) for a in (draft.attachments if draft else ())
        }
        self.kept_list = QListWidget()
        self.kept_list.setObjectName("kept_attachments")
        self.kept_list.setMaximumHeight(52)
        self.kept_remove = QPushButton("Remove")
        self.kept_remove.clicked.connect(self.remove_kept)
        kept_row = QHBoxLayout()
        kept_row.addWidget(self.kept_list, 1)
        kept_row.addWidget(self.kept_remove, 0, Qt.AlignmentFlag.AlignTop)
        self.kept_box = QWidget()
        self.kept_box.setLayout(kept_row)
        kept_row.setContentsMargins(0, 0, 0, 0)
        ui.attachmentsLayout.insertWidget(0, self.kept_box)
        self._fill_kept()
        self.attachment_list = make_attachment_list(opening.limits, self)
        self.attachment_list.setMaximumHeight(150)  # the message keeps the room
        ui.attachmentsLayout.insertWidget(1, self.attachment_list)
        self.attachment_list.changed.connect(self._update_state)
        self.scanner_note = ScannerNote(ctx, self.attachment_list, self)
        ui.attachmentsLayout.insertWidget(2, self.scanner_note)
        ui.attach_button.clicked.connect(self.attach)
        ui.local_file_button.clicked.connect(self.attach_local_file)
        where = "Dropbox" if opening.storage_kind == "dropbox" else "A to Z folder"
        ui.attach_button.setToolTip(
            f"Attach a file from the patient's {where}; Select Local File for any other file"
        )

        self.send_note = _plain_label(color="#555")
        self.send_note.setObjectName("send_note")
        self.send_note.setWordWrap(False)
        ui.buttonsLayout.insertWidget(1, self.send_note)
        if not self.may_send:
            self.send_note.setText("Only a provider can send: save it as a draft for one.")
        ui.problems_layout.setContentsMargins(0, 0, 0, 0)
        ui.recheck_button.clicked.connect(lambda: self.reevaluate(recheck_portal=True))
        ui.save_draft_button.clicked.connect(self.save_draft)
        ui.preview_button.clicked.connect(self.preview)
        ui.send_button.clicked.connect(self.send)
        ui.cancel_button.clicked.connect(self.close)
        ui.send_button.setIcon(icon("webmail"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self._send_shortcut)
        ctx.changes.changed.connect(self._on_changes)

        title_name = next((o.name for o in options if o.id == wanted), cc.selected.name)
        self.setWindowTitle(f"Secure WebMail - {title_name}")
        self._update_counter()
        self._update_state()
        (ui.body if draft else ui.subject).setFocus()
        self.reevaluate()

    # -- values ----------------------------------------------------------------------------
    @property
    def regarding_id(self) -> int:
        value = self.ui.regarding.currentData()
        return int(value) if value is not None else self.opening.context.selected.id

    @property
    def provider_id(self) -> int | None:
        return self.provider.id if self.provider else None

    @property
    def subject(self) -> str:
        return self.ui.subject.text()

    @property
    def body(self) -> str:
        return self.ui.body.toPlainText()

    def checked_attachments(self) -> list[CheckedAttachment]:
        return list(self.attachment_list.attachments())

    def outgoing(self) -> Outgoing:
        assert self.provider is not None
        return Outgoing(
            regarding_patient_id=self.regarding_id,
            provider_id=self.provider.id,
            subject=self.subject,
            body=self.body,
            client_request_id=self.request_id,
            attachments=tuple(
                NewAttachment(a.name, a.content_type, a.data, a.flags_text)
                for a in self.checked_attachments()
            ),
            draft_id=self.draft_id,
            keep_attachment_ids=tuple(self.kept),
        )

    @property
    def may_send(self) -> bool:
        user = self.ctx.user
        return user is not None and user.may(Permission.WEBMAIL_SEND.value)

    @property
    def problems(self) -> list[str]:
        """The red setup warnings on screen now."""
        return [label.text() for label in self.problem_labels]

    # -- provider --------------------------------------------------------------------------
    def _show_provider(self) -> None:
        self.ui.provider.setText(self.provider.label if self.provider else "")

    def choose_provider(self) -> None:
        from opendesk.desktop.dialogs.provider_picker import ProviderPickerDialog

        row = ProviderPickerDialog.pick(
            self.ctx, self, selected_id=self.provider_id, only_with_users=True
        )
        if row is not None and shiboken6.isValid(self):
            self.set_provider(row)

    def set_provider(self, row: ProviderRow) -> None:
        changed = row.id != self.provider_id
        self.provider = row
        self._show_provider()
        if changed:
            self.reevaluate()

    # -- setup check -----------------------------------------------------------------------
    def reevaluate(self, *, recheck_portal: bool = False) -> None:
        """Check the setup for the current Regarding/From (worker), then the portal."""
        self._generation += 1
        generation = self._generation
        if recheck_portal:
            self._portal_checked_url = None
        self.evaluation = None
        self._show_checking()
        regarding, provider = self.regarding_id, self.provider_id
        recipient = self.opening.context.recipient
        holder = recipient.id if recipient is not None else None
        ReadOp(
            self.ctx,
            lambda s: evaluate(s, regarding, provider, holder),
            parent=self,
            success=lambda ev: self._evaluated(generation, ev),
        ).failure(lambda exc: self._evaluation_failed(generation, exc)).run_in_background()

    def _evaluated(self, generation: int, ev: Evaluation) -> None:
        if generation != self._generation:
            return
        self.evaluation = ev
        url = resolve_portal_url(self.ctx.settings) or ev.portal_url
        if ev.portal_url_usable and url != self._portal_checked_url:
            self.portal = None
            self._show_problems()

            def done(result: TaskResult[PortalStatus]) -> None:
                if not shiboken6.isValid(self) or generation != self._generation:
                    return
                self._portal_checked_url = url
                self.portal = (
                    result.value() if result.ok else PortalStatus(True, False, "check failed")
                )
                self._show_problems()
                self.evaluated.emit()

            self.ctx.taskman.run_in_background(
                lambda: check_portal(url, timeout=PORTAL_CHECK_TIMEOUT), done
            )
            return
        self._show_problems()
        self.evaluated.emit()

    def _evaluation_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        message_channel.show_error(self, exc)
        self._set_problems(["The setup could not be checked. Click Check again."])
        self.evaluated.emit()

    def _portal_problem(self) -> str | None:
        ev = self.evaluation
        if ev is None or not ev.portal_url_usable or self.portal is None:
            return None
        if self.portal.answering:
            return None
        url = resolve_portal_url(self.ctx.settings) or ev.portal_url
        return PORTAL_NOT_ANSWERING.format(url=url)

    @property
    def checking(self) -> bool:
        ev = self.evaluation
        return ev is None or (ev.portal_url_usable and self.portal is None)

    def _show_checking(self) -> None:
        self.ui.notify_line.setText("Checking the setup…")
        self.ui.notify_line.setStyleSheet("color: #555;")
        self._update_state()

    def _show_problems(self) -> None:
        ev = self.evaluation
        if ev is None:
            return
        problems = list(ev.problems)
        portal_problem = self._portal_problem()
        if portal_problem:
            problems.append(portal_problem)
        self._set_problems(problems)
        if ev.recipient is not None:
            regarding_name = self.ui.regarding.currentText()
            if ev.recipient.id == ev.regarding_id:
                who = f"{ev.recipient.name} (the patient's own portal account)"
            else:
                who = (
                    f"{ev.recipient.name}, in their patient portal account "
                    f"({regarding_name} has no account of their own)"
                )
        else:
            who = "Nobody: no portal account can receive this message."
        self.ui.recipient.setText(who)
        if self.checking:
            self._show_checking()
        elif problems:
            self.ui.notify_line.setText(
                "Send and Preview are off until the setup problems below are fixed:"
            )
            self.ui.notify_line.setStyleSheet(f"color: {RED}; font-weight: bold;")
        else:
            self.ui.notify_line.setText(
                f"Notification e-mail will be sent to: {ev.recipient_email}"
            )
            self.ui.notify_line.setStyleSheet("color: #1b5e20;")
        self._update_state()

    def _set_problems(self, problems: list[str]) -> None:
        layout = self.ui.problems_layout
        for label in self.problem_labels:
            layout.removeWidget(label)
            label.hide()
            label.setParent(None)
            label.deleteLater()
        self.problem_labels = []
        for text in problems:
            label = _plain_label(text, color=RED)
            label.setObjectName("setup_problem")
            layout.addWidget(label)
            self.problem_labels.append(label)
        self.ui.problems_box.setVisible(bool(problems))

    # -- editing state ---------------------------------------------------------------------
    def _edited(self, field: str) -> None:
        self._touched.add(field)
        if field == "body":
            self._update_counter()
        self._update_state()

    def _update_counter(self) -> None:
        n = len(self.body)
        over = n > self.max_chars
        self.ui.body_counter.setText(f"{n:,} / {self.max_chars:,}")
        self.ui.body_counter.setStyleSheet(f"color: {RED}; font-weight: bold;" if over else "")

    def field_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.subject.strip():
            errors["subject"] = "Enter a subject."
        if not self.body.strip():
            errors["body"] = "Enter a message."
        elif len(self.body) > self.max_chars:
            over = len(self.body) - self.max_chars
            errors["body"] = (
                f"The message is longer than {self.max_chars:,} characters; shorten it by {over:,}."
            )
        return errors

    def send_blockers(self) -> list[str]:
        """Why Send is off (empty when it is on)."""
        reasons: list[str] = []
        if not self.may_send:
            reasons.append(
                "Only a provider can send (WebMailSend permission). Save Draft, and a provider "
                "sends it from the Email Inbox's Drafts."
            )
        if self.checking:
            reasons.append("The setup is still being checked.")
        elif self.problem_labels:
            reasons.append("Fix the setup problems shown in red first.")
        if self.field_errors():
            reasons.append("Enter a subject and a message.")
        if self.provider is None:
            reasons.append("Choose the provider the message is from.")
        if self.attachment_list.is_busy():
            reasons.append("Attachments are still being checked.")
        if self._busy:
            reasons.append("Busy…")
        return reasons

    def _update_state(self) -> None:
        ui = self.ui
        errors = self.field_errors()
        ui.subject_error.setText(errors.get("subject", "") if "subject" in self._touched else "")
        ui.subject_error.setVisible(bool(ui.subject_error.text()))
        over = "body" in errors and len(self.body) > self.max_chars
        ui.body_error.setText(errors.get("body", "") if ("body" in self._touched or over) else "")
        blockers = self.send_blockers()
        ui.send_button.setEnabled(not blockers)
        ui.send_button.setToolTip(
            "\n".join(blockers) if blockers else "Send the secure message (Ctrl+Enter)"
        )
        preview_blockers = [
            b
            for b in blockers
            if not b.startswith("Only a provider") and not b.startswith("Attachments")
        ]
        ui.preview_button.setEnabled(not preview_blockers)
        ui.preview_button.setToolTip(
            "\n".join(preview_blockers)
            if preview_blockers
            else "See the notification e-mail and the secure message as the patient will"
        )
        can_save = bool(self.subject.strip() or self.body.strip()) and not self._busy
        ui.save_draft_button.setEnabled(can_save and not self.attachment_list.is_busy())
        ui.save_draft_button.setToolTip(
            "Keep this message in Drafts (Email Inbox) so a provider can send it"
            if can_save
            else "Type a subject or a message first"
        )
        for widget in (ui.regarding, ui.provider_button, ui.attach_button, ui.local_file_button):
            widget.setEnabled(not self._busy)

    def _on_changes(self, changes: OpChanges, initiator: object) -> None:
        if initiator is self or not shiboken6.isValid(self):
            return
        if changes.patients or changes.preferences or changes.providers or changes.users:
            self.reevaluate()

    # -- attachments -----------------------------------------------------------------------
    def _fill_kept(self) -> None:
        self.kept_list.clear()
        for att_id, (name, size) in self.kept.items():
            item = QListWidgetItem(f"{name}  ({human_size(size)}, saved with the draft)")
            item.setData(Qt.ItemDataRole.UserRole, att_id)
            self.kept_list.addItem(item)
        self.kept_box.setVisible(bool(self.kept))

    def remove_kept(self) -> None:
        item = self.kept_list.currentItem()
        if item is None:
            return
        self.kept.pop(int(item.data(Qt.ItemDataRole.UserRole)), None)
        self._fill_kept()
        self._update_state()

    def _regarding_name(self) -> PatientName | None:
        return next((n for n in self.opening.names if n.id == self.regarding_id), None)

    def attach(self) -> None:
        """The manual's Attach: the patient's A-to-Z folder (or Dropbox's Select Files)."""
        name = self._regarding_name()
        if name is None:
            return
        if self.opening.storage_kind == "dropbox":
            self._attach_from_dropbox(name)
        else:
            self._attach_from_folder(name)

    def _attach_from_folder(self, name: PatientName) -> None:
        from opendesk.attachments.atoz import ensure_patient_folder
        from opendesk.core.errors import OpenDeskError

        try:
            folder = ensure_patient_folder(
                self.opening.atoz_root, name.last_name, name.first_name, name.id
            )
        except OpenDeskError as exc:
            message_channel.warning(
                self, f"{exc}\n\nUse Select Local File to attach a file instead."
            )
            return
        dialog = AtoZFileDialog(folder, parent=self)
        self.attach_dialog: QDialog = dialog
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.selected_paths() if accepted else []
        if shiboken6.isValid(self):
            for path in chosen:
                self.attachment_list.add_path(path)
            self._update_state()

    def _attach_from_dropbox(self, name: PatientName) -> None:
        from opendesk.attachments.dropbox_source import DropboxSource, dropbox_patient_path
        from opendesk.core.errors import OpenDeskError

        try:
            source = DropboxSource()
        except OpenDeskError as exc:
            message_channel.warning(
                self, f"{exc}\n\nUse Select Local File to attach a file instead."
            )
            return
        folder = dropbox_patient_path(
            self.opening.dropbox_root, name.last_name, name.first_name, name.id
        )
        dialog = DropboxSelectFilesDialog(source, folder, limits=self.opening.limits, parent=self)
        self.attach_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted and shiboken6.isValid(self):
            picked, data = dialog.selected_name(), dialog.selected_data()
            if picked is not None and data is not None:
                self.attachment_list.add_bytes(picked, data)
            for path in dialog.local_paths():
                self.attachment_list.add_path(path)
            self._update_state()

    def attach_local_file(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Select Local File")
        for path in paths:
            self.attachment_list.add_path(Path(path))
        self._update_state()

    # -- preview ---------------------------------------------------------------------------
    def preview_request(self) -> PreviewRequest:
        assert self.provider is not None
        names = [(n, s) for n, s in self.kept.values()]
        names += [(a.name, a.size) for a in self.checked_attachments()]
        return PreviewRequest(
            regarding_patient_id=self.regarding_id,
            provider_id=self.provider.id,
            subject=self.subject,
            body=self.body,
            attachments=tuple(names),
        )

    def preview(self) -> None:
        if not self.ui.preview_button.isEnabled():
            return
        request = self.preview_request()
        ReadOp(
            self.ctx, lambda s: _build_preview(s, request), parent=self, success=self._show_preview
        ).run_in_background()

    def _show_preview(self, data: PreviewData) -> None:
        if self.preview_dialog is not None and shiboken6.isValid(self.preview_dialog):
            self.preview_dialog.close()
        dialog = SendPreviewDialog(data, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog = dialog
        dialog.show()

    # -- save and send ---------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_state()

    def save_draft(self) -> None:
        if not self.ui.save_draft_button.isEnabled() or self.provider is None:
            return
        out = self.outgoing()
        self._set_busy(True)
        WriteOp(
            self.ctx,
            lambda s: save_draft(s, self.ctx.actor, out),
            changes=OpChanges(messages=True),
            parent=self,
            success=self._draft_saved,
        ).failure(self._failed).with_progress("Saving the draft…").run_in_background()

    def _draft_saved(self, draft_id: int) -> None:
        self.draft_id = draft_id
        self._finished = True
        self.draftSaved.emit(draft_id)
        message_channel.info(
            self.parentWidget(),
            "Draft saved. A provider can open it from Drafts in the Email Inbox and send it.",
            "Secure WebMail",
        )
        self.close()

    def _send_shortcut(self) -> None:
        if self.ui.send_button.isEnabled():
            self.send()

    def send(self) -> None:
        if not self.ui.send_button.isEnabled():
            return
        out = self.outgoing()
        actor = self.ctx.actor

        def call(session: Session, password: str | None) -> SendResult:
            return send(session, actor, out, password)

        self._set_busy(True)
        run_send(
            self.ctx,
            self,
            call,
            self._sent,
            on_cancel=lambda: self._set_busy(False),
            on_error=self._failed,
        )

    def _sent(self, result: SendResult) -> None:
        self._finished = True
        self._busy = False
        self.sent.emit(result)
        ev = self.evaluation
        to = f" to {ev.recipient.name}" if ev and ev.recipient else ""
        message_channel.info(
            self.parentWidget(),
            f"Secure message sent{to}. The notification e-mail is on its way.",
            "Secure WebMail",
        )
        self.close()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        message_channel.show_error(self, exc)
        self.reevaluate()  # a problem may have appeared since the last check

    # -- closing ---------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return bool(self._touched or self.checked_attachments())

    def discard(self) -> None:
        """Close without asking (what the Discard answer does)."""
        self._finished = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished or (not self._busy and not self.dirty):
            self._finished = True
            super().closeEvent(event)
            return
        event.ignore()
        if self._busy:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Secure WebMail",
            "This message has not been sent. Save it as a draft?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("compose_close_question")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: int) -> None:
            if button == QMessageBox.StandardButton.Discard:
                self.discard()
            elif button == QMessageBox.StandardButton.Save:
                self.save_draft()

        box.finished.connect(answered)
        self.close_question = box
        box.open()


def make_attachment_list(limits: Limits, parent: QWidget) -> AttachmentListWidget:
    widget = AttachmentListWidget(limits, parent)
    widget.setObjectName("attachment_list")
    return widget


# -- opening windows --------------------------------------------------------------------------


class ComposeLauncher(QObject):
    """Opens compose windows: for a patient (the WebMail button) or for a draft
    (`ctx.draftRequested`). `opened(ComposeWindow)` for each window; `refused(str)` when the
    window cannot open (the reason is also shown to the user)."""

    opened = Signal(object)
    refused = Signal(str)

    def __init__(self, ctx: AppContext, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.windows: list[ComposeWindow] = []
        ctx.draftRequested.connect(self.open_draft)

    def open_for_selection(self, selection: PatientSelection | None) -> None:
        self.open_for_patient(selection.patient.id if selection is not None else None)

    def open_for_patient(self, patient_id: int | None) -> None:
        if patient_id is None:
            self._refuse("Select a patient first.")
            return
        ReadOp(
            self.ctx,
            lambda s: load_opening(s, patient_id),
            parent=self.window,
            success=self._open,
        ).failure(self._failed).run_in_background()

    def open_draft(self, draft_id: int) -> None:
        actor = self.ctx.actor

        def load(session: Session) -> Opening:
            draft = open_message(session, actor, draft_id)
            return load_opening(session, draft.regarding_patient_id, draft)

        WriteOp(self.ctx, load, parent=self.window, success=self._open).failure(
            self._failed
        ).run_in_background()

    def _open(self, opening: Opening) -> None:
        window = ComposeWindow(self.ctx, opening, self.window)
        self.windows.append(window)
        window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))
        window.show()  # a new window comes up in front
        window.activateWindow()
        self.opened.emit(window)

    def _forget(self, window: ComposeWindow) -> None:
        self.windows = [w for w in self.windows if w is not window]

    def _refuse(self, text: str) -> None:
        self.refused.emit(text)
        message_channel.warning(self.window, text, "Secure WebMail")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, Refused):
            self._refuse(str(exc))
        else:
            message_channel.show_error(self.window, exc)


def install(ctx: AppContext, main_window: QWidget) -> ComposeLauncher:
    """Connect the main window's WebMail button and ctx.draftRequested to compose windows."""
    launcher = ComposeLauncher(ctx, main_window)
    launcher.setObjectName("compose_launcher")
    signal = getattr(main_window, "webmailRequested", None)
    if signal is not None:
        signal.connect(launcher.open_for_selection)
    return launcher


__all__ = [
    "ComposeLauncher",
    "ComposeWindow",
    "Evaluation",
    "Opening",
    "Refused",
    "evaluate",
    "install",
    "load_opening",
]
