"""Setup > Practice: the practice's name, phone and address, its time zone (the times staff and
patients see), the idle log off of the workstations and filing conversations to the chart by
age (docs/FILING.md) (preferences, Setup permission)."""

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core import preferences as prefs
from opendesk.core import timefmt
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_practice_info import Ui_PracticeInfoDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_checked_preferences


class PracticeDialog(QDialog):
    ready = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_PracticeInfoDialog()
        self.ui.setupUi(self)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        zones = self.ui.practice_time_zone
        zones.addItem("This workstation's time zone", "")
        for name in timefmt.zone_names():
            zones.addItem(name, name)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        ReadOp(ctx, prefs.get_all, parent=self, success=self._fill).run_in_background()

    def _fill(self, values: dict[str, Any]) -> None:
        self.ui.practice_name.setText(str(values[prefs.PRACTICE_NAME.name]))
        self.ui.practice_phone.setText(str(values[prefs.PRACTICE_PHONE.name]))
        self.ui.practice_address.setPlainText(str(values[prefs.PRACTICE_ADDRESS.name]))
        zone = str(values[prefs.PRACTICE_TIME_ZONE.name])
        if zone and self.ui.practice_time_zone.findData(zone) < 0:  # unknown here: keep it
            self.ui.practice_time_zone.addItem(zone, zone)
        self.ui.practice_time_zone.setCurrentIndex(self.ui.practice_time_zone.findData(zone))
        self.ui.idle_logoff_minutes.setValue(int(values[prefs.IDLE_LOGOFF_MINUTES.name]))
        days = int(values[prefs.FILE_THREADS_AFTER_DAYS.name])
        self.ui.file_threads_after_days.setValue(days)
        self.ready.emit()

    def save(self) -> None:
        values: dict[Any, Any] = {
            prefs.PRACTICE_NAME: self.ui.practice_name.text().strip(),
            prefs.PRACTICE_PHONE: self.ui.practice_phone.text().strip(),
            prefs.PRACTICE_ADDRESS: self.ui.practice_address.toPlainText().strip(),
            prefs.PRACTICE_TIME_ZONE: str(self.ui.practice_time_zone.currentData() or ""),
            prefs.IDLE_LOGOFF_MINUTES: self.ui.idle_logoff_minutes.value(),
            prefs.FILE_THREADS_AFTER_DAYS: self.ui.file_threads_after_days.value(),
        }
        save_checked_preferences(self.ctx, self, self.problems, values)
