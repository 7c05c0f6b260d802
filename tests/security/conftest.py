"""The security suites' demo practice: families with every kind of PHI-scope link, strangers,
a message with an attachment about every patient, and the list of PHI no other account may see.

Families (family-scope preference on unless a test turns it off):
- Lee: Ann (guarantor, account `annlee`), Bob (spouse, own account `boblee`), Tim (child, no
  account) → Ann sees Ann, Bob, Tim; Bob sees only Bob.
- Rita Voss (account `ritav`) is the responsible party of Gus Moss (own family, no account).
- Hal Kerr (account `halk`) is the guarantor of Kit Kerr (child, no account); Gina Page
  (account `ginap`, another family) is Kit's guardian.
- Strangers: Sam Roe (account `samroe`), Zoe Quist (account `zoeq`).

The expected scope is written out by hand here (`EXPECTED_SCOPE`), not computed by the code
under test.
"""

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import func, select

from opendesk.core import audit
from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.models import Attachment, AuditEntry, WebMailMessage
from opendesk.core.services import webmail
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests import factories as f
from tests.portal.conftest import CSRF_RE, PASSWORD, Browser, clock, make_browser, send  # noqa: F401 - fixtures for these tests

ACCOUNTS = ("annlee", "boblee", "ritav", "halk", "ginap", "samroe", "zoeq")
PATIENTS = ("ann", "bob", "tim", "rita", "gus", "hal", "kit", "gina", "sam", "zoe")
NAMES = {
    "ann": ("Ann", "Leeward"),
    "bob": ("Bob", "Leeward"),
    "tim": ("Tim", "Leeward"),
    "rita": ("Rita", "Vossberg"),
    "gus": ("Gus", "Mossgrove"),
    "hal": ("Hal", "Kerrigan"),
    "kit": ("Kit", "Kerrigan"),
    "gina": ("Gina", "Pageton"),
    "sam": ("Sam", "Roebuck"),
    "zoe": ("Zoe", "Quistorp"),
}
OWNER = {  # account -> its own patient
    "annlee": "ann",
    "boblee": "bob",
    "ritav": "rita",
    "halk": "hal",
    "ginap": "gina",
    "samroe": "sam",
    "zoeq": "zoe",
}
EXPECTED_SCOPE: dict[bool, dict[str, set[str]]] = {
    True: {
        "annlee": {"ann", "bob", "tim"},
        "boblee": {"bob"},
        "ritav": {"rita", "gus"},
        "halk": {"hal", "kit"},
        "ginap": {"gina", "kit"},
        "samroe": {"sam"},
        "zoeq": {"zoe"},
    },
    False: {  # without family scope a guarantor sees only themselves
        "annlee": {"ann"},
        "boblee": {"bob"},
        "ritav": {"rita", "gus"},
        "halk": {"hal"},
        "ginap": {"gina", "kit"},
        "samroe": {"sam"},
        "zoeq": {"zoe"},
    },
}


@dataclass
class Item:
    """A message (and its attachment) about one patient."""

    about: str
    message_id: int
    attachment_id: int
    subject: str
    body: str


@dataclass
class Families:
    db: Database
    patient_ids: dict[str, int]
    account_ids: dict[str, int]
    provider_id: int
    doctor: StaffActor
    items: list[Item]
    hidden_message_id: int  # hidden by staff: nobody sees it
    draft_id: int  # an unsent draft: nobody sees it
    extra: dict[str, Any] = field(default_factory=dict)

    def phi_of(self, patient: str) -> list[str]:
        """Strings that are PHI of `patient`: names, e-mail, subjects and bodies about them."""
        first, last = NAMES[patient]
        found = [f"{first} {last}", f"{last}, {first}", f"{patient}@families.example"]
        for item in self.items:
            if item.about == patient:
                found += [item.subject, item.body]
        return found

    def foreign_phi(self, account: str, family_scope: bool = True) -> list[str]:
        """PHI of every patient `account` may not see. The name of another account holder who
        may write in a thread this account sees (Ann replying about Bob; Hal and Gina both
        about Kit) is shown as that message's writer, so names of such co-writers are allowed;
        their e-mail addresses and messages about others are not."""
        scopes = EXPECTED_SCOPE[family_scope]
        allowed = scopes[account]
        writers = {OWNER[a] for a, seen in scopes.items() if seen & allowed}
        found = []
        for name in PATIENTS:
            if name in allowed:
                continue
            phi = self.phi_of(name)
            found += phi[2:] if name in writers else phi
        return found


def make_families(db: Database, family_scope: bool = True) -> Families:
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
        prov = f.provider(s, "DOC", first_name="Dana", last_name="Molar")
        senders = f.group(s, "Providers", Permission.WEBMAIL_SEND, Permission.WEBMAIL_DELETE)
        doc = f.user(s, "dmolar", prov=prov, groups=[senders])
        pats = {}

        def add(key: str, guarantor: str | None = None, **kw: Any) -> None:
            first, last = NAMES[key]
            pats[key] = f.patient(
                s,
                prov,
                first=first,
                last=last,
                guarantor=pats[guarantor] if guarantor else None,
                email=f"{key}@families.example",
                **kw,
            )

        add("ann")
        add("bob", "ann")
        add("tim", "ann")
        add("rita")
        add("gus", responsible_party_id=pats["rita"].id)
        add("hal")
        add("kit", "hal")
        add("gina")
        add("sam")
        add("zoe")
        f.guardian(s, pats["kit"], pats["gina"])
        accounts = {a: f.portal_account(s, pats[p], a) for a, p in OWNER.items()}
        s.commit()
        patient_ids = {k: p.id for k, p in pats.items()}
        account_ids = {k: a.id for k, a in accounts.items()}
        prov_id, actor = prov.id, StaffActor(doc.id, "ws-sec")
    items = []
    for key in PATIENTS:
        first, last = NAMES[key]
        subject = f"Treatment plan {key.upper()}-{first}"
        body = f"Private notes for {first} {last}: crown on tooth 3 ({key} secret)."
        mid = send(
            db,
            actor,
            patient_ids[key],
            prov_id,
            subject,
            body,
            (NewAttachment(f"xray-{key}.png", "image/png", b"\x89PNG fake " + key.encode()),),
        )
        with db.readonly_session() as s:
            aid = s.execute(select(Attachment.id).where(Attachment.message_id == mid)).scalar_one()
        items.append(Item(key, mid, aid, subject, body))
    hidden = send(db, actor, patient_ids["ann"], prov_id, "Hidden note", "Hidden body text")
    with db.session() as s:
        webmail.set_hidden(s, actor, hidden, True)
        draft = webmail.save_draft(
            s,
            actor,
            Outgoing(
                regarding_patient_id=patient_ids["ann"],
                provider_id=prov_id,
                subject="Draft about Ann",
                body="Unsent draft text",
                client_request_id=str(uuid.uuid4()),
            ),
        )
    with db.session() as s:  # messages were sent with it on (Tim's go to Ann's account)
        prefs.set_many(s, {prefs.PORTAL_FAMILY_SCOPE: family_scope})
        s.commit()
    return Families(db, patient_ids, account_ids, prov_id, actor, items, hidden, draft)


@pytest.fixture
def families(db: Database) -> Families:
    return make_families(db)


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


class Portal(Browser):
    """A logged-in Browser that keeps its session's CSRF token (it lasts until log-out)."""

    token: str = ""

    def sign_in(self, username: str, password: str = PASSWORD) -> "Portal":
        r = self.login(username, password)
        assert r.status_code == 303 and r.headers["location"] == "/inbox", r.text[:300]
        self.token = csrf_of(self.client.get("/compose").text)
        return self

    def post(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post(
            path, data={**data, "csrf_token": self.token}, follow_redirects=False
        )


@pytest.fixture
def portal(make_browser: Callable[..., Browser]) -> Callable[..., Portal]:  # noqa: F811
    def make(username: str | None = None, **kw: Any) -> Portal:
        base = make_browser(**kw)
        p = Portal(base.client)
        return p.sign_in(username) if username else p

    return make


def count_denied(db: Database) -> int:
    with db.readonly_session() as s:
        return int(
            s.execute(
                select(func.count(AuditEntry.id)).where(AuditEntry.outcome == "denied")
            ).scalar_one()
        )


def message_count(db: Database) -> int:
    with db.readonly_session() as s:
        return int(s.execute(select(func.count(WebMailMessage.id))).scalar_one())


TOKEN_RE = re.compile(r'name="csrf_token" value="[^"]+"')


def without_token(html: str) -> str:
    return TOKEN_RE.sub('name="csrf_token" value=""', html)


@pytest.fixture(autouse=True)
def audit_chain_intact(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every security test that used a database: the audit chain still verifies (the
    attacks, refusals and faults above all went through the audited services)."""
    if "db" not in request.fixturenames:
        yield
        return
    database: Database = request.getfixturevalue("db")
    yield
    with database.readonly_session() as s:
        report = audit.verify(s)
    assert report.intact, str(report)
