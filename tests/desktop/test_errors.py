"""The two kinds of error: expected ones become a clear message and the app carries on; bugs
reach a crash dialog and the log without PHI."""

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from opendesk.core.db import Database
from opendesk.core.db_errors import DbProblem
from opendesk.core.errors import NotFound
from opendesk.core.models import Patient
from opendesk.desktop import message_channel
from opendesk.desktop.context import AppContext
from opendesk.desktop.models.base import Column, LazyIdTableModel
from opendesk.desktop.operations import ReadOp, WriteOp
from tests.desktop.conftest import Practice

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
    qtbot: QtBot,
    ctx: AppContext,
    shown_messages: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    ReadOp(ctx, _boom).run_in_background()
    level, details = shown_messages[-1]
    assert level == "crash" and "Brighton" not in details
    assert "unexpected error" in caplog.text and "Brighton" not in caplog.text


def test_expected_errors_are_clear_messages(
    qtbot: QtBot, ctx: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    def missing(session: Session) -> None:
        raise NotFound("This patient no longer exists.")

    WriteOp(ctx, missing).run_in_background()
    assert shown_messages == [("warning", "This patient no longer exists.")]


def test_database_unreachable_is_an_expected_error(
    qtbot: QtBot,
    ctx: AppContext,
    shown_messages: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A MariaDB address where nothing listens: the driver's message must not be shown.
    ctx.db = Database("mariadb://opendesk@127.0.0.1:9/practice?connect_timeout=2")
    try:
        ReadOp(ctx, lambda s: s.execute(text("SELECT 1"))).run_in_background()
    finally:
        ctx.db.dispose()
    assert shown_messages == [("error", message_channel.DATABASE_UNREACHABLE)]
    assert "database unreachable (OperationalError, code 2003)" in caplog.text


def test_excepthook_is_installed(ctx: AppContext) -> None:
    old = sys.excepthook
    try:
        message_channel.install_excepthook()
        assert sys.excepthook is message_channel._excepthook
    finally:
        sys.excepthook = old


def test_a_full_disk_is_told_as_such(
    qtbot: QtBot,
    ctx: AppContext,
    tmp_path: Path,
    shown_messages: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # SQLite's own "database or disk is full" (SQLITE_FULL): the file may not grow past its
    # page limit, as on a full disk.
    full = Database(f"sqlite:///{tmp_path / 'full.db'}")
    ctx.db = full
    try:
        with full.session() as s:
            s.execute(text("CREATE TABLE t (x BLOB)"))
            s.commit()
            pages = s.execute(text("PRAGMA page_count")).scalar_one()
            s.execute(text(f"PRAGMA max_page_count = {pages + 2}"))

        def write(session: Session) -> None:
            session.execute(text(f"PRAGMA max_page_count = {pages + 2}"))
            session.execute(text("INSERT INTO t VALUES (zeroblob(1000000))"))
            session.commit()

        WriteOp(ctx, write).run_in_background()
    finally:
        full.dispose()
    assert shown_messages == [("error", message_channel.db_errors.MESSAGES[DbProblem.DISK_FULL])]
    assert "disk is full" in shown_messages[0][1]
    assert "database disk_full (OperationalError, code SQLITE_FULL)" in caplog.text


@pytest.mark.backends
def test_a_missing_column_is_a_bug_without_phi(
    qtbot: QtBot,
    ctx: AppContext,
    shown_messages: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A schema problem is not "the database does not answer … nothing was lost": it goes to
    the crash dialog, whose details leave out the driver's message (it quotes the SQL)."""
    sql = "SELECT no_such_column FROM patient WHERE last_name = 'Brighton'"
    ReadOp(ctx, lambda s: s.execute(text(sql))).run_in_background()
    [(level, details)] = shown_messages
    assert level == "crash" and "Brighton" not in details and "no_such_column" not in details
    assert message_channel.DATABASE_UNREACHABLE not in details
    assert "unexpected error" in caplog.text and "Brighton" not in caplog.text


def test_postgresql_refusing_the_connection_is_expected(
    qtbot: QtBot,
    ctx: AppContext,
    shown_messages: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    ctx.db = Database("postgresql://opendesk@127.0.0.1:9/practice?connect_timeout=2")
    try:
        ReadOp(ctx, lambda s: s.execute(text("SELECT 1"))).run_in_background()
    finally:
        ctx.db.dispose()
    assert shown_messages == [("error", message_channel.DATABASE_UNREACHABLE)]
    assert "database unreachable (OperationalError" in caplog.text


class _PatientIds(LazyIdTableModel[str, str]):
    columns = (Column("Name", lambda r: r),)

    def fetch_ids(self, session: Session, query: str, cursor: Any) -> tuple[Sequence[int], Any]:
        after = int(cursor or 0)
        ids = session.execute(
            select(Patient.id).where(Patient.id > after).order_by(Patient.id).limit(2)
        ).scalars()
        found = list(ids)
        return found, (found[-1] if len(found) == 2 else None)

    def fetch_rows(self, session: Session, ids: Sequence[int]) -> dict[int, str]:
        rows = session.execute(select(Patient.id, Patient.last_name).where(Patient.id.in_(ids)))
        return {pid: name for pid, name in rows}


def test_a_lazy_model_survives_a_dropped_connection(
    qtbot: QtBot,
    ctx: AppContext,
    practice: Practice,
    shown_messages: list[tuple[str, str]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    model = _PatientIds(ctx.db)
    model.load_async(ctx, "all")
    assert model.rowCount() == 2 and model.data(model.index(0, 0))
    model.db = Database("mariadb://opendesk@127.0.0.1:9/practice?connect_timeout=2")
    try:
        model.invalidate()
        assert model.data(model.index(0, 0)) == ""  # no exception inside data()
        assert model.data(model.index(1, 0)) == ""  # and no second try while it is down
        assert not model.canFetchMore(QModelIndex())
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: bool(shown_messages), timeout=5000)
    finally:
        model.db.dispose()
    assert shown_messages == [("error", message_channel.DATABASE_UNREACHABLE)]
    model.db = ctx.db
    model.invalidate()  # the connection is back: rows are fetched again
    assert model.data(model.index(0, 0)) and model.canFetchMore(QModelIndex())
    assert "database unreachable (OperationalError, code 2003)" in caplog.text
