"""The Email Inbox's rest-of-ids load (issue 25): the first 100 rows are shown and painted
before the worker reads the other ids, and the count, a jump and sorting work once they are in.
A closed-loop view pages as it scrolls instead."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from opendesk.core.enums import MessageStatus
from opendesk.core.models import WebMailMessage
from opendesk.core.services.loop_views import LoopView
from opendesk.core.services.mailbox import Mailbox, SortKey
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.loop_model import InboxModel, LoopQuery
from opendesk.desktop.inbox.models import FIRST_PAGE, MailboxModel, MailboxQuery
from opendesk.desktop.inbox.page import EmailInboxPage
from tests.desktop.conftest import Practice

N = 230
T0 = datetime(2026, 3, 1, 9, 0)


@pytest.fixture
def many(provider_ctx: AppContext, practice: Practice) -> list[int]:
    """N received messages to Kim, oldest first; subjects sort as the dates do."""
    ids: list[int] = []
    with provider_ctx.db.session() as s:
        for n in range(N):
            read = n % 3 != 0
            m = WebMailMessage(
                status=int(
                    MessageStatus.WEBMAIL_RECD_READ if read else MessageStatus.WEBMAIL_RECEIVED
                ),
                patient_id=practice.head.id,
                regarding_patient_id=practice.head.id,
                provider_id=practice.kim.id,
                subject=f"Question {n:03d}",
                body="Is this normal?",
                sent_at=T0 + timedelta(minutes=n),
            )
            s.add(m)
            s.flush()
            ids.append(m.id)
        s.commit()
    return ids


def test_the_rest_loads_after_the_first_page_is_painted(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice, many: list[int]
) -> None:
    # The tests' task manager runs a read inline: a rest load started by show_page or during
    # the paint would be in the model as soon as that returns.
    assert provider_ctx.user is not None
    model = MailboxModel(provider_ctx)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    model.load_async(provider_ctx, MailboxQuery(provider_ctx.actor, practice.kim.id, Mailbox.INBOX))
    assert model.rowCount() == FIRST_PAGE and not model.complete  # shown, nothing more yet
    view.viewport().repaint()
    assert model.rowCount() == FIRST_PAGE  # not during the paint either
    with qtbot.waitSignal(model.restLoaded, timeout=3000):
        pass
    assert model.complete and model.ids == tuple(reversed(many))


def test_without_a_view_the_rest_still_loads(
    qtbot: QtBot, provider_ctx: AppContext, practice: Practice, many: list[int]
) -> None:
    model = MailboxModel(provider_ctx)
    with qtbot.waitSignal(model.restLoaded, timeout=3000):
        model.load_async(
            provider_ctx, MailboxQuery(provider_ctx.actor, practice.kim.id, Mailbox.INBOX)
        )
    assert model.rowCount() == N


def test_count_jump_and_sort_once_the_rest_is_in(
    qtbot: QtBot, provider_ctx: AppContext, many: list[int]
) -> None:
    page = EmailInboxPage(provider_ctx)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    qtbot.waitUntil(lambda: page.model.complete and page.model.rowCount() == N, timeout=5000)
    assert page.status.text() == f"{N} messages"
    # Jump near the end: only the rows painted there are fetched.
    row = N - 5
    page.table.scrollTo(page.model.index(row, 0))
    page.table.viewport().repaint()
    found = page.model.row_at(row)
    assert found is not None and found.id == many[4] and found.subject == "Question 004"
    # Sorting by subject reloads the first page and then the rest again.
    page.model.sort(3, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(
        lambda: (
            page.model.query is not None
            and page.model.query.sort == SortKey.SUBJECT
            and page.model.complete
        ),
        timeout=5000,
    )
    assert page.model.ids == tuple(many)
    assert page.status.text() == f"{N} messages"


def test_a_loop_view_pages_as_it_scrolls(provider_ctx: AppContext) -> None:
    model = InboxModel(provider_ctx)
    assert not model.loads_rest(LoopQuery(provider_ctx.actor, LoopView.MINE))
    assert model.loads_rest(MailboxQuery(provider_ctx.actor, None, Mailbox.INBOX))
