"""Setup > Patient Portal: the portal's address (https; http://localhost only in a demo
practice), the notification e-mail's subject and text for each language (Notice language picks
which one the two fields show; each text must contain [URL]; the tags are listed), whether
guarantors see their family members' messages, the practice's two-step log-in setting
(`portal_two_step`: off, optional or required; a stored value the portal does not know shows
as optional, which is how the portal reads it), and the defaults of a new WebMail's message
settings (allow reply; notify the sender if unread after N days, 0 = off)."""

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core import languages
from opendesk.core import preferences as prefs
from opendesk.core.preference_rules import TWO_STEP_CHOICES
from opendesk.core.services import practice_setup
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_portal_settings import Ui_PortalSettingsDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_preferences
from opendesk.desktop.setup.validation import notice_problems, portal_problems, tags_text

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
        for code in prefs.NOTICE_TEXTS:
            self.ui.notify_language.addItem(languages.staff_name(code), code)
        # {language: (subject, body)} as edited; the fields show the chosen language's pair
        self.notice_texts: dict[str, tuple[str, str]] = {}
        self.shown_language = languages.DEFAULT
        self.ui.notify_language.currentIndexChanged.connect(self._language_chosen)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.demo = False
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        ReadOp(ctx, prefs.get_all, parent=self, success=self._fill).run_in_background()

    def _fill(self, values: dict[str, Any]) -> None:
        self.demo = bool(values[prefs.DEMO_MODE.name])
        self.ui.portal_url.setText(str(values[prefs.PORTAL_URL.name]))
        self.notice_texts = {
            code: (str(values[subject.name]), str(values[body.name]))
            for code, (subject, body) in prefs.NOTICE_TEXTS.items()
        }
        self._show_notice(languages.DEFAULT)
        self.ui.portal_family_scope.setChecked(bool(values[prefs.PORTAL_FAMILY_SCOPE.name]))
        self.set_two_step(str(values[prefs.PORTAL_TWO_STEP.name]))
        self.ui.webmail_allow_reply.setChecked(bool(values[prefs.WEBMAIL_ALLOW_REPLY.name]))
        self.ui.webmail_notify_unread_days.setValue(
            int(values[prefs.WEBMAIL_NOTIFY_UNREAD_DAYS.name])
        )
        self.ready.emit()

    def _keep_shown_notice(self) -> None:
        self.notice_texts[self.shown_language] = (
            self.ui.notify_subject.text(),
            self.ui.notify_body.toPlainText(),
        )

    def _show_notice(self, language: str) -> None:
        subject, body = self.notice_texts.get(language, ("", ""))
        self.shown_language = language
        self.ui.notify_subject.setText(subject)
        self.ui.notify_body.setPlainText(body)
        index = self.ui.notify_language.findData(language)
        if index != self.ui.notify_language.currentIndex():
            self.ui.notify_language.setCurrentIndex(index)

    def _language_chosen(self, _index: int) -> None:
        self._keep_shown_notice()
        self._show_notice(str(self.ui.notify_language.currentData()))

    def set_two_step(self, value: str) -> None:
        index = self.ui.portal_two_step.findData(value.strip().lower())
        if index < 0:  # as portal_two_step.mode reads an unknown value
            index = self.ui.portal_two_step.findData(prefs.PORTAL_TWO_STEP.default)
        self.ui.portal_two_step.setCurrentIndex(index)

    def save(self) -> None:
        self._keep_shown_notice()
        url = self.ui.portal_url.text().strip()
        subject, body = self.notice_texts[languages.DEFAULT]
        two_step = str(self.ui.portal_two_step.currentData())
        problems = portal_problems(url, subject.strip(), body, two_step, self.demo)
        for code, (other_subject, other_body) in self.notice_texts.items():
            found = notice_problems(code, other_subject.strip(), other_body)
            if found and not problems:  # show that language's texts with their problems
                self._show_notice(code)
                problems = found
        if problems:
            self.problems.show(problems)
            return
        values: dict[Any, Any] = {
            prefs.PORTAL_URL: url,
            prefs.PORTAL_FAMILY_SCOPE: self.ui.portal_family_scope.isChecked(),
            prefs.PORTAL_TWO_STEP: two_step,
            prefs.WEBMAIL_ALLOW_REPLY: self.ui.webmail_allow_reply.isChecked(),
            prefs.WEBMAIL_NOTIFY_UNREAD_DAYS: self.ui.webmail_notify_unread_days.value(),
        }
        for code, (subject_pref, body_pref) in prefs.NOTICE_TEXTS.items():
            values[subject_pref] = self.notice_texts[code][0].strip()
            values[body_pref] = self.notice_texts[code][1].strip()
        actor = self.ctx.actor
        save = lambda s: practice_setup.set_preferences(s, actor, values)  # noqa: E731
        save_preferences(self.ctx, self, self.problems, save, self._saved)

    def _saved(self, _none: None) -> None:
        self.saved.emit()
        self.accept()
