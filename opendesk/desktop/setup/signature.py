"""A provider's signature (issue 22 part A; forms/signature.ui): Setup > My Signature… for the
logged-on user's provider, and the Signature… button of Setup > Providers for any provider
(Setup users). Plain text, appended after a blank line to the provider's new messages and
replies; the core checks who may change it and audits the change."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from opendesk.core.services import signatures
from opendesk.core.services.providers import ProviderRow, provider_row
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.forms_generated.ui_signature import Ui_SignatureDialog
from opendesk.desktop.operations import ReadOp, WriteOp
from opendesk.desktop.setup.common import FormProblems


class SignatureDialog(QDialog):
    """Edit one provider's signature (`provider_id`, default the user's). `saved(int)`."""

    saved = Signal(int)
    ready = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, provider_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = Ui_SignatureDialog()
        self.ui.setupUi(self)
        self.setObjectName("signature_dialog")
        self.problems = FormProblems(self.ui)
        self.problems.clear()
        user = ctx.user
        self.provider_id = provider_id or (user.provider_id if user is not None else None)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.signature.setFocus()
        if self.provider_id is None:
            self.setWindowTitle("My Signature")
            self.ui.provider_name.setText(
                "Your user is not linked to a provider, so it has no signature. Ask your "
                "administrator to link it (Setup > Users…)."
            )
            self.ui.signature.setEnabled(False)
            return
        wanted = self.provider_id
        ReadOp(
            ctx,
            lambda s: (provider_row(s, wanted), signatures.signature_of(s, wanted)),
            parent=self,
            success=self._fill,
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _fill(self, loaded: tuple[ProviderRow | None, str]) -> None:
        row, text = loaded
        name = row.name if row is not None else ""
        self.setWindowTitle(f"Signature - {name}")
        self.ui.provider_name.setText(
            f"{name}'s signature, added after a blank line to new messages and replies "
            "(it can be edited in each message before sending):"
        )
        self.ui.signature.setPlainText(text)
        self.ready.emit()

    def save(self) -> None:
        if self.provider_id is None:
            self.reject()
            return
        text = self.ui.signature.toPlainText()
        problem = signatures.signature_problem(text)
        if problem:
            self.problems.show({"signature": problem})
            return
        actor, provider_id = self.ctx.actor, self.provider_id
        WriteOp(
            self.ctx,
            lambda s: signatures.set_signature(s, actor, provider_id, text),
            changes=OpChanges(providers=True),
            parent=self,
            success=lambda _none: self._saved(),
        ).failure(lambda exc: self.problems.failed(self, exc)).run_in_background()

    def _saved(self) -> None:
        assert self.provider_id is not None
        self.saved.emit(self.provider_id)
        self.accept()
