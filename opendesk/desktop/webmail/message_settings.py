"""The compose window's "Message settings" group (issue 22): Deliver at (with Next opening and
"only in opening hours"), Allow reply, Notify me if unread after N days (and a second notice
to the patient). Form: `forms/message_settings.ui`.

The group only shows and collects; the rules are `core.services.message_settings` (checked
again by `webmail.send`). Times are edited in the practice's zone (`core.timefmt`) and handed
to core as naive UTC. A new message starts from the practice's defaults (read on a worker) or,
later, a template's (`apply_defaults`); a reopened draft or scheduled message from its own
settings (`load`). Defaults never overwrite what the user already changed.
"""

from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QBoxLayout, QGroupBox, QPushButton, QWidget

from opendesk.core import timefmt
from opendesk.core.clock import utcnow
from opendesk.core.services import message_settings
from opendesk.core.services.message_settings import Defaults, MessageSettings
from opendesk.core.services.webmail import SendResult
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_message_settings import Ui_MessageSettingsBox
from opendesk.desktop.operations import ReadOp

NO_HOURS_TIP = "The practice has no opening hours (Setup > Practice Hours)"


def _to_qt(utc: datetime) -> QDateTime:
    local = timefmt.localise(utc, timefmt.display_zone())
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def _from_qt(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    local = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
    return timefmt.to_utc(local, timefmt.display_zone())


def _next_quarter_hour(after: datetime) -> datetime:
    start = after.replace(second=0, microsecond=0) + timedelta(hours=1)
    return start + timedelta(minutes=(-start.minute) % 15)


class MessageSettingsBox(QGroupBox):
    """The group. `changed` after any edit; `value()` the settings for `Outgoing.settings`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MessageSettingsBox()
        self.ui.setupUi(self)
        self.setObjectName("message_settings")
        self._next_opening: datetime | None = None
        self._touched = False  # the user changed a setting: defaults no longer apply
        ui = self.ui
        ui.deliver_at.setDateTime(_to_qt(_next_quarter_hour(utcnow())))
        ui.next_opening.setEnabled(False)
        ui.next_opening.setToolTip(NO_HOURS_TIP)
        ui.settings_problem.hide()
        ui.deliver_later.toggled.connect(self._user_edit)
        ui.deliver_at.dateTimeChanged.connect(lambda _v: self._user_edit())
        ui.business_hours.toggled.connect(self._user_edit)
        ui.allow_reply.toggled.connect(self._user_edit)
        ui.notify_unread.toggled.connect(self._user_edit)
        ui.notify_days.valueChanged.connect(lambda _v: self._user_edit())
        ui.second_notice.toggled.connect(self._user_edit)
        ui.next_opening.clicked.connect(self.choose_next_opening)
        self._sync()

    @classmethod
    def install(
        cls,
        ctx: AppContext,
        layout: QBoxLayout,
        before: QWidget,
        send_button: QPushButton,
        stored: MessageSettings | None,
    ) -> "MessageSettingsBox":
        """The group in a compose window's `layout` above `before`: the stored settings of a
        reopened draft or scheduled message, else the practice's defaults."""
        box = cls(before.parentWidget())
        layout.insertWidget(layout.indexOf(before), box)
        box.bind_send_button(send_button)
        if stored is not None:
            box.load(stored)
        box.load_practice_defaults(ctx)
        return box

    # -- values --------------------------------------------------------------------------------
    def value(self) -> MessageSettings:
        ui = self.ui
        later = ui.deliver_later.isChecked()
        notify = ui.notify_unread.isChecked()
        return MessageSettings(
            deliver_at=_from_qt(ui.deliver_at.dateTime()) if later else None,
            business_hours=later and ui.business_hours.isChecked(),
            allow_reply=ui.allow_reply.isChecked(),
            notify_unread_days=ui.notify_days.value() if notify else None,
            second_notice=notify and ui.second_notice.isChecked(),
        )

    def problem(self) -> str:
        """What the group can tell before Send (a time that has passed); core checks the rest."""
        settings = self.value()
        if settings.deliver_at is not None and settings.deliver_at <= utcnow():
            return message_settings.PAST
        return ""

    # -- filling in ----------------------------------------------------------------------------
    def apply_defaults(self, allow_reply: bool, notify_unread_days: int | None) -> None:
        """The practice's or a template's defaults, unless the user changed a setting."""
        if self._touched:
            return
        self._set(allow_reply, notify_unread_days, False)

    def load(self, settings: MessageSettings) -> None:
        """A reopened draft or scheduled message: its own settings (a delivery time that has
        passed is left off)."""
        ui = self.ui
        later = settings.deliver_at is not None and settings.deliver_at > utcnow()
        ui.deliver_later.setChecked(later)
        if later and settings.deliver_at is not None:
            ui.deliver_at.setDateTime(_to_qt(settings.deliver_at))
        self._set(settings.allow_reply, settings.notify_unread_days, settings.second_notice)
        self._touched = True

    def set_next_opening(self, when: datetime | None) -> None:
        self._next_opening = when
        self.ui.next_opening.setEnabled(when is not None)
        self.ui.next_opening.setToolTip(
            f"Deliver when the practice next opens: {timefmt.format_datetime(when)}"
            if when is not None
            else NO_HOURS_TIP
        )

    def choose_next_opening(self) -> None:
        if self._next_opening is None:
            return
        self.ui.deliver_later.setChecked(True)
        self.ui.deliver_at.setDateTime(_to_qt(self._next_opening))
        self.ui.business_hours.setChecked(True)

    def _set(self, allow_reply: bool, days: int | None, second: bool) -> None:
        ui, touched = self.ui, self._touched
        ui.allow_reply.setChecked(allow_reply)
        ui.notify_unread.setChecked(bool(days))
        if days:
            ui.notify_days.setValue(days)
        ui.second_notice.setChecked(bool(days) and second)
        self._touched = touched
        self._sync()

    # -- state ---------------------------------------------------------------------------------
    def _user_edit(self, *_args: object) -> None:
        self._touched = True
        self._sync()
        self.changed.emit()

    def _sync(self) -> None:
        ui = self.ui
        later, notify = ui.deliver_later.isChecked(), ui.notify_unread.isChecked()
        ui.deliver_at.setEnabled(later)
        ui.business_hours.setEnabled(later)
        ui.notify_days.setEnabled(notify)
        ui.second_notice.setEnabled(notify)
        problem = self.problem()
        ui.settings_problem.setText(problem)
        ui.settings_problem.setVisible(bool(problem))

    def load_practice_defaults(self, ctx: AppContext) -> None:
        """Read the practice's defaults and the next opening time on a worker."""

        def done(found: Defaults) -> None:
            if shiboken6.isValid(self):
                self.set_next_opening(found.next_opening)
                self.apply_defaults(found.allow_reply, found.notify_unread_days)

        ReadOp(ctx, message_settings.defaults, parent=self, success=done).run_in_background()

    def bind_send_button(self, button: QPushButton) -> None:
        """Send reads "Schedule" while a delivery time is set."""

        def show() -> None:
            later = self.ui.deliver_later.isChecked()
            button.setText("Sch&edule" if later else "Se&nd")

        self.changed.connect(show)
        show()


def sent_text(result: SendResult) -> str | None:
    """The note after a scheduled send (None: an ordinary send)."""
    if result.scheduled_for is None:
        return None
    return (
        f"Secure message scheduled for {timefmt.format_datetime(result.scheduled_for)}. "
        "It waits under Scheduled in the Email Inbox (open it there to edit or cancel it); "
        "the patient sees nothing of it before then."
    )


__all__ = ["MessageSettingsBox", "sent_text"]
