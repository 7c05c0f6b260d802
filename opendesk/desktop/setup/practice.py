"""Setup > Practice: the practice's name, phone and address (preferences, Setup permission)."""

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core import preference_rules
from opendesk.core import preferences as prefs
from opendesk.core.services import practice_setup
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_practice_info import Ui_PracticeInfoDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_preferences


class PracticeDialog(QDialog):
    ready = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_PracticeInfoDialog()
        self.ui.setupUi(self)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        ReadOp(ctx, prefs.get_all, parent=self, success=self._fill).run_in_background()

    def _fill(self, values: dict[str, Any]) -> None:
        self.ui.practice_name.setText(str(values[prefs.PRACTICE_NAME.name]))
        self.ui.practice_phone.setText(str(values[prefs.PRACTICE_PHONE.name]))
        self.ui.practice_address.setPlainText(str(values[prefs.PRACTICE_ADDRESS.name]))
        self.ready.emit()

    def save(self) -> None:
        values: dict[Any, Any] = {
            prefs.PRACTICE_NAME: self.ui.practice_name.text().strip(),
            prefs.PRACTICE_PHONE: self.ui.practice_phone.text().strip(),
            prefs.PRACTICE_ADDRESS: self.ui.practice_address.toPlainText().strip(),
        }
        problems = preference_rules.problems(values)
        if problems:
            self.problems.show(problems)
            return
        actor = self.ctx.actor
        save_preferences(
            self.ctx,
            self,
            self.problems,
            lambda s: practice_setup.set_preferences(s, actor, values),
            lambda _: self.accept(),
        )
