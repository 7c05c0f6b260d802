"""Setup > Practice Hours: opening hours per weekday, closed dates (holidays) and the practice's
time zone, the three preferences core.business_time counts response times with (Setup
permission; the rules of core.preference_rules show their problems next to the fields)."""

from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from opendesk.core import business_time
from opendesk.core import preferences as prefs
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_practice_hours import Ui_PracticeHoursDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_checked_preferences


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def spans_text(spans: tuple[tuple[int, int], ...]) -> str:
    """One day's spans as typed in the dialog: "08:00-12:00, 13:00-17:00"."""
    return ", ".join(f"{_clock(a)}-{_clock(b)}" for a, b in spans)


class PracticeHoursDialog(QDialog):
    ready = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_PracticeHoursDialog()
        self.ui.setupUi(self)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.day_edits: dict[str, QLineEdit] = {
            day: getattr(self.ui, f"hours_{day}") for day in business_time.DAYS
        }
        zone = self.ui.practice_time_zone
        zone.addItem("")
        zone.addItems(sorted(available_timezones()))
        line = zone.lineEdit()
        if line is not None:
            line.setPlaceholderText("This computer's time zone")
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        ReadOp(ctx, prefs.get_all, parent=self, success=self._fill).run_in_background()

    def _fill(self, values: dict[str, Any]) -> None:
        try:
            hours = business_time.parse_hours(str(values[prefs.PRACTICE_HOURS.name]))
        except ValueError:  # only a hand-edited database: show the default week
            hours = business_time.parse_hours(prefs.PRACTICE_HOURS.default)
        for index, day in enumerate(business_time.DAYS):
            self.day_edits[day].setText(spans_text(hours.get(index, ())))
        dates = str(values[prefs.PRACTICE_CLOSED_DATES.name])
        self.ui.practice_closed_dates.setPlainText("\n".join(dates.replace(",", " ").split()))
        self.ui.practice_time_zone.setCurrentText(str(values[prefs.PRACTICE_TIME_ZONE.name]))
        self.ready.emit()

    def hours_text(self) -> str:
        """The weekdays typed, as the practice_hours preference holds them."""
        return "; ".join(
            f"{day} {edit.text().strip()}"
            for day, edit in self.day_edits.items()
            if edit.text().strip()
        )

    def values(self) -> dict[Any, Any]:
        dates = self.ui.practice_closed_dates.toPlainText().replace(",", " ").split()
        return {
            prefs.PRACTICE_HOURS: self.hours_text(),
            prefs.PRACTICE_CLOSED_DATES: ", ".join(dates),
            prefs.PRACTICE_TIME_ZONE: self.ui.practice_time_zone.currentText().strip(),
        }

    def save(self) -> None:
        values = self.values()
        save_checked_preferences(self.ctx, self, self.problems, values)
