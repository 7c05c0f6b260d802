"""Setup > Urgent Words and After-Hours Reply: the words the portal looks for before a patient's
message is sent, the emergency phone and instructions it shows when one is found, and the
automatic reply to a message written while the office is closed (closed loop,
docs/CLOSED_LOOP.md). Four practice preferences, checked by core.preference_rules and saved
through `practice_setup.set_preferences` (Setup permission, audited)."""

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core import preferences as prefs
from opendesk.core.urgent_words import word_list
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_urgent_words import Ui_UrgentWordsDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_checked_preferences


class UrgentWordsDialog(QDialog):
    ready = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_UrgentWordsDialog()
        self.ui.setupUi(self)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        ReadOp(ctx, prefs.get_all, parent=self, success=self._fill).run_in_background()

    def _fill(self, values: dict[str, Any]) -> None:
        words = word_list(str(values[prefs.URGENT_WORDS.name]))
        self.ui.urgent_words.setPlainText("\n".join(words))
        self.ui.emergency_phone.setText(str(values[prefs.EMERGENCY_PHONE.name]))
        self.ui.emergency_instructions.setPlainText(str(values[prefs.EMERGENCY_INSTRUCTIONS.name]))
        self.ui.after_hours_reply.setPlainText(str(values[prefs.AFTER_HOURS_REPLY.name]))
        self.ready.emit()

    def values(self) -> dict[Any, Any]:
        words = word_list(self.ui.urgent_words.toPlainText())
        return {
            prefs.URGENT_WORDS: "\n".join(words),
            prefs.EMERGENCY_PHONE: self.ui.emergency_phone.text().strip(),
            prefs.EMERGENCY_INSTRUCTIONS: self.ui.emergency_instructions.toPlainText().strip(),
            prefs.AFTER_HOURS_REPLY: self.ui.after_hours_reply.toPlainText().strip(),
        }

    def save(self) -> None:
        save_checked_preferences(self.ctx, self, self.problems, self.values())
