"""Setup > Attachments: the malware scanner (clamd) every attachment passes before it is stored,
and what happens when it does not answer — refuse (the default) or accept the file marked "not
scanned". Opening the dialog and Test ask the scanner for its version on a worker (never on the
GUI thread); OK saves through `practice_setup.set_preferences` (Setup permission, audited)."""

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.scanner import ScannerAddress
from opendesk.core.services import attachment_scan, practice_setup
from opendesk.core.services.attachment_scan import ScannerConfig, ScannerState
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_attachment_settings import Ui_AttachmentSettingsDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, save_preferences
from opendesk.desktop.taskman import TaskResult


@dataclass(frozen=True)
class _Loaded:
    address: str
    policy: str
    machine_address: str


def address_problem(text: str) -> str | None:
    """Why the typed address cannot be used (None when it can, or when it is empty)."""
    if not text.strip():
        return None
    try:
        ScannerAddress.parse(text)
    except ValueError as exc:
        return str(exc)
    return None


def state_text(state: ScannerState, from_machine: bool = False) -> str:
    if state.answering:
        where = " (this computer's OPENDESK_CLAMD)" if from_machine else ""
        return f"The scanner answers{where}: {state.version}."
    return state.problem


class AttachmentSettingsDialog(QDialog):
    ready = Signal()
    checked = Signal(object)  # ScannerState
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_AttachmentSettingsDialog()
        self.ui.setupUi(self)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.machine_address = ""
        self.state: ScannerState | None = None
        self._generation = 0
        self.ui.testButton.clicked.connect(self.test)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)

        def load(session: Session) -> _Loaded:
            cfg = attachment_scan.config(session)
            return _Loaded(
                prefs.get(session, prefs.SCAN_ADDRESS).strip(),
                cfg.policy,
                cfg.address if cfg.from_machine else "",
            )

        ReadOp(ctx, load, parent=self, success=self._fill).run_in_background()

    def _fill(self, loaded: _Loaded) -> None:
        self.ui.scan_address.setText(loaded.address)
        self.machine_address = loaded.machine_address
        accept = loaded.policy == attachment_scan.POLICY_ACCEPT
        (self.ui.policy_accept if accept else self.ui.policy_refuse).setChecked(True)
        self.ready.emit()
        self.test()

    @property
    def policy(self) -> str:
        return (
            attachment_scan.POLICY_ACCEPT
            if self.ui.policy_accept.isChecked()
            else attachment_scan.POLICY_REFUSE
        )

    def _config(self) -> ScannerConfig:
        typed = self.ui.scan_address.text().strip()
        if typed:
            return ScannerConfig(typed, self.policy)
        return ScannerConfig(self.machine_address, self.policy, bool(self.machine_address))

    def test(self) -> None:
        """Ask the scanner (on a worker) and show what it says."""
        problem = address_problem(self.ui.scan_address.text())
        if problem:
            self.problems.show({"scan_address": problem})
            return
        self.problems.clear()
        cfg = self._config()
        self._generation += 1
        generation = self._generation
        self.ui.statusLabel.setText("Checking the scanner…")
        self.ui.testButton.setEnabled(False)

        def done(result: TaskResult[ScannerState]) -> None:
            if generation != self._generation:
                return
            self.ui.testButton.setEnabled(True)
            if not result.ok:
                self.ui.statusLabel.setText("The scanner could not be checked.")
                return
            self.state = result.value()
            self.ui.statusLabel.setText(state_text(self.state, cfg.from_machine))
            self.checked.emit(self.state)

        self.ctx.taskman.run_in_background(lambda: attachment_scan.check(cfg), done)

    def save(self) -> None:
        address = self.ui.scan_address.text().strip()
        problem = address_problem(address)
        if problem:
            self.problems.show({"scan_address": problem})
            return
        self.problems.clear()
        actor = self.ctx.actor
        values: dict[Any, Any] = {prefs.SCAN_ADDRESS: address, prefs.SCAN_POLICY: self.policy}
        save_preferences(
            self.ctx,
            self,
            self.problems,
            lambda session: practice_setup.set_preferences(session, actor, values),
            self._saved,
        )

    def _saved(self, _none: None) -> None:
        self.saved.emit()
        self.accept()
