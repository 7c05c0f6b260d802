"""Access-control sweep: every route that takes an id, for every account and every object of
the demo families. Only the pairs the hand-written EXPECTED_SCOPE allows succeed; every other
answers the very page a missing id gets (404) and leaves one audit row with outcome "denied"."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from opendesk.core import preferences as prefs
from opendesk.core.db import Database
from opendesk.core.models import AuditEntry, PortalAccount, PortalSessionRecord, WebMailMessage
from tests.security.conftest import (
    ACCOUNTS,
    EXPECTED_SCOPE,
    PATIENTS,
    Families,
    Portal,
    count_denied,
    make_families,
    message_count,
    without_token,
)

MISSING = 987_654_321


class Sweep:
    """Checks one account's answers: allowed ones succeed and are not refusals; refused ones
    are the missing-id page and add exactly one "denied" audit row; none shows foreign PHI."""

    def __init__(self, fam: Families, p: Portal, account: str, family_scope: bool) -> None:
        self.fam, self.p, self.account = fam, p, account
        self.foreign = fam.foreign_phi(account, family_scope)
        self.missing_page = without_token(p.get(f"/messages/{MISSING}").text)
        self.denied = count_denied(fam.db)
        self.tried = self.refused = 0

    def check(self, response: Any, ok: bool, what: str) -> None:
        self.tried += 1
        where = f"{self.account}, {what}"
        before, status, text = self.denied, response.status_code, response.text
        if response.headers.get("content-type") == "application/pdf":  # Save as PDF
            pages = PdfReader(io.BytesIO(response.content)).pages
            text = "\n".join(page.extract_text() for page in pages)
        self.denied = count_denied(self.fam.db)
        if ok:
            assert status in (200, 303), f"{where}: {status}"
            assert self.denied == before, f"{where}: audited as denied"
            if status == 303:  # follow like a browser (and take the flash message)
                page = self.p.get(response.headers["location"])
                assert page.status_code == 200
                text += page.text
                self.denied = count_denied(self.fam.db)
                assert self.denied == before
        else:
            self.refused += 1
            assert status == 404, f"{where}: {status}"
            assert without_token(text) == self.missing_page, where
            assert self.denied == before + 1, f"{where}: refusal not audited once"
        for phi in self.foreign:
            assert phi not in text, f"{where}: shows {phi!r}"


@pytest.mark.parametrize("family_scope", [True, False], ids=["family-on", "family-off"])
def test_every_id_route_for_every_pair_of_accounts(
    db: Database, portal: Callable[..., Portal], family_scope: bool
) -> None:
    fam = make_families(db, family_scope)
    tried = refused = 0
    for account in ACCOUNTS:
        allowed = EXPECTED_SCOPE[family_scope][account]
        p = portal(account)
        sweep = Sweep(fam, p, account, family_scope)
        for route, missing in (
            (f"/attachments/{MISSING}", p.get(f"/attachments/{MISSING}")),
            (f"/compose?about={MISSING}", p.get(f"/compose?about={MISSING}")),
            (f"/messages/{MISSING}/pdf", p.get(f"/messages/{MISSING}/pdf")),
            ("reply", p.post(f"/messages/{MISSING}/reply", {"body": "x", "request_id": "m1"})),
        ):
            assert missing.status_code == 404, route
            assert without_token(missing.text) == sweep.missing_page, route
        sweep.denied = count_denied(db)
        for item in fam.items:
            ok = item.about in allowed
            what = f"message about {item.about}"
            sweep.check(p.get(f"/messages/{item.message_id}"), ok, what)
            sweep.check(p.get(f"/attachments/{item.attachment_id}"), ok, f"attachment of {what}")
            sweep.check(p.get(f"/messages/{item.message_id}/pdf"), ok, f"PDF of {what}")
            reply = p.post(
                f"/messages/{item.message_id}/reply",
                {"body": f"reply by {account}", "request_id": f"{account}-{item.message_id}"},
            )
            sweep.check(reply, ok, f"reply to {what}")
        for hidden in (fam.hidden_message_id, fam.draft_id):
            sweep.check(p.get(f"/messages/{hidden}"), False, f"hidden/draft {hidden}")
            sweep.check(p.get(f"/messages/{hidden}/pdf"), False, f"PDF of hidden/draft {hidden}")
            sweep.check(
                p.post(f"/messages/{hidden}/reply", {"body": "x", "request_id": f"h{hidden}"}),
                False,
                "reply to hidden/draft",
            )
        for patient in PATIENTS:
            ok = patient in allowed
            pid = fam.patient_ids[patient]
            sweep.check(p.get(f"/compose?about={pid}"), ok, f"compose page about {patient}")
            sent = p.post(
                "/compose",
                {
                    "regarding_patient_id": pid,
                    "subject": f"Question from {account}",
                    "body": "When is my next visit?",
                    "request_id": f"c-{account}-{pid}",
                },
            )
            sweep.check(sent, ok, f"compose about {patient}")
        tried += sweep.tried
        refused += sweep.refused
    # Replies the portal accounts wrote are ids too: each is seen exactly by the accounts
    # whose scope holds the patient it is about.
    with fam.db.readonly_session() as s:
        replies = s.execute(
            select(WebMailMessage.id, WebMailMessage.regarding_patient_id).where(
                WebMailMessage.sender_portal_account_id.is_not(None)
            )
        ).all()
    by_id = {v: k for k, v in fam.patient_ids.items()}
    for account in ACCOUNTS:
        p = portal(account)
        for mid, regarding in replies:
            ok = by_id[regarding] in EXPECTED_SCOPE[family_scope][account]
            assert p.get(f"/messages/{mid}").status_code == (200 if ok else 404)
    assert tried > 300 and refused > 150
    with fam.db.readonly_session() as s:
        actions = set(
            s.execute(select(AuditEntry.action).where(AuditEntry.outcome == "denied")).scalars()
        )
    assert actions == {"portal.message.denied", "portal.attachment.denied", "portal.patient.denied"}


def test_a_request_id_from_another_account_reveals_nothing(
    families: Families, portal: Callable[..., Portal]
) -> None:
    """Replaying someone else's form request id must not hand back their message id."""
    ann = portal("annlee")
    mine = next(i for i in families.items if i.about == "ann")
    r = ann.post(f"/messages/{mine.message_id}/reply", {"body": "Thanks", "request_id": "ann-1"})
    assert r.status_code == 303
    ann_reply = int(r.headers["location"].rsplit("/", 1)[1])
    sam = portal("samroe")
    sams = next(i for i in families.items if i.about == "sam")
    before = message_count(families.db)
    for response in (
        sam.post(f"/messages/{sams.message_id}/reply", {"body": "Hi", "request_id": "ann-1"}),
        sam.post(
            "/compose",
            {
                "regarding_patient_id": families.patient_ids["sam"],
                "subject": "Hello",
                "body": "Hi",
                "request_id": "ann-1",
            },
        ),
    ):
        assert response.status_code == 400
        assert "This form was already used" in response.text
        assert f"/messages/{ann_reply}" not in response.text
        assert "Thanks" not in response.text
    assert message_count(families.db) == before
    with families.db.readonly_session() as s:
        reply = s.get(WebMailMessage, ann_reply)
        assert reply is not None and reply.body == "Thanks"


def test_family_scope_preference_takes_effect_at_once(
    families: Families, portal: Callable[..., Portal]
) -> None:
    tim = next(i for i in families.items if i.about == "tim")
    ann = portal("annlee")
    assert ann.get(f"/messages/{tim.message_id}").status_code == 200
    with families.db.session() as s:
        prefs.set_many(s, {prefs.PORTAL_FAMILY_SCOPE: False})
        s.commit()
    assert ann.get(f"/messages/{tim.message_id}").status_code == 404
    assert "Leeward, Tim" not in ann.get("/inbox").text


def test_no_account_can_end_or_see_another_accounts_session(
    db: Database, portal: Callable[..., Portal]
) -> None:
    make_families(db)
    ann, sam = portal("annlee"), portal("samroe")
    with db.readonly_session() as s:
        ann_sessions = list(
            s.execute(
                select(PortalSessionRecord.id)
                .join(PortalAccount, PortalAccount.id == PortalSessionRecord.account_id)
                .where(PortalAccount.username == "annlee")
            ).scalars()
        )
    assert ann_sessions
    sam_page = sam.get("/account/sessions")
    assert sam_page.status_code == 200
    for sid in ann_sessions:
        assert f"/account/sessions/{sid}/end" not in sam_page.text
        refused = sam.post(f"/account/sessions/{sid}/end", {})
        assert refused.status_code == 404
    for sid in (0, -1, 2**31, 2**63 - 1):
        assert sam.post(f"/account/sessions/{sid}/end", {}).status_code in (400, 404)
    assert ann.get("/inbox", follow_redirects=False).status_code == 200
