"""Portal test set-up: a small practice in the database, the real app, and a browser-like
client that logs in through the log-in form (CSRF token and all)."""

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from opendesk.core import preferences as prefs
from opendesk.core.actors import PortalActor, StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.services import webmail
from opendesk.core.services.message_settings import MessageSettings
from opendesk.core.services.webmail import NewAttachment, Outgoing
from opendesk.portal.app import create_app
from opendesk.portal.config import PortalConfig
from opendesk.portal.throttle import LoginThrottle
from tests import factories as f

SECRET = "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD = f.PASSWORD
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Clock:
    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Practice:
    prov_a: int
    prov_b: int
    doc_a: StaffActor
    doc_b: StaffActor
    admin: StaffActor
    head: int  # Ann Lee, guarantor of Tim
    child: int
    stranger: int  # Sam Roe, another family, provider B
    head_portal: PortalActor
    stranger_portal: PortalActor
    head_user: str = "annlee"
    stranger_user: str = "samroe"
    extra: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def practice(db: Database) -> Practice:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
                prefs.PRACTICE_NAME: "Maple Street Dental",
                prefs.PRACTICE_PHONE: "(555) 010-2000",
            },
        )
        a, b = f.provider(s, "A"), f.provider(s, "B")
        senders = f.group(
            s,
            "Providers",
            Permission.WEBMAIL_SEND,
            Permission.PORTAL_ACCESS,
            Permission.PATIENT_EDIT,
        )
        admins = f.group(s, "Admins", Permission.PORTAL_ACCESS, Permission.PATIENT_EDIT)
        doc_a = f.user(s, "doca", prov=a, groups=[senders])
        doc_b = f.user(s, "docb", prov=b, groups=[senders])
        admin = f.user(s, "admin", groups=[admins])
        head = f.patient(s, a, last="Lee", first="Ann", email="ann@example.com")
        child = f.patient(s, a, last="Lee", first="Tim", guarantor=head, email="")
        stranger = f.patient(s, b, last="Roe", first="Sam", email="sam@example.com")
        head_acct = f.portal_account(s, head, "annlee")
        stranger_acct = f.portal_account(s, stranger, "samroe")
        s.commit()
        return Practice(
            a.id,
            b.id,
            StaffActor(doc_a.id, "ws-a"),
            StaffActor(doc_b.id, "ws-b"),
            StaffActor(admin.id, "ws-admin"),
            head.id,
            child.id,
            stranger.id,
            PortalActor(head_acct.id, head.id, "testclient"),
            PortalActor(stranger_acct.id, stranger.id, "testclient"),
        )


def send(
    db: Database,
    actor: StaffActor,
    regarding: int,
    provider: int,
    subject: str = "Your X-ray results",
    body: str = "The X-rays look fine.\nSee you in six months.",
    attachments: tuple[NewAttachment, ...] = (),
    settings: MessageSettings | None = None,
) -> int:
    with db.session() as s:
        out = Outgoing(
            regarding_patient_id=regarding,
            provider_id=provider,
            subject=subject,
            body=body,
            client_request_id=str(uuid.uuid4()),
            attachments=attachments,
            settings=settings or MessageSettings(),
        )
        return webmail.send(s, actor, out).message_id


def config(**kw: Any) -> PortalConfig:
    base = PortalConfig(
        database_url="sqlite://",
        secret_key=SECRET,
        run_outbox=False,
        login_delay_base=0.0,
        allowed_hosts=("testserver",),  # the TestClient's host name
    )
    return replace(base, **kw)


class Browser:
    """A TestClient that fills in the CSRF token like a browser submitting the page's form."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def csrf(self, path: str = "/login") -> str:
        page = self.client.get(path, follow_redirects=True)
        match = CSRF_RE.search(page.text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def post_form(self, path: str, data: dict[str, Any], form_page: str | None = None) -> Any:
        token = self.csrf(form_page or path)
        return self.client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)

    def login(self, username: str, password: str = PASSWORD) -> Any:
        return self.post_form("/login", {"username": username, "password": password})

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, **kw)

    def app_throttle(self) -> LoginThrottle:
        throttle: LoginThrottle = self.client.app.state.throttle  # type: ignore[attr-defined]
        return throttle


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_browser(db: Database, clock: Clock) -> Iterator[Callable[..., Browser]]:
    clients: list[TestClient] = []

    def make(**kw: Any) -> Browser:
        base_url = kw.pop("base_url", "http://testserver")
        raise_errors = kw.pop("raise_server_exceptions", True)
        peer = kw.pop("client", ("testclient", 50000))
        app = create_app(config(clock=clock, **kw), db)
        client = TestClient(
            app, base_url=base_url, raise_server_exceptions=raise_errors, client=peer
        )
        client.__enter__()
        clients.append(client)
        return Browser(client)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def browser(make_browser: Callable[..., Browser]) -> Browser:
    return make_browser()
