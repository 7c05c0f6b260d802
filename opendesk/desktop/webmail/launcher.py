"""Opens compose windows: for a patient (the main window's WebMail button) or for a draft
(`ctx.draftRequested`, emitted by the inbox's Drafts).

    launcher = install(ctx, main_window)   # main_window is a ComposeHost
    launcher.open_for_patient(patient_id)  # or open_draft(draft_id)

The main window is attached through the declared `ComposeHost` hook (its `webmailRequested`
signal, typed), not looked up by name. The opening is read by `core.services.compose`
on a worker; a refusal ("Select a patient first.", a setup gap) is shown and emitted.
"""

from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from opendesk.core.services.compose import DraftAttachment, DraftContent, Opening, Refused
from opendesk.core.services.compose import load_opening as _load_opening
from opendesk.core.services.webmail import open_message
from opendesk.desktop import message_channel
from opendesk.desktop.context import AppContext, PatientSelection
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.webmail.compose import ComposeWindow


class ComposeHost(Protocol):
    """What a window offers the launcher: the WebMail button's signal, carrying the
    PatientSelection (or None)."""

    @property
    def webmailRequested(self) -> SignalInstance: ...  # the Qt signal


class ComposeLauncher(QObject):
    """`opened(ComposeWindow)` for each window; `refused(str)` when the window cannot open
    (the reason is also shown to the user)."""

    opened = Signal(object)
    refused = Signal(str)

    def __init__(self, ctx: AppContext, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.windows: list[ComposeWindow] = []
        ctx.draftRequested.connect(self.open_draft)

    def attach(self, host: ComposeHost) -> None:
        """Open a compose window each time the host's WebMail is clicked."""
        host.webmailRequested.connect(self.open_for_selection)

    def _user_id(self) -> int | None:
        return self.ctx.user.user_id if self.ctx.user is not None else None

    def open_for_selection(self, selection: PatientSelection | None) -> None:
        self.open_for_patient(selection.patient.id if selection is not None else None)

    def open_for_patient(self, patient_id: int | None) -> None:
        if patient_id is None:
            self._refuse("Select a patient first.")
            return
        user_id = self._user_id()
        ReadOp(
            self.ctx,
            lambda s: _load_opening(s, patient_id, user_id),
            parent=self.window,
            success=self._open,
        ).failure(self._failed).run_in_background()

    def open_draft(self, draft_id: int) -> None:
        actor, user_id = self.ctx.actor, self._user_id()

        def load(session: Session) -> Opening:
            view = open_message(session, actor, draft_id)
            draft = DraftContent(
                id=view.id,
                regarding_patient_id=view.regarding_patient_id,
                provider_id=view.provider_id,
                subject=view.subject,
                body=view.body,
                attachments=tuple(DraftAttachment(a.id, a.name, a.size) for a in view.attachments),
                settings=view.settings,
            )
            # the window is for the account holder the draft was written to
            return _load_opening(session, view.patient_id, user_id, draft)

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


def install(ctx: AppContext, main_window: ComposeHost) -> ComposeLauncher:
    """A launcher for the main window: its WebMail button and ctx.draftRequested."""
    parent = main_window if isinstance(main_window, QWidget) else None
    launcher = ComposeLauncher(ctx, parent)
    launcher.setObjectName("compose_launcher")
    launcher.attach(main_window)
    return launcher


__all__ = ["ComposeHost", "ComposeLauncher", "install"]
