"""The shared send flow: a user not linked to the From provider is asked for that provider's
password, again after a wrong one; Cancel sends nothing; the right one sends exactly once."""

import uuid

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core import preferences as prefs
from opendesk.core.models import AuditEntry, WebMailMessage
from opendesk.core.services import webmail
from opendesk.core.services.webmail import Outgoing, SendResult
from opendesk.desktop.context import AppContext
from opendesk.desktop.webmail.send_flow import run_send
from tests import factories
from tests.desktop.conftest import Practice, login


def _answer_prompts(answers: list[str | None], seen: list[str]) -> None:
    """Answer each provider-password prompt in turn (None = Cancel)."""

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QInputDialog) and widget.isVisible():
                seen.append(widget.labelText())
                value = answers.pop(0)
                if value is None:
                    widget.reject()
                else:
                    widget.setTextValue(value)
                    widget.accept()
                break
        if answers:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def _setup(ctx: AppContext, practice: Practice) -> Outgoing:
    with ctx.db.session() as s:
        prefs.set_many(
            s, {prefs.NOTIFY_FROM: "n@example.com", prefs.PORTAL_URL: "https://portal.example"}
        )
        factories.portal_account(s, practice.head)
        s.commit()
    return Outgoing(
        regarding_patient_id=practice.child.id,
        provider_id=practice.kim.id,
        subject="Plan",
        body="Your plan.",
        client_request_id=str(uuid.uuid4()),
    )


def _count(ctx: AppContext) -> int:
    with ctx.db.readonly_session() as s:
        return int(s.execute(select(func.count(WebMailMessage.id))).scalar_one())


def test_wrong_then_right_provider_password(
    qtbot: QtBot, ctx: AppContext, practice: Practice
) -> None:
    out = _setup(ctx, practice)
    login(ctx, "mbell")
    sent: list[SendResult] = []
    seen: list[str] = []
    _answer_prompts(["nope", factories.PASSWORD], seen)

    def call(session: Session, password: str | None) -> SendResult:
        return webmail.send(session, ctx.actor, out, password)

    run_send(ctx, None, call, sent.append)
    qtbot.waitUntil(lambda: bool(sent), timeout=5000)
    assert len(seen) == 2
    assert "Kim Albright" in seen[0] and "not the password" in seen[1]
    assert _count(ctx) == 1
    with ctx.db.readonly_session() as s:
        fails = s.execute(
            select(func.count()).where(AuditEntry.action == "webmail.provider_password")
        ).scalar_one()
        assert fails == 1


def test_cancel_sends_nothing(qtbot: QtBot, ctx: AppContext, practice: Practice) -> None:
    out = _setup(ctx, practice)
    login(ctx, "mbell")
    cancelled: list[bool] = []
    _answer_prompts([None], [])
    run_send(
        ctx,
        None,
        lambda s, pw: webmail.send(s, ctx.actor, out, pw),
        lambda _r: None,
        on_cancel=lambda: cancelled.append(True),
    )
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert _count(ctx) == 0
