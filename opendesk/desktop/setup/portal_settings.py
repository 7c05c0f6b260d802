"""Setup > Patient Portal: the portal's address (https; http://localhost only in a demo
practice), the notification e-mail's subject and text (the text must contain [URL]; the tags
are listed), whether guarantors see their family members' messages, and the practice's two-step
log-in setting (`portal_two_step`: off, optional or required; a stored value the portal does not
know shows as optional, which is how the portal reads it), and the defaults of a new WebMail's
message settings (allow reply; notify the sender if unread after N days, 0 = off)."""

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core import preferences as prefs
from opendesk.core.preference_rules import TWO_STEP_CHOICES
from opendesk.core.services import practice_setup
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_portal_settings import Ui_PortalSettingsDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_preferences
from opendesk.desktop.setup.validation import portal_problems, tags_text

TWO_STEP_TEXT = {
    "off": "Off",
    "optional": "Optional: each patient may turn it on",
    "required": "Required for every patient",
}


class PortalSettingsDialog(QDialog):
    ready = Signal()
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_PortalSettingsDialog()
        self.ui.setupUi(self)
        self.ui.tagsLabel.setText(tags_text())
        for value in TWO_STEP_CHOICES:
            self.ui.portal_two_step.addItem(TWO_STEP_TEXT[value], value)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.demo = False
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        ReadOp(ctx, prefs.get_all, parent=self, success=self._fill).run_in_background()

    def _fill(self, values: dict[str, Any]) -> None:
        self.demo = bool(values[prefs.DEMO_MODE.name])
        self.ui.portal_url.setText(str(values[prefs.PORTAL_URL.name]))
        self.ui.notify_subject.setText(str(values[prefs.NOTIFY_SUBJECT.name]))
        self.ui.notify_body.setPlainText(str(values[prefs.NOTIFY_BODY.name]))
        self.ui.portal_family_scope.setChecked(bool(values[prefs.PORTAL_FAMILY_SCOPE.name]))
        self.set_two_step(str(values[prefs.PORTAL_TWO_STEP.name]))
        self.ui.webmail_allow_reply.setChecked(bool(values[prefs.WEBMAIL_ALLOW_REPLY.name]))
        self.ui.webmail_notify_unread_days.setValue(
            int(values[prefs.WEBMAIL_NOTIFY_UNREAD_DAYS.name])
        )
        self.ready.emit()

    def set_two_step(self, value: str) -> None:
        index = self.ui.portal_two_step.findData(value.strip().lower())
        if index < 0:  # as portal_two_step.mode reads an unknown value
            index = self.ui.portal_two_step.findData(prefs.PORTAL_TWO_STEP.default)
        self.ui.portal_two_step.setCurrentIndex(index)

    def save(self) -> None:
        url = self.ui.portal_url.text().strip()
        subject = self.ui.notify_subject.text().strip()
        body = self.ui.notify_body.toPlainText()
        two_step = str(self.ui.portal_two_step.currentData())
        problems = portal_problems(url, subject, body, two_step, self.demo)
        if problems:
            self.problems.show(problems)
            return
        values: dict[Any, Any] = {
            prefs.PORTAL_URL: url,
            prefs.NOTIFY_SUBJECT: subject,
            prefs.NOTIFY_BODY: body.strip(),
            prefs.PORTAL_FAMILY_SCOPE: self.ui.portal_family_scope.isChecked(),
            prefs.PORTAL_TWO_STEP: two_step,
            prefs.WEBMAIL_ALLOW_REPLY: self.ui.webmail_allow_reply.isChecked(),
            prefs.WEBMAIL_NOTIFY_UNREAD_DAYS: self.ui.webmail_notify_unread_days.value(),
        }
        actor = self.ctx.actor
        save = lambda s: practice_setup.set_preferences(s, actor, values)  # noqa: E731
        save_preferences(self.ctx, self, self.problems, save, self._saved)

    def _saved(self, _none: None) -> None:
        self.saved.emit()
        self.accept()
