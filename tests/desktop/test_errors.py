"""The two kinds of error: expected ones become a clear message and the app carries on; bugs
reach a crash dialog and the log without PHI."""

import logging
import sys

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.orm import Session

from opendesk.core.db import Database
from opendesk.core.errors import NotFound
from opendesk.desktop import message_channel
from opendesk.desktop.context import AppContext
from opendesk.desktop.operations import ReadOp, WriteOp

PHI = "Brighton, Harold 03/04/1970"


def _boom(session: Session) -> None:
    raise KeyError(PHI)


def test_crash_dialog_and_log_show_no_phi(
    qtbot: QtBot,
    ctx: AppContext,
    caplog: pytest.LogCaptureFixture,
    shown_messages: list[tuple[str, str]],
) -> None:
    caplog.set_level(logging.ERROR, logger="opendesk.desktop.errors")
    try:
        try:
            _boom(None)  # type: ignore[arg-type]
        except KeyError as inner:
            raise RuntimeError(f"while showing {PHI}") from inner
    except RuntimeError:
        dialog = message_channel.report_crash(*sys.exc_info())  # type: ignore[arg-type]
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    shown = dialog.text
    assert "builtins.KeyError" in shown and "builtins.RuntimeError" in shown
    assert "in _boom" in shown  # where it happened is kept
    assert "Brighton" not in shown and "1970" not in shown
    assert caplog.records and all("Brighton" not in r.getMessage() for r in caplog.records)
    assert shown_messages[-1][0] == "crash"


def test_a_bug_in_an_operation_reaches_the_crash_handler(
    qtbot: QtBot, ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    ReadOp(ctx, _boom).run_in_background()
    level, details = shown_messages[-1]
    assert level == "crash" and "Brighton" not in details


def test_expected_errors_are_clear_messages(
    qtbot: QtBot, ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    def missing(session: Session) -> None:
        raise NotFound("This patient no longer exists.")

    WriteOp(ctx, missing).run_in_background()
    assert shown_messages == [("warning", "This patient no longer exists.")]


def test_database_unreachable_is_an_expected_error(
    qtbot: QtBot, ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    # A MariaDB address where nothing listens: the driver's message must not be shown.
    ctx.db = Database("mariadb://opendesk@127.0.0.1:9/practice?connect_timeout=2")
    try:
        ReadOp(ctx, lambda s: s.execute(text("SELECT 1"))).run_in_background()
    finally:
        ctx.db.dispose()
    assert shown_messages == [("error", message_channel.DATABASE_UNREACHABLE)]


def test_excepthook_is_installed(ctx: AppContext) -> None:
    old = sys.excepthook
    try:
        message_channel.install_excepthook()
        assert sys.excepthook is message_channel._excepthook
    finally:
        sys.excepthook = old
