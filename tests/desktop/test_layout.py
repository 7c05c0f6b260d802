"""Every page and dialog of the desktop at the window sizes practices have (1280x720 laptops
and 1920x1080): no column header, label, button or search box is cut, no list scrolls
sideways, and the main window never resizes itself (issue 16). Screenshots of each go to
artifacts/layout_1280/ and artifacts/layout_1920/ for a person to look at."""

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from opendesk.attachments.atoz import ensure_patient_folder
from opendesk.attachments.dropbox_source import DropboxSource
from opendesk.attachments.thumbnails import ThumbnailCache
from opendesk.core import clock
from opendesk.core.clock import utcnow
from opendesk.core.enums import OutboxStatus
from opendesk.core.models import OutboxNotice
from opendesk.core.services import closed_loop, webmail
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import Outgoing
from opendesk.desktop.attach import AtoZFileDialog, DropboxSelectFilesDialog, FilePreviewDialog
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.loop_model import LOOP_BOXES
from opendesk.desktop.inbox.message_window import MessageWindow
from opendesk.desktop.inbox.page import BOXES, EmailInboxPage
from opendesk.desktop.mainwindow import MainWindow
from tests.attachments import dropbox_standin, samples
from tests.conftest import ARTIFACTS
from tests.desktop.conftest import Practice
from tests.desktop.layout_checks import elided
from tests.desktop.test_inbox import Mail, mail  # noqa: F401 - the fixture
from tests.desktop.test_inbox_loop import (  # noqa: F401 - the fixtures
    TUESDAY_10_05,
    Loop,
    loop,
    stopped_clock,
)

SIZES = {"1280": QSize(1280, 720), "1920": QSize(1920, 1080)}


def _shot(widget: QWidget, size_key: str, name: str) -> None:
    folder = ARTIFACTS / f"layout_{size_key}"
    folder.mkdir(exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(30)  # layouts react to the new texts on the next event-loop turns
    QApplication.processEvents()


@pytest.fixture
def busy_mail(provider_ctx: AppContext, practice: Practice, mail: Mail) -> Mail:  # noqa: F811
    """The inbox's mail plus a draft, a scheduled message and a failed notice with a long
    error."""
    with provider_ctx.db.session() as s:
        webmail.save_draft(
            s,
            provider_ctx.actor,
            Outgoing(practice.child.id, practice.kim.id, "Follow-up", "Draft text", "d1"),
        )
    with provider_ctx.db.session() as s:  # and one in Scheduled (issue 22)
        later = MessageSettings(deliver_at=utcnow() + dt.timedelta(days=1))
        out = Outgoing(practice.head.id, practice.kim.id, "Recall", "Text", "s1", settings=later)
        webmail.send(s, provider_ctx.actor, out)
    with provider_ctx.db.session() as s:
        s.execute(
            update(OutboxNotice).values(
                status=OutboxStatus.FAILED.value,
                attempts=8,
                last_error="550 5.1.1 mailbox unavailable: the recipient's server refused it",
            )
        )
        s.commit()
    return mail


@pytest.mark.parametrize("size_key", sorted(SIZES))
def test_main_window_pages_whole_and_the_window_never_grows(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice, busy_mail: Mail, size_key: str
) -> None:
    size = SIZES[size_key]
    window = MainWindow(provider_ctx, start_background=False)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    provider_ctx.select_patient(practice.head.id)
    seen: dict[str, list[str]] = {}

    def look(name: str) -> None:
        _settle(qtbot)
        assert window.size() == size, f"the main window grew on {name}: {window.size()}"
        seen[name] = elided(window)
        _shot(window, size_key, name)

    chart = window.open_module("chart")
    assert chart is not None
    for key in ("webmail", "portal_access"):
        assert chart.open_page(key)
        look(f"chart_{key}")
    assert window.open_page("manage", "email_inbox")
    page = window.module("manage").page_widgets["email_inbox"]  # type: ignore[union-attr]
    assert isinstance(page, EmailInboxPage)
    # Notifications then Drafts grew the window past the screen edge (issue 16)
    for key, _title in [*BOXES, BOXES[-1], BOXES[3], BOXES[0]]:
        page.choose_box(key)
        if key == "notifications":
            qtbot.waitUntil(lambda: page.notices.rowCount() > 0, timeout=5000)
        else:
            qtbot.waitUntil(lambda: page.model.complete and page.model.rowCount() > 0)
            page.table.selectRow(0)
            qtbot.waitUntil(lambda: page.preview.view is not None, timeout=3000)
        look(f"inbox_{key}")
    assert {name: cut for name, cut in seen.items() if cut} == {}


@pytest.mark.parametrize("size_key", sorted(SIZES))
def test_closed_loop_views_and_window_are_whole(
    qtbot: QtBot,
    provider_ctx: AppContext,
    loop: Loop,  # noqa: F811 - the fixture
    size_key: str,
) -> None:
    """Unassigned, Mine, Overdue (red, "1 h 5 min late"), Closed, and the message window with
    the loop bar, History and Keep open (issue 21)."""
    with provider_ctx.db.session() as s:
        closed_loop.take(s, provider_ctx.actor, loop.first)
        closed_loop.take(s, provider_ctx.actor, loop.second)
        closed_loop.done(s, provider_ctx.actor, loop.second)
    size = SIZES[size_key]
    window = MainWindow(provider_ctx, start_background=False)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    assert window.open_page("manage", "email_inbox")
    page = window.module("manage").page_widgets["email_inbox"]  # type: ignore[union-attr]
    assert isinstance(page, EmailInboxPage)
    seen: dict[str, list[str]] = {}
    with clock.frozen(TUESDAY_10_05):
        for key, _title in LOOP_BOXES:
            page.choose_box(key)
            qtbot.waitUntil(lambda: page.model.is_loop and page.model.complete, timeout=5000)
            qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
            page.table.selectRow(0)
            qtbot.waitUntil(lambda: page.loop_bar.row is not None, timeout=3000)
            _settle(qtbot)
            assert window.size() == size, f"the main window grew on {key}: {window.size()}"
            seen[key] = elided(window)
            _shot(window, size_key, key.replace(":", "_"))
        message = MessageWindow.open_window(provider_ctx, loop.first)
        qtbot.addWidget(message)
        qtbot.waitUntil(lambda: message.loop.loop is not None, timeout=3000)
        _settle(qtbot)
        seen["message_window"] = elided(message)
        _shot(message, size_key, "loop_message_window")
    assert {name: cut for name, cut in seen.items() if cut} == {}


def test_message_window_fits_and_its_thread_is_readable(
    qtbot: QtBot, provider_ctx: AppContext, busy_mail: Mail
) -> None:
    with provider_ctx.db.session() as s:
        first = webmail.reply(s, provider_ctx.actor, busy_mail.sore, "Use salt water.", "r1")
    window = MessageWindow.open_window(provider_ctx, first.message_id)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.view is not None, timeout=3000)
    _settle(qtbot)
    screen = SIZES["1280"]
    assert window.width() <= screen.width() and window.height() <= screen.height() - 40
    lines = window.thread_view.viewport().height() // window.thread_view.fontMetrics().height()
    assert lines >= 8, f"the earlier messages show {lines} lines"
    assert elided(window) == []
    _shot(window, "1280", "message_window")
    window.resize(SIZES["1920"] - QSize(400, 200))
    _settle(qtbot)
    assert elided(window) == []
    _shot(window, "1920", "message_window")


@pytest.fixture
def standin() -> Iterator[dropbox_standin.StandIn]:
    with dropbox_standin.running() as state:
        yield state


def test_attachment_dialogs_fit_and_are_whole(
    qtbot: QtBot, tmp_path: Path, standin: dropbox_standin.StandIn
) -> None:
    (tmp_path / "atoz").mkdir()
    folder = ensure_patient_folder(tmp_path / "atoz", "Brighton", "Harold", 1)
    (folder / "panoramic x-ray 2026-11-02.jpg").write_bytes(samples.jpeg(320, 200))
    (folder / "treatment plan.pdf").write_bytes(samples.pdf(2))
    # The widest time the Modified column shows ("12/30/2026 12:59 PM"), whatever the hour now.
    widest = dt.datetime(2026, 12, 30, 12, 59).timestamp()
    for file in folder.iterdir():
        os.utime(file, (widest, widest))
    atoz = AtoZFileDialog(folder, thumbnails=ThumbnailCache(tmp_path / "thumbs", size=48))
    qtbot.addWidget(atoz)
    with qtbot.waitSignal(atoz.listed, timeout=10_000):
        atoz.open()
    standin.add("/OpenDesk/AtoZ/B/BrightonHarold1", "consent form signed.pdf", samples.pdf(1))
    source = DropboxSource(dropbox_standin.GOOD_TOKEN, session=standin.session())
    dropbox = DropboxSelectFilesDialog(source, "/OpenDesk/AtoZ/B/BrightonHarold1")
    qtbot.addWidget(dropbox)
    with qtbot.waitSignal(dropbox.listed, timeout=10_000):
        dropbox.open()
    preview = FilePreviewDialog()
    qtbot.addWidget(preview)
    preview.show()
    preview.preview.show_path(folder / "treatment plan.pdf")
    for name, dialog in (("atoz", atoz), ("dropbox", dropbox), ("file_preview", preview)):
        _settle(qtbot)
        assert dialog.width() <= 1280 and dialog.height() <= 680, name
        assert elided(dialog) == [], name
        _shot(dialog, "1280", name)


def test_layout_checks_see_a_cut_header(qtbot: QtBot, provider_ctx: AppContext) -> None:
    """The checker itself: a page squeezed too narrow is reported, not passed."""
    page = EmailInboxPage(provider_ctx)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    _settle(qtbot)
    page.table.horizontalHeader().resizeSection(3, 20)
    page.table.horizontalHeader().resizeSection(0, 20)
    assert any("'Date'" in p for p in elided(page))
