"""Closing a compose window (a part of `ComposeWindow`): with typed text or attachments, Esc,
Cancel and the window's close button ask Save Draft / Discard / Cancel; nothing typed closes
at once. While a save or send runs the window stays open."""

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QMessageBox

from opendesk.attachments.rules import CheckedAttachment
from opendesk.desktop.dialogs.save_draft_question import ask_save_draft


class AskBeforeClosing(QDialog):
    """Mixed into ComposeWindow, before QDialog."""

    _finished: bool
    _busy: bool
    _touched: set[str]
    close_question: QMessageBox

    def checked_attachments(self) -> list[CheckedAttachment]:
        raise NotImplementedError

    def save_draft(self) -> None:
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        return bool(self._touched or self.checked_attachments())

    def discard(self) -> None:
        """Close without asking (what the Discard answer does)."""
        self._finished = True
        self.close()

    def _may_close(self) -> bool:
        if self._finished or (not self._busy and not self.dirty):
            self._finished = True
            return True
        return False

    def reject(self) -> None:
        """Esc: like closing, typed text asks Save Draft / Discard / Cancel first."""
        if self._may_close():
            super().reject()
        elif not self._busy:
            self._ask_to_save()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            super().closeEvent(event)
            return
        event.ignore()
        if not self._busy:
            self._ask_to_save()

    def _ask_to_save(self) -> None:
        self.close_question = ask_save_draft(
            self,
            "This message has not been sent. Save it as a draft?",
            "compose_close_question",
            on_save=self.save_draft,
            on_discard=self.discard,
        )
