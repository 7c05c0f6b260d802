"""Setup > Data Paths: where the practice's A-to-Z images are. Either a folder (Browse..., and
created after a confirmation when it does not exist yet) or Dropbox: the access token is kept in
this computer's OS keyring (`core.credentials.dropbox_key()`), the A-to-Z root inside Dropbox
in the preferences. A blank token box keeps the stored token."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.credentials import dropbox_key, get_secret, set_secret
from opendesk.core.errors import ValidationError
from opendesk.core.services import practice_setup
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_data_paths import Ui_DataPathsDialog
from opendesk.desktop.operations import ReadOp
from opendesk.desktop.setup.common import FormProblems, confirm, save_preferences, store_in_keyring
from opendesk.desktop.setup.validation import dropbox_problems, folder_problem

FOLDER, DROPBOX = "folder", "dropbox"


@dataclass(frozen=True)
class _Loaded:
    values: dict[str, Any]
    token_stored: bool


class DataPathsDialog(QDialog):
    ready = Signal()
    saved = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_DataPathsDialog()
        self.ui.setupUi(self)
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        self.token_stored = False
        self.confirm_box: QWidget | None = None
        self.ui.storage_folder.toggled.connect(lambda _on: self._update_enabled())
        self.ui.browseButton.clicked.connect(self.browse)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)

        def load(session: Session) -> _Loaded:
            return _Loaded(prefs.get_all(session), bool(get_secret(dropbox_key())))

        ReadOp(ctx, load, parent=self, success=self._fill).run_in_background()

    def _fill(self, loaded: _Loaded) -> None:
        v = loaded.values
        dropbox = v[prefs.STORAGE_KIND.name] == DROPBOX
        (self.ui.storage_dropbox if dropbox else self.ui.storage_folder).setChecked(True)
        self.ui.atoz_path.setText(str(v[prefs.ATOZ_PATH.name]))
        self.ui.dropbox_root.setText(str(v[prefs.DROPBOX_ROOT.name]))
        self.token_stored = loaded.token_stored
        self.ui.tokenStatusLabel.setText(
            "A Dropbox token is stored on this computer; leave the box empty to keep it."
            if loaded.token_stored
            else "No Dropbox token is stored on this computer."
        )
        self._update_enabled()
        self.ready.emit()

    @property
    def kind(self) -> str:
        return FOLDER if self.ui.storage_folder.isChecked() else DROPBOX

    def _update_enabled(self) -> None:
        folder = self.kind == FOLDER
        for widget in (self.ui.atoz_path, self.ui.browseButton):
            widget.setEnabled(folder)
        for widget in (self.ui.dropbox_token, self.ui.dropbox_root):
            widget.setEnabled(not folder)

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "A-to-Z images folder", self.ui.atoz_path.text()
        )
        if chosen:
            self.ui.atoz_path.setText(chosen)

    def save(self) -> None:
        if self.kind == FOLDER:
            path = self.ui.atoz_path.text().strip()
            problem = folder_problem(path)
            if problem:
                self.problems.show({"atoz_path": problem})
                return
            self.problems.clear()
            if not Path(path).exists():
                self.confirm_box = confirm(
                    self,
                    f"The folder {path} does not exist. Create it?",
                    lambda: self._save_folder(path, create=True),
                )
                return
            self._save_folder(path, create=False)
        else:
            root = self.ui.dropbox_root.text().strip()
            token = self.ui.dropbox_token.text().strip()
            problems = dropbox_problems(root, token, self.token_stored)
            if problems:
                self.problems.show(problems)
                return
            self._save_dropbox(root, token)

    def _save_folder(self, path: str, create: bool) -> None:
        actor = self.ctx.actor
        values: dict[Any, Any] = {prefs.STORAGE_KIND: FOLDER, prefs.ATOZ_PATH: path}

        def work(session: Session) -> None:
            if create:
                try:
                    Path(path).mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise ValidationError(
                        f"The folder could not be created ({exc.strerror or type(exc).__name__})."
                        " Check the path and your rights on it.",
                        "atoz_path",
                    ) from None
            practice_setup.set_preferences(session, actor, values)

        self._run(work)

    def _save_dropbox(self, root: str, token: str) -> None:
        actor = self.ctx.actor
        values: dict[Any, Any] = {prefs.STORAGE_KIND: DROPBOX, prefs.DROPBOX_ROOT: root}

        def work(session: Session) -> None:
            practice_setup.set_preferences(session, actor, values)
            if token:
                store_in_keyring(lambda: set_secret(dropbox_key(), token), "token")

        self._run(work)

    def _run(self, work: Callable[[Session], None]) -> None:
        save_preferences(self.ctx, self, self.problems, work, self._saved)

    def _saved(self, _none: None) -> None:
        self.ui.dropbox_token.clear()
        self.saved.emit()
        self.accept()
