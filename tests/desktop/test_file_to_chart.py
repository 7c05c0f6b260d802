"""File to Chart in the desktop (issue 23): the message window's button files the whole
conversation on a worker thread and names the file; the Chart module's WebMail tab files the
selected message's conversation; a refusal is the core's clear message. Screenshots go to
artifacts/."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event, func, select

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import ChartFiling
from opendesk.core.settings import WorkstationSettings
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.chart_page import ChartWebMailPage
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.taskman import TaskManager
from tests import filing_support as fs
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import login


@pytest.fixture
def filing(db: Database, tmp_path: Path) -> fs.FilingPractice:
    return fs.setup(db, tmp_path / "AtoZ")


@pytest.fixture
def threaded_ctx(db: Database, tmp_path: Path, qapp: object) -> Iterator[AppContext]:
    """A context whose operations run on the worker pool, as in the application."""
    context = AppContext(
        db,
        WorkstationSettings(tmp_path / "settings.json"),
        taskman=TaskManager(),
        workstation="test-ws",
    )
    yield context
    context.taskman.wait_for_done()


def filings(db: Database) -> int:
    with db.readonly_session() as s:
        return int(s.execute(select(func.count(ChartFiling.id))).scalar_one())


def test_the_message_window_files_the_conversation_off_the_gui_thread(
    qtbot: QtBot,
    threaded_ctx: AppContext,
    filing: fs.FilingPractice,
    shown_messages: list[tuple[str, str]],
) -> None:
    login(threaded_ctx, "kalbright")
    window = MessageWindow.open_window(threaded_ctx, filing.message_ids[1])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert window.file_button.isVisible() and window.file_button.isEnabled()
    assert window.file_button.text() == "File to Chart"
    window.grab().save(str(ARTIFACTS / "file_to_chart_message_window.png"))

    threads: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO CHART_FILING"):
            threads.append(threading.current_thread().name)

    event.listen(threaded_ctx.db.engine, "before_cursor_execute", seen)
    try:
        qtbot.mouseClick(window.file_button, Qt.MouseButton.LeftButton)
        assert not window.file_button.isEnabled()  # until the work is done
        qtbot.waitUntil(lambda: bool(shown_messages), timeout=30000)
    finally:
        event.remove(threaded_ctx.db.engine, "before_cursor_execute", seen)
    assert threads and threads[0] != threading.main_thread().name
    level, text = shown_messages[-1]
    assert level == "info"
    assert "“2026-11-30 RE Robert's X-rays.pdf”" in text and "(3 messages)" in text
    assert "A-to-Z folder under WebMail" in text
    qtbot.waitUntil(window.file_button.isEnabled, timeout=3000)
    assert filings(threaded_ctx.db) == 1
    folder = filing.atoz / "O" / f"OBrienRobert{filing.patient_id}" / "WebMail"
    assert [p.name for p in folder.iterdir()] == ["2026-11-30 RE Robert's X-rays.pdf"]


def test_the_chart_tab_files_the_selected_conversation_and_shows_refusals(
    qtbot: QtBot,
    ctx: AppContext,
    filing: fs.FilingPractice,
    shown_messages: list[tuple[str, str]],
) -> None:
    login(ctx, "kalbright")
    main = MainWindow(ctx, start_background=False)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    main.show()
    ctx.select_patient(filing.patient_id)
    assert main.open_page("chart", "webmail")
    chart = main.module("chart")
    assert chart is not None
    page = chart.page_widgets["webmail"]  # type: ignore[attr-defined]
    assert isinstance(page, ChartWebMailPage)
    qtbot.waitUntil(lambda: len(page.model.ids) == 3, timeout=5000)
    assert not page.file_button.isEnabled()  # nothing selected yet
    rect = page.table.visualRect(page.model.index(0, 3))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.file_button.isEnabled()
    main.grab().save(str(ARTIFACTS / "file_to_chart_chart_tab.png"))

    qtbot.mouseClick(page.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown_messages), timeout=30000)
    assert shown_messages[-1][0] == "info" and "is filed to the chart" in shown_messages[-1][1]
    assert filings(ctx.db) == 1

    with ctx.db.session() as s:  # the share goes away
        prefs.set_many(s, {prefs.ATOZ_PATH: str(filing.atoz.parent / "offline")})
        s.commit()
    qtbot.mouseClick(page.file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown_messages) == 2, timeout=30000)
    level, text = shown_messages[-1]
    assert level == "warning" and "A-to-Z images folder cannot be reached" in text
    assert page.file_button.isEnabled() and filings(ctx.db) == 1
