"""The whole loop of the manual pages, with real processes (issue 9).

The portal server runs as `python -m opendesk.portal` with its outbox worker, the SMTP server
is the demo mail catcher, the patient uses headless Chromium, and the desktop client is the
real Qt application (offscreen, pytest-qt) — on SQLite and on MariaDB:

provider grants portal access → composes and sends a web mail with an attachment → the notice
arrives by SMTP → the patient follows its link, logs in (first-login password change), reads
the message, downloads the attachment and replies → the desktop's alert count rises within the
polling interval → the inbox shows the reply in bold → opening it marks it read → the sent
message shows when the patient read it. A screenshot of every step goes to artifacts/.
"""

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from opendesk.admin.demo import make_demo
from opendesk.attachments.rules import check_attachment
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus
from opendesk.core.models import Patient, PortalAccount, User, WebMailMessage
from opendesk.core.services import staff_auth
from opendesk.core.settings import WorkstationSettings
from opendesk.desktop.context import AppContext
from opendesk.desktop.inbox.page import EmailInboxPage
from opendesk.desktop.mainwindow import MainWindow
from opendesk.desktop.portal_access.page import CredentialsDialog, PortalAccessPage
from opendesk.desktop.taskman import TaskManager
from opendesk.desktop.webmail.compose import ComposeWindow
from opendesk.desktop.webmail.launcher import install
from opendesk.mail.catcher import MailCatcher
from tests.conftest import ARTIFACTS
from tests.e2e.processes import ROOT, PortalProcess

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NEW_PASSWORD = "MyOwnPass2026"
SUBJECT = "Your X-ray results"
BODY = "Hello,\n\nThe radiographs look good. The report is attached.\n\nDr. Albright"
REPLY = "Thank you! Should I book a cleaning?"


def _pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _pdf()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _url(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def _shot(name: str, widget: QWidget | None = None) -> Path:
    path = ARTIFACTS / f"e2e_{name}.png"
    if widget is not None:
        widget.grab().save(str(path))
    return path


def _pick_patient(db: Database, provider_id: int) -> int:
    """A family head of the provider's with an e-mail and no portal account yet."""
    with db.readonly_session() as s:
        has_account = select(PortalAccount.patient_id)
        return int(
            s.execute(
                select(Patient.id)
                .where(
                    Patient.guarantor_id == Patient.id,
                    Patient.primary_provider_id == provider_id,
                    Patient.email != "",
                    Patient.id.not_in(has_account),
                )
                .order_by(Patient.id)
                .limit(1)
            ).scalar_one()
        )


@pytest.mark.only_backends("sqlite", "mariadb")
@pytest.mark.backends
def test_the_whole_loop(
    qtbot: QtBot, db: Database, backend: str, tmp_path: Path, chromium: Browser
) -> None:
    tag = backend
    catcher = MailCatcher(tmp_path / "mail").start()
    portal = PortalProcess(_url(db), tmp_path / "portal.log")
    make_demo(db, tmp_path / "atoz", portal_url=portal.url, smtp_port=catcher.port)
    portal.start()
    try:
        # The provider's workstation: Kim Albright logs on.
        ctx = AppContext(
            db,
            WorkstationSettings(tmp_path / "ws.json"),
            taskman=TaskManager(synchronous=True),
            workstation="ws-front",
        )
        with db.session() as s:
            ctx.set_user(staff_auth.login(s, "kalbright", "Demo2026", "ws-front"))
        assert ctx.user is not None and ctx.user.provider_id is not None
        main = MainWindow(ctx, start_background=False)
        qtbot.addWidget(main)
        main.resize(1200, 800)
        main.show()
        launcher = install(ctx, main)
        patient_id = _pick_patient(db, ctx.user.provider_id)
        ctx.select_patient(patient_id)

        # 1. Grant portal access (Chart module): user name and temporary password, once.
        access = PortalAccessPage(ctx)
        qtbot.addWidget(access)
        access.patient_changed(ctx.selection)
        assert access.grant_button.isEnabled(), access.problems_label.text()
        access.grant()
        [creds] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, CredentialsDialog) and w.isVisible()
        ]
        qtbot.addWidget(creds)
        _shot(f"{tag}_01_portal_access", creds)
        username, temporary = creds.granted.username, creds.granted.temporary_password
        creds.close()

        # 2. WebMail: compose with an attachment and send.
        opened: list[ComposeWindow] = []
        launcher.opened.connect(opened.append)
        main.act_webmail.trigger()
        qtbot.waitUntil(lambda: bool(opened), timeout=10000)
        window = opened[0]
        qtbot.waitUntil(lambda: not window.checking, timeout=10000)
        assert window.problems == [], window.problems
        window.ui.subject.setText(SUBJECT)
        window.ui.body.setPlainText(BODY)
        window.attachment_list.add(check_attachment("X-ray report.pdf", PDF))
        qtbot.waitUntil(lambda: window.ui.send_button.isEnabled(), timeout=5000)
        _shot(f"{tag}_02_compose", window)
        with qtbot.waitSignal(window.sent, timeout=15000) as sent:
            window.ui.send_button.click()
        message_id = sent.args[0].message_id

        # 3. The notice arrives by SMTP (the portal's outbox worker) with the portal link only.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not catcher.messages():
            time.sleep(0.1)
        [notice] = catcher.messages()
        text = notice.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
        assert SUBJECT not in notice.as_string() and "radiographs" not in notice.as_string()
        link = re.search(r"http://127\.0\.0\.1:\d+\S*", text)
        assert link is not None, text
        (ARTIFACTS / f"e2e_{tag}_03_notice.eml").write_bytes(notice.as_bytes())

        # 4. The patient: follows the link, logs in, chooses a password, reads, downloads, replies.
        page = chromium.new_context(
            accept_downloads=True, viewport={"width": 1100, "height": 800}
        ).new_page()
        page.goto(link.group(0))
        page.get_by_label("User name").fill(username)
        page.get_by_label("Password").fill(temporary)
        page.screenshot(path=str(_shot(f"{tag}_04_login")))
        page.get_by_role("button", name="Log in").click()
        page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("New password again").fill(NEW_PASSWORD)
        page.screenshot(path=str(_shot(f"{tag}_05_first_login_password")))
        page.get_by_role("button", name="Save password").click()
        page.wait_for_url(f"{portal.url}/inbox")
        page.screenshot(path=str(_shot(f"{tag}_06_inbox")))
        page.get_by_role("link", name=SUBJECT).click()
        page.wait_for_url(f"{portal.url}/messages/{message_id}")
        assert "The radiographs look good." in page.locator(".body").first.inner_text()
        page.screenshot(path=str(_shot(f"{tag}_07_message")))
        with page.expect_download() as info:
            page.get_by_role("link", name="X-ray report.pdf").click()
        saved = tmp_path / "report.pdf"
        info.value.save_as(saved)
        assert saved.read_bytes() == PDF
        page.get_by_label("Your reply").fill(REPLY)
        page.get_by_role("button", name="Send reply").click()
        page.wait_for_url(lambda u: u != f"{portal.url}/messages/{message_id}")
        page.screenshot(path=str(_shot(f"{tag}_08_replied")))
        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(f"{portal.url}/login")
        page.context.close()

        # 5. The desktop: the alert count rises within the polling interval.
        main.alerts.timer.setInterval(500)
        started = time.monotonic()
        main.alerts.start()
        qtbot.waitUntil(lambda: main.alerts.unread >= 1, timeout=5000)
        assert time.monotonic() - started < 2.0
        assert main.act_alerts.text().startswith("WebMail (")
        _shot(f"{tag}_09_alert", main)
        main.alerts.stop()

        # 6. The inbox shows the reply in bold; opening it marks it read.
        main.open_inbox()
        inbox = main.module("manage").page_widgets["email_inbox"]  # type: ignore[union-attr]
        assert isinstance(inbox, EmailInboxPage)
        with db.readonly_session() as s:
            reply_id = s.execute(
                select(WebMailMessage.id).where(WebMailMessage.parent_id == message_id)
            ).scalar_one()
        qtbot.waitUntil(lambda: inbox.model.row_of_id(reply_id) is not None, timeout=5000)
        row = inbox.model.row_of_id(reply_id)
        assert row is not None
        font = inbox.model.data(inbox.model.index(row, 3), Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.bold()
        _shot(f"{tag}_10_inbox_reply_bold", main)
        reply_window = inbox.open_message(reply_id)
        qtbot.waitUntil(lambda: reply_window.body.toPlainText() == REPLY, timeout=5000)
        _shot(f"{tag}_11_reply_opened", reply_window)
        with db.readonly_session() as s:
            reply = s.get(WebMailMessage, reply_id)
            original = s.get(WebMailMessage, message_id)
            assert reply is not None and reply.status == MessageStatus.WEBMAIL_RECD_READ
            assert original is not None and original.status == MessageStatus.WEBMAIL_SENT_READ
            assert original.read_at is not None
        reply_window.close()

        # 7. The sent message shows when the patient read it.
        sent_window = inbox.open_message(message_id)
        qtbot.waitUntil(
            lambda: sent_window.read_label.text() not in ("", "not read yet"), timeout=5000
        )
        _shot(f"{tag}_12_sent_read_time", sent_window)
        sent_window.close()
    finally:
        portal.stop()
        catcher.stop()


def _workstation(url: str, *args: str, settings: Path) -> subprocess.Popen[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "OPENDESK_SETTINGS": str(settings),
        "HOME": str(settings.parent),
        "XDG_DATA_HOME": str(settings.parent / "data"),
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.e2e.workstation", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.only_backends("mariadb")
@pytest.mark.backends
def test_two_workstations_on_one_database(db: Database, tmp_path: Path) -> None:
    """Workstation A sends; workstation B's Chart module (another process) lists it; two
    processes opening the same received message at once leave one read time."""
    import uuid

    from opendesk.core.actors import PortalActor, StaffActor
    from opendesk.core.services import portal_messages, webmail

    make_demo(db, tmp_path / "atoz")
    with db.session() as s:
        doc = s.execute(select(User).where(User.username == "kalbright")).scalar_one()
        account = s.execute(
            select(PortalAccount)
            .join(Patient, Patient.id == PortalAccount.patient_id)
            .where(Patient.primary_provider_id == doc.provider_id)
            .limit(1)
        ).scalar_one()
        sent = webmail.send(
            s,
            StaffActor(doc.id, "ws-a"),
            webmail.Outgoing(
                regarding_patient_id=account.patient_id,
                provider_id=doc.provider_id or 0,
                subject="From workstation A",
                body="Hello.",
                client_request_id=str(uuid.uuid4()),
            ),
        )
        holder = PortalActor(account.id, account.patient_id, "127.0.0.1")
        received = portal_messages.compose(
            s, holder, account.patient_id, "Question", "Is this normal?", str(uuid.uuid4())
        )
        patient_id = account.patient_id
    url = _url(db)
    chart = _workstation(url, "mbell", "chart", str(patient_id), settings=tmp_path / "b.json")
    out, err = chart.communicate(timeout=60)
    assert chart.returncode == 0, err[-2000:]
    assert str(sent.message_id) in out.split()
    start = time.time() + 4
    readers = [
        _workstation(
            url, "kalbright", "open", str(received), str(start), settings=tmp_path / f"r{i}.json"
        )
        for i in range(2)
    ]
    results = [r.communicate(timeout=60) for r in readers]
    for reader, (_out, err) in zip(readers, results, strict=True):
        assert reader.returncode == 0, err[-2000:]
    times = {out.strip() for out, _err in results}
    assert len(times) == 1 and "unread" not in times, times
