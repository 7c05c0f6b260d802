"""The alert poll's lists marker and the Drafts recipient (issue 16), on every database: the
marker moves when the provider sends (from any workstation) and when a draft of the polling
user is saved or sent; a draft's row names the account holder the send will go to."""

import uuid

from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import Permission
from opendesk.core.services import alerts, mailbox, webmail
from opendesk.core.services.webmail import Outgoing
from tests import factories as f


def test_marker_follows_sends_and_drafts_and_drafts_name_the_recipient(db: Database) -> None:
    with db.session() as s:
        prov = f.provider(s, "KA", first_name="Kim", last_name="Albright")
        grp = f.group(s, "Providers", Permission.WEBMAIL_SEND)
        doc = f.user(s, "doc", prov=prov, groups=[grp])
        desk = f.user(s, "desk", groups=[f.group(s, "Desk")])
        head = f.patient(s, prov, last="Brighton", first="Harold")
        child = f.patient(s, prov, last="Brighton", first="Tom", guarantor=head)
        f.portal_account(s, head)
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
            },
        )
        ids = (prov.id, doc.id, desk.id, child.id)
        s.commit()
    prov_id, doc_id, desk_id, child_id = ids
    doc_actor, desk_actor = StaffActor(doc_id, "ws1"), StaffActor(desk_id, "ws2")

    def marker(provider_id: int | None, user_id: int) -> tuple[object, ...]:
        with db.readonly_session() as s:
            return alerts.webmail_alert(s, provider_id, user_id).lists_marker

    desk_before = marker(None, desk_id)
    with db.session() as s:
        draft = webmail.save_draft(
            s, desk_actor, Outgoing(child_id, prov_id, "Cleaning", "See you", "d1")
        )
    desk_with_draft = marker(None, desk_id)
    assert desk_with_draft != desk_before
    with db.readonly_session() as s:
        row = mailbox.message_rows(s, [draft])[0]
        assert row.regarding_name == "Brighton, Tom"
        assert row.patient_name == "Brighton, Harold"  # who receives it, not Regarding
    doc_before = marker(prov_id, doc_id)
    with db.session() as s:
        webmail.send(
            s,
            doc_actor,
            Outgoing(child_id, prov_id, "Cleaning", "See you", str(uuid.uuid4()), draft_id=draft),
        )
    assert marker(None, desk_id) != desk_with_draft  # the draft left the desk's Drafts
    assert marker(prov_id, doc_id) != doc_before  # a new sent message
    with db.readonly_session() as s:
        assert alerts.webmail_alert(s, prov_id).marker == (0, None)  # unread unchanged
