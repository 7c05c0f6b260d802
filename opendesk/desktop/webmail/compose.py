"""The compose window of the manual's send flow: WebMail → Regarding → From provider → Subject
and Message → Attach → Preview or Send. Opened by `launcher.ComposeLauncher`.

`ComposeWindow` is a non-modal window (several can be open). It only shows and edits: every
database read is a `core.services.compose` function run as a ReadOp on a worker (the opening,
`evaluate` each time Regarding or From changes, `build_preview`), the portal server's health
check (`requests`) runs on a worker when the portal URL itself is usable, and Save Draft and
Send are WriteOps (`send_flow.run_send`, with the provider password prompt). Send and Preview
follow a `core.services.send_eligibility.Eligibility`. Until the user picks a provider with
`[...]` the From provider follows Regarding (the core's default From). Subject, message and
names are shown as plain text everywhere. Templates (Ctrl+T), their red unresolved fields and
the provider's signature are `compose_templates.ComposeTemplates`.
"""

import logging
import uuid

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QWidget,
)
from sqlalchemy.orm import Session

from opendesk.attachments.rules import human_size
from opendesk.core.enums import Permission
from opendesk.core.services.compose import (
    PORTAL_MENU,
    Evaluation,
    EvaluationRequest,
    Opening,
    PreviewData,
    PreviewRequest,
    build_preview,
    evaluate,
    red,
)
from opendesk.core.services.providers import ProviderRow
from opendesk.core.services.send_eligibility import Eligibility
from opendesk.core.services.webmail import (
    SUBJECT_MAX,
    NewAttachment,
    Outgoing,
    SendResult,
    save_draft,
    send,
)
from opendesk.desktop import message_channel
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_compose import Ui_ComposeWindow
from opendesk.desktop.icons import icon
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.portal_status import PortalStatus, check_portal
from opendesk.desktop.taskman import TaskResult
from opendesk.desktop.text import RED
from opendesk.desktop.webmail.compose_attachments import ComposeAttachments
from opendesk.desktop.webmail.compose_closing import AskBeforeClosing
from opendesk.desktop.webmail.compose_templates import ComposeTemplates
from opendesk.desktop.webmail.message_settings import MessageSettingsBox, sent_text
from opendesk.desktop.webmail.send_flow import run_send
from opendesk.desktop.webmail.send_preview import SendPreviewDialog

log = logging.getLogger("opendesk.desktop.webmail")

PORTAL_CHECK_TIMEOUT = 2.0
"""Seconds the portal health check waits (the window says "checking…" meanwhile)."""
PORTAL_NOT_ANSWERING = red(
    "The patient portal server does not answer at {url}. Start it (or ask IT to), then click "
    f"Check again; the address is in {PORTAL_MENU}"
)


def _plain_label(text: str = "", *, color: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if color:
        label.setStyleSheet(f"color: {color};")
    return label


# -- the window -----------------------------------------------------------------------------


class ComposeWindow(ComposeAttachments, ComposeTemplates, AskBeforeClosing, QDialog):
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

        self._provider_picked = draft is not None  # From follows Regarding until [...]
        self.from_note = opening.from_note
        self.send_note = _plain_label(color="#555")
        self.send_note.setObjectName("send_note")
        self._setup_regarding()
        self._show_provider()
        ui.provider_button.clicked.connect(self.choose_provider)
        ui.provider.setToolTip("The provider the patient sees as the sender")

        ui.subject.setMaxLength(SUBJECT_MAX)
        # Tab leaves the message for the attachment buttons (WCAG 2.1.2, no keyboard trap: with
        # Tab typing a tab character nothing but the mouse got out of the text)
        ui.body.setTabChangesFocus(True)
        if draft is not None:
            ui.subject.setText(draft.subject)
        ui.body.setPlainText(draft.body if draft is not None else self._initial_body())
        ui.subject.textChanged.connect(lambda _t: self._edited("subject"))
        ui.body.textChanged.connect(lambda: self._edited("body"))
        self._setup_attachments()
        self._setup_templates()
        self._setup_buttons()
        self.message_settings = MessageSettingsBox.install(
            ctx, ui.mainLayout, ui.notify_line, ui.send_button, draft.settings if draft else None
        )
        ctx.changes.changed.connect(self._on_changes)
        self._update_counter()
        self._update_state()
        (ui.body if draft else ui.subject).setFocus()
        self.reevaluate()

    def _setup_regarding(self) -> None:
        """Regarding: the whole family (Open Dental), the draft's or the selected patient
        chosen. Changing it never changes the recipient."""
        cc, draft, ui = self.opening.context, self.opening.draft, self.ui
        options = list(cc.regarding_options)
        if all(o.id != cc.selected.id for o in options):
            options.insert(0, cc.selected)
        for option in options:
            ui.regarding.addItem(option.name, option.id)
        wanted = draft.regarding_patient_id if draft else cc.selected.id
        ui.regarding.setCurrentIndex(max(0, ui.regarding.findData(wanted)))
        ui.regarding.currentIndexChanged.connect(lambda _i: self.reevaluate())
        title_name = next((o.name for o in options if o.id == wanted), cc.selected.name)
        self.setWindowTitle(f"Secure WebMail - {title_name}")

    def _setup_buttons(self) -> None:
        ui = self.ui
        ui.buttonsLayout.insertWidget(1, self.send_note, 1)
        ui.problems_layout.setContentsMargins(0, 0, 0, 0)
        ui.recheck_button.clicked.connect(lambda: self.reevaluate(recheck_portal=True))
        ui.save_draft_button.clicked.connect(self.save_draft)
        ui.preview_button.clicked.connect(self.preview)
        ui.send_button.clicked.connect(self.send)
        ui.cancel_button.clicked.connect(self.close)
        ui.send_button.setIcon(icon("webmail"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self._send_shortcut)

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
            recipient_patient_id=self.recipient_id,
            settings=self.message_settings.value(),
        )

    @property
    def recipient_id(self) -> int | None:
        """The account holder the window was opened for (fixed; Regarding does not move it)."""
        recipient = self.opening.context.recipient
        if recipient is None and self.evaluation is not None:
            recipient = self.evaluation.recipient  # portal access granted since the opening
        return recipient.id if recipient is not None else None

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
        """From, and the note under the buttons: why From is not the primary provider, and
        that sending as a provider the user is not linked to asks for its password."""
        self.ui.provider.setText(self.provider.label if self.provider else "")
        notes = [self.from_note] if self.from_note and not self._provider_picked else []
        user = self.ctx.user
        if not self.may_send:
            notes.append("Your user group may not send WebMail: save it as a draft.")
        elif (
            self.provider is not None and user is not None and user.provider_id != self.provider.id
        ):
            notes.append(
                f"Send asks for the password of a user associated to {self.provider.name}."
            )
        self.send_note.setText(" ".join(notes))

    def choose_provider(self) -> None:
        from opendesk.desktop.dialogs.provider_picker import ProviderPickerDialog

        row = ProviderPickerDialog.pick(
            self.ctx, self, selected_id=self.provider_id, only_with_users=True
        )
        if row is not None and shiboken6.isValid(self):
            self.set_provider(row)

    def set_provider(self, row: ProviderRow) -> None:
        """The user's pick with [...]: From stops following Regarding."""
        changed = row.id != self.provider_id or not self._provider_picked
        self._provider_picked = True
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
        user = self.ctx.user
        request = EvaluationRequest(
            regarding_id=self.regarding_id,
            provider_id=self.provider_id if self._provider_picked else None,
            recipient_id=self.recipient_id,
            user_id=user.user_id if user is not None else None,
            opened_for_id=self.opening.context.selected.id,
        )
        ReadOp(
            self.ctx,
            lambda s: evaluate(s, request),
            parent=self,
            success=lambda ev: self._evaluated(generation, ev),
        ).failure(lambda exc: self._evaluation_failed(generation, exc)).run_in_background()

    def _evaluated(self, generation: int, ev: Evaluation) -> None:
        if generation != self._generation:
            return
        self.evaluation = ev
        if not self._provider_picked:
            self.provider, self.from_note = ev.provider, ev.from_note
        self._show_provider()
        url = self.ctx.workstation_portal_url or ev.portal_url
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
        self._set_problems([red("The setup could not be checked. Click Check again.")])
        self.evaluated.emit()

    def _portal_problem(self) -> str | None:
        ev = self.evaluation
        if ev is None or not ev.portal_url_usable or self.portal is None:
            return None
        if self.portal.answering:
            return None
        url = self.ctx.workstation_portal_url or ev.portal_url
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
        selected = self.opening.context.selected
        if ev.recipient is not None:
            name = ev.recipient.name_with_language  # "Ann Lee (Spanish)"
            if ev.recipient.id == ev.regarding_id:
                who = f"{name} (the patient's own portal account)"
            elif ev.recipient.id == selected.id:
                who = (
                    f"{name} (their own portal account; the message is about "
                    f"{self.ui.regarding.currentText()})"
                )
            else:
                who = (
                    f"{name}, in their patient portal account "
                    f"({selected.name} has no account of their own)"
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
        if not self.typed_body.strip():
            errors["body"] = "Enter a message."
        elif len(self.body) > self.max_chars:
            over = len(self.body) - self.max_chars
            errors["body"] = (
                f"The message is longer than {self.max_chars:,} characters; shorten it by {over:,}."
            )
        return errors

    def eligibility(self) -> Eligibility:
        """Whether Send and Preview are on now, and why not."""
        return Eligibility.of(
            may_send=self.may_send,
            checking=self.checking,
            has_problems=bool(self.problem_labels),
            fields_ok=not self.field_errors(),
            has_provider=self.provider is not None,
            attachments_busy=self.attachment_list.is_busy(),
            busy=self._busy,
            unresolved_fields=bool(self.unresolved_fields()),
        )

    def send_blockers(self) -> list[str]:
        """Why Send is off (empty when it is on)."""
        return self.eligibility().send_reasons()

    def _update_state(self) -> None:
        ui = self.ui
        errors = self.field_errors()
        ui.subject_error.setText(errors.get("subject", "") if "subject" in self._touched else "")
        ui.subject_error.setVisible(bool(ui.subject_error.text()))
        over = "body" in errors and len(self.body) > self.max_chars
        ui.body_error.setText(errors.get("body", "") if ("body" in self._touched or over) else "")
        eligibility = self.eligibility()
        blockers, preview_blockers = eligibility.send_reasons(), eligibility.preview_reasons()
        ui.send_button.setEnabled(eligibility.can_send)
        ui.send_button.setToolTip(
            "\n".join(blockers) if blockers else "Send the secure message (Ctrl+Enter)"
        )
        ui.preview_button.setEnabled(eligibility.can_preview)
        ui.preview_button.setToolTip(
            "\n".join(preview_blockers)
            if preview_blockers
            else "See the notification e-mail and the secure message as the patient will"
        )
        can_save = bool(self.subject.strip() or self.typed_body.strip()) and not self._busy
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

    # -- preview ---------------------------------------------------------------------------
    def preview_request(self) -> PreviewRequest:
        assert self.provider is not None
        names = [(n, human_size(s)) for n, s in self.kept.values()]
        names += [(a.name, human_size(a.size)) for a in self.checked_attachments()]
        return PreviewRequest(
            regarding_patient_id=self.regarding_id,
            provider_id=self.provider.id,
            subject=self.subject,
            body=self.body,
            attachments=tuple(names),
            recipient_patient_id=self.recipient_id,
        )

    def preview(self) -> None:
        if not self.ui.preview_button.isEnabled():
            return
        request = self.preview_request()
        ReadOp(
            self.ctx, lambda s: build_preview(s, request), parent=self, success=self._show_preview
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

    def save_before_log_off(self) -> None:
        """The idle log off: unsent text becomes a draft now (on the GUI thread: nobody is
        waiting for it), so nothing typed is lost."""
        if self._finished or not self.dirty or self.provider is None:
            return
        with self.ctx.db.session() as session:
            self.draft_id = save_draft(session, self.ctx.actor, self.outgoing())
        self._finished = True
        self.draftSaved.emit(self.draft_id)

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
            sent_text(result) or f"Secure message sent{to}. The notification e-mail is on its way.",
            "Secure WebMail",
        )
        self.close()

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        message_channel.show_error(self, exc)
        self.reevaluate()  # a problem may have appeared since the last check


__all__ = ["ComposeWindow"]
