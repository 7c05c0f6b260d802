"""The send flow that the compose window and the message window's Reply share.

The send runs as a WriteOp off the GUI thread. When the logged-on user is not linked to the
From provider, the core service answers ProviderPasswordRequired, whose text is Open Dental's
prompt ("Input a password for a User that is associated to provider: <name>"): we ask for
that password (masked), and again after a wrong one (WrongProviderPassword says so first),
until it is right or the user cancels. Too many wrong ones lock the provider's users like a
staff login (ProviderPasswordLocked, shown as an error). The retry reuses the same client
request id (inside `call`), so a send that did commit is never duplicated.
"""

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget
from sqlalchemy.orm import Session

from opendesk.core.services.webmail import (
    ProviderPasswordRequired,
    SendResult,
    WrongProviderPassword,
)
from opendesk.desktop.changes import OpChanges
from opendesk.desktop.context import AppContext
from opendesk.desktop.message_channel import show_error
from opendesk.desktop.operations import WriteOp

SendCall = Callable[[Session, str | None], SendResult]
PROMPT_TITLE = "Provider password"


def ask_provider_password(parent: QWidget | None, text: str) -> str | None:
    """A masked password prompt; None when the user cancels."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(PROMPT_TITLE)
    dialog.setLabelText(text)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setObjectName("providerPasswordPrompt")
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return dialog.textValue()


def run_send(
    ctx: AppContext,
    parent: QWidget | None,
    call: SendCall,
    on_sent: Callable[[SendResult], None],
    *,
    on_cancel: Callable[[], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    password: str | None = None,
) -> None:
    """Send through `call(session, provider_password)`; `on_sent` runs on the GUI thread."""

    def failed(exc: BaseException) -> None:
        if isinstance(exc, ProviderPasswordRequired | WrongProviderPassword):
            entered = ask_provider_password(parent, str(exc))
            if entered is None:
                if on_cancel is not None:
                    on_cancel()
                return
            run_send(
                ctx, parent, call, on_sent, on_cancel=on_cancel, on_error=on_error, password=entered
            )
        elif on_error is not None:
            on_error(exc)
        else:
            show_error(parent, exc)

    WriteOp(
        ctx,
        lambda session: call(session, password),
        changes=OpChanges(messages=True, alerts=True),
        parent=parent,
        success=on_sent,
    ).failure(failed).with_progress("Sending…").run_in_background()
