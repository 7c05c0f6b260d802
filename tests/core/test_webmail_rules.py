"""Issue 15's WebMail rules in the core, as Open Dental and its manual have them: who may send
(every default group; the provider password stops a non-provider, audited with both users,
locked out like a staff login), who may read a body, the Chart list (the account holder's mail
and the mail regarding them; "(secure message)" for what the user may not read), Regarding and
the recipient, the default From, and Send/Preview eligibility."""

import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from opendesk.core import migrate
from opendesk.core import preferences as prefs
from opendesk.core.actors import StaffActor
from opendesk.core.db import Database
from opendesk.core.enums import MessageStatus, Permission
from opendesk.core.errors import PermissionDenied, ValidationError
from opendesk.core.models import (
    Attachment,
    AuditEntry,
    GroupPermission,
    User,
    UserGroup,
    WebMailMessage,
)
from opendesk.core.practice import ADMINISTRATORS, FRONT_DESK, PROVIDERS, ensure_default_groups
from opendesk.core.services import compose, mailbox, portal_messages, staff_auth, webmail
from opendesk.core.services.provider_password import (
    ProviderPasswordLocked,
    ProviderPasswordRequired,
    WrongProviderPassword,
    prompt_text,
)
from opendesk.core.services.send_eligibility import Blocker, Eligibility
from opendesk.core.services.webmail import NewAttachment, Outgoing
from tests import factories as f

PREFIX = "Warning: Notification email send prevented – "


@dataclass
class Office:
    kim: int  # provider with user "kim"
    nora: int  # provider nobody is linked to
    kim_user: StaffActor
    desk: StaffActor  # Front desk (default group), no provider
    admin: StaffActor  # Administrators, no provider
    viewer: StaffActor  # a group with no permissions
    head: int  # guarantor with a portal account
    child: int  # no account of their own
    teen: int  # own portal account too
    noraspat: int  # primary provider Nora (no linked user)


@pytest.fixture
def office(db: Database) -> Office:
    with db.session() as s:
        prefs.set_many(
            s,
            {
                prefs.NOTIFY_FROM: "notices@practice.example",
                prefs.PORTAL_URL: "https://portal.practice.example",
            },
        )
        groups = ensure_default_groups(s)
        kim = f.provider(s, "KA", first_name="Kim", last_name="Albright")
        nora = f.provider(s, "NN", first_name="Nora", last_name="Nash")
        kim_user = f.user(s, "kim", prov=kim, groups=[groups[PROVIDERS]])
        desk = f.user(s, "desk", groups=[groups[FRONT_DESK]])
        admin = f.user(s, "admin", groups=[groups[ADMINISTRATORS]])
        viewer = f.user(s, "viewer", groups=[f.group(s, "Viewers")])
        head = f.patient(s, kim, last="Lee", first="Ann", email="ann@example.com")
        child = f.patient(s, kim, last="Lee", first="Tim", guarantor=head, email="")
        teen = f.patient(s, kim, last="Lee", first="Zoe", guarantor=head, email="zoe@ex.com")
        noraspat = f.patient(s, nora, last="Nash", first="Pat", guarantor=head)
        f.portal_account(s, head)
        f.portal_account(s, teen)
        s.commit()
        return Office(
            kim.id,
            nora.id,
            StaffActor(kim_user.id, "ws-kim"),
            StaffActor(desk.id, "ws-desk"),
            StaffActor(admin.id, "ws-admin"),
            StaffActor(viewer.id, "ws-viewer"),
            head.id,
            child.id,
            teen.id,
            noraspat.id,
        )


def out(o: Office, **kw: object) -> Outgoing:
    values: dict[str, object] = {
        "regarding_patient_id": o.child,
        "provider_id": o.kim,
        "subject": "Your X-rays",
        "body": "They look fine.",
        "client_request_id": str(uuid.uuid4()),
        "recipient_patient_id": o.head,
    }
    values.update(kw)
    return Outgoing(**values)  # type: ignore[arg-type]


# -- 1. who may send -------------------------------------------------------------------------
def test_every_default_group_may_send_and_only_administrators_read_any(db: Database) -> None:
    with db.session() as s:
        groups = ensure_default_groups(s)
        granted = {name: {p.permission for p in g.permissions} for name, g in groups.items()}
    assert all(Permission.WEBMAIL_SEND.value in perms for perms in granted.values())
    assert Permission.WEBMAIL_READ_ANY.value in granted[ADMINISTRATORS]
    assert Permission.WEBMAIL_READ_ANY.value not in granted[FRONT_DESK]
    assert Permission.WEBMAIL_READ_ANY.value not in granted[PROVIDERS]


def test_migration_0015_grants_existing_practices_default_groups(
    empty_db_url: str | URL,
) -> None:
    database = Database(empty_db_url)
    try:
        migrate.upgrade(database.engine, "0001")
        with database.session() as s:  # a practice made before: Front desk could not send
            for name, perms in (
                (ADMINISTRATORS, ["WebMailSend", "Setup"]),
                (PROVIDERS, ["WebMailSend"]),
                (FRONT_DESK, ["PatientEdit"]),
                ("Hygienists", ["PatientEdit"]),  # a group of the practice's own: left alone
            ):
                group = UserGroup(name=name)
                group.permissions = [GroupPermission(permission=p) for p in perms]
                s.add(group)
            s.commit()
        migrate.upgrade(database.engine, "0002_webmail_permissions")
        assert migrate.current_revision(database.engine) == "0002_webmail_permissions"
        with database.session() as s:
            rows = s.execute(
                select(UserGroup.name, GroupPermission.permission).join(
                    GroupPermission, GroupPermission.group_id == UserGroup.id
                )
            ).all()
        perms: dict[str, list[str]] = {}
        for name, perm in rows:
            perms.setdefault(name, []).append(perm)
        assert sorted(perms[FRONT_DESK]) == ["PatientEdit", "WebMailSend"]
        assert sorted(perms[ADMINISTRATORS]) == ["Setup", "WebMailReadAny", "WebMailSend"]
        assert perms[PROVIDERS] == ["WebMailSend"]  # not granted twice
        assert perms["Hygienists"] == ["PatientEdit"]
        migrate.downgrade(database.engine, "0001")
        with database.session() as s:
            assert not s.execute(
                select(GroupPermission).where(GroupPermission.permission == "WebMailReadAny")
            ).first()
    finally:
        database.dispose()


def test_front_desk_sends_with_the_providers_password(db: Database, office: Office) -> None:
    message = out(office)
    with db.session() as s, pytest.raises(ProviderPasswordRequired) as asked:
        webmail.send(s, office.desk, message)
    assert str(asked.value) == (
        "Input a password for a User that is associated to provider: Kim Albright"
    )
    with db.session() as s, pytest.raises(WrongProviderPassword) as wrong:
        webmail.send(s, office.desk, message, provider_password="guess")
    assert str(wrong.value).endswith(prompt_text("Kim Albright"))  # the prompt again
    with db.session() as s:
        result = webmail.send(s, office.desk, message, provider_password=f.PASSWORD)
    with db.readonly_session() as s:
        msg = s.get(WebMailMessage, result.message_id)
        assert msg is not None and msg.status == MessageStatus.WEBMAIL_SENT
        assert msg.sender_user_id == office.desk.user_id
        sent = s.execute(select(AuditEntry).where(AuditEntry.action == "webmail.send")).scalar_one()
        assert sent.user_id == office.desk.user_id  # the logged-on user ...
        assert f"authorised_by_user={office.kim_user.user_id} (kim)" in sent.detail  # ... and
        tries = s.execute(
            select(AuditEntry).where(AuditEntry.action == "webmail.provider_password")
        ).scalar_one()
        assert (tries.outcome, tries.user_id) == ("failed", office.desk.user_id)
        kim = s.get(User, office.kim_user.user_id)
        assert kim is not None and kim.failed_logins == 0  # the right password resets it


def test_wrong_provider_passwords_lock_out_like_a_staff_login(db: Database, office: Office) -> None:
    message = out(office)
    for _ in range(staff_auth.MAX_FAILED_LOGINS - 1):
        with db.session() as s, pytest.raises(WrongProviderPassword):
            webmail.send(s, office.desk, message, provider_password="guess")
    with db.session() as s, pytest.raises(ProviderPasswordLocked) as locked:
        webmail.send(s, office.desk, message, provider_password="guess")
    assert "locked for 15 minutes" in str(locked.value)
    # locked: even the right password authorises nothing now, and kim cannot log in
    with db.session() as s, pytest.raises(ProviderPasswordLocked):
        webmail.send(s, office.desk, message, provider_password=f.PASSWORD)
    with db.session() as s, pytest.raises(staff_auth.AccountLocked):
        staff_auth.login(s, "kim", f.PASSWORD, "ws-kim")
    with db.readonly_session() as s:
        outcomes = list(
            s.execute(
                select(AuditEntry.outcome)
                .where(AuditEntry.action == "webmail.provider_password")
                .order_by(AuditEntry.seq)
            ).scalars()
        )
        assert outcomes == ["failed"] * staff_auth.MAX_FAILED_LOGINS + ["locked"]
        assert s.execute(select(func.count(WebMailMessage.id))).scalar_one() == 0


# -- 2. who may read -------------------------------------------------------------------------
def _sent_with_attachment(db: Database, o: Office) -> tuple[int, int]:
    with db.session() as s:
        attachment = NewAttachment("plan.txt", "text/plain", b"plan")
        result = webmail.send(s, o.kim_user, out(o, attachments=(attachment,)))
        att_id = s.execute(
            select(Attachment.id).where(Attachment.message_id == result.message_id)
        ).scalar_one()
    return result.message_id, att_id


def test_reading_a_body_needs_the_provider_a_delegation_or_read_any(
    db: Database, office: Office
) -> None:
    msg_id, att_id = _sent_with_attachment(db, office)
    for actor in (office.viewer, office.desk):
        for read in (
            lambda s, a=actor: webmail.open_message(s, a, msg_id, from_chart=True),
            lambda s, a=actor: webmail.thread_of(s, a, msg_id),
            lambda s, a=actor: webmail.attachment_content(s, a, att_id),
            lambda s, a=actor: webmail.preview_message(s, a, msg_id),
            lambda s, a=actor: webmail.open_message(s, a, msg_id),
        ):
            with db.session() as s, pytest.raises(PermissionDenied) as refused:
                read(s)
            assert "You are not allowed to" in str(refused.value)
    with db.readonly_session() as s:
        denied = list(
            s.execute(select(AuditEntry).where(AuditEntry.action == "permission.denied")).scalars()
        )
        assert len(denied) == 10 and all(d.patient_id == office.child for d in denied)
        assert not s.execute(
            select(AuditEntry).where(
                AuditEntry.action == "webmail.view", AuditEntry.user_id == office.viewer.user_id
            )
        ).first()
    with db.session() as s:
        refused_text = ""
        try:
            webmail.open_message(s, office.viewer, msg_id, from_chart=True)
        except PermissionDenied as exc:
            refused_text = str(exc)
        assert "WebMail read any" in refused_text and "linked to that provider" in refused_text
        # the administrator (WebMail read any) and the provider read it
        assert webmail.open_message(s, office.admin, msg_id, from_chart=True).body
        assert webmail.thread_of(s, office.admin, msg_id)[0].id == msg_id
        assert webmail.attachment_content(s, office.admin, att_id)[1] == b"plan"
        assert webmail.open_message(s, office.kim_user, msg_id, from_chart=True).body
        # a delegate for Kim's inbox reads it too
        viewer = s.get(User, office.viewer.user_id)
        assert viewer is not None
        viewer.groups.append(f.group(s, "Kim's desk", (Permission.INBOX_DELEGATE, office.kim)))
        s.commit()
        assert webmail.open_message(s, office.viewer, msg_id, from_chart=True).body


def test_the_author_of_a_draft_previews_it_through_the_same_rule(
    db: Database, office: Office
) -> None:
    with db.session() as s:
        draft_id = webmail.save_draft(s, office.viewer, out(office))
        assert webmail.preview_message(s, office.viewer, draft_id).id == draft_id
        assert webmail.preview_message(s, office.kim_user, draft_id).id == draft_id  # Kim's
    with db.session() as s, pytest.raises(PermissionDenied):
        webmail.preview_message(s, office.desk, draft_id)  # another user's draft
    with db.readonly_session() as s:
        draft = s.get(WebMailMessage, draft_id)
        assert draft is not None and draft.patient_id == office.head  # the real recipient


# -- 6. the Chart list -----------------------------------------------------------------------
def test_chart_lists_the_holders_mail_and_the_mail_regarding_them(
    db: Database, office: Office
) -> None:
    with db.session() as s:
        about_child = webmail.send(s, office.kim_user, out(office)).message_id
        about_head = webmail.send(s, office.kim_user, out(office, regarding_patient_id=office.head))
        from opendesk.core.actors import PortalActor
        from opendesk.core.services.compose import active_account

        acct = active_account(s, office.head)
        assert acct is not None
        from_head = portal_messages.compose(
            s,
            PortalActor(acct.id, office.head, "127.0.0.1"),
            office.child,
            "Tim's braces",
            "Do they hurt?",
            "p1",
        )
    with db.readonly_session() as s:
        ids = mailbox.chart_ids(s, office.kim_user, office.head)
        assert set(ids) == {about_child, about_head.message_id, from_head}
        rows = {r.id: r for r in mailbox.chart_rows(s, office.kim_user, office.head, ids)}
        assert rows[about_child].relation == mailbox.HOLDER
        assert rows[from_head].relation == mailbox.HOLDER
        assert rows[about_head.message_id].relation == mailbox.HOLDER_AND_REGARDING
        assert rows[from_head].subject == "Tim's braces"
        child_ids = mailbox.chart_ids(s, office.kim_user, office.child)
        child_rows = mailbox.chart_rows(s, office.kim_user, office.child, child_ids)
        assert {r.relation for r in child_rows} == {mailbox.REGARDING}
        assert set(child_ids) == {about_child, from_head}
        # a user who may not read: the list stays, the subject does not
        hidden = mailbox.chart_rows(s, office.desk, office.head, ids)
        assert {r.subject for r in hidden} == {"(secure message)"}
        assert not any(r.readable for r in hidden)
        assert {r.provider_abbr for r in hidden} == {"KA"}
        assert {r.status for r in hidden} == {
            MessageStatus.WEBMAIL_SENT,
            MessageStatus.WEBMAIL_RECEIVED,
        }


# -- 3. Regarding and the recipient ----------------------------------------------------------
def test_regarding_lists_the_whole_family_and_does_not_move_the_recipient(
    db: Database, office: Office
) -> None:
    with db.session() as s:
        prefs.set_many(s, {prefs.PORTAL_FAMILY_SCOPE: False})
        s.commit()
        context = compose.compose_context(s, office.teen, office.kim_user.user_id)
        assert context.recipient is not None and context.recipient.id == office.teen
        assert {r.id for r in context.regarding_options} == {
            office.head,
            office.child,
            office.teen,
            office.noraspat,
        }
        # Zoe's account may not see Tim: the red warning, and the send is refused
        problems = compose.send_problems(s, office.child, office.kim, office.teen)
        assert problems[0].startswith(
            PREFIX + "the recipient cannot see this patient's information"
        )
        with pytest.raises(ValidationError):
            webmail.send(s, office.kim_user, out(office, recipient_patient_id=office.teen))
    with db.session() as s:
        prefs.set_many(s, {prefs.PORTAL_FAMILY_SCOPE: True})
        s.commit()
        # opened for Ann, Regarding Zoe (who has an account of her own): it goes to Ann
        result = webmail.send(s, office.kim_user, out(office, regarding_patient_id=office.teen))
        msg = s.get(WebMailMessage, result.message_id)
        assert msg is not None and (msg.patient_id, msg.regarding_patient_id) == (
            office.head,
            office.teen,
        )


def test_every_red_warning_has_open_dentals_prefix_and_a_real_menu(
    db: Database, office: Office
) -> None:
    with db.session() as s:
        prefs.set_many(
            s,
            {prefs.NOTIFY_FROM: "", prefs.NOTIFY_SUBJECT: " ", prefs.PORTAL_URL: "ftp://x"},
        )
        s.commit()
        problems = compose.send_problems(s, office.child, None, office.child)
    assert len(problems) >= 4
    assert all(p.startswith(PREFIX) for p in problems), problems
    for menu in (
        "Chart > Portal Access",
        "Setup > General Email Settings…",
        "Setup > Patient Portal…",
    ):
        assert any(menu in p for p in problems), (menu, problems)
    assert not any("Setup > E-mail" in p or "(Setup > Patient Portal)" in p for p in problems)


# -- 4. the default From ---------------------------------------------------------------------
def test_default_from_follows_the_rules(db: Database, office: Office) -> None:
    with db.session() as s:
        kim_default = compose.default_from(s, office.child, office.desk.user_id)
        assert kim_default.provider is not None and kim_default.provider.id == office.kim
        assert kim_default.note == "" and kim_default.problem is None
        # Nora has no linked user: the logged-on user's own provider, with a note
        own = compose.default_from(s, office.noraspat, office.kim_user.user_id)
        assert own.provider is not None and own.provider.id == office.kim
        assert "Nora Nash" in own.note and own.problem is None
        # neither: empty, and a red warning
        nobody = compose.default_from(s, office.noraspat, office.desk.user_id)
        assert nobody.provider is None and nobody.problem is not None
        assert nobody.problem.startswith(PREFIX) and "Setup > Users…" in nobody.problem
        ev = compose.evaluate(
            s, compose.EvaluationRequest(office.noraspat, None, office.head, office.desk.user_id)
        )
        assert ev.provider is None and ev.problems[0] == nobody.problem


# -- 1. the eligibility object ---------------------------------------------------------------
def test_eligibility_is_a_pure_object_with_enum_reasons() -> None:
    ready = {
        "may_send": True,
        "checking": False,
        "has_problems": False,
        "fields_ok": True,
        "has_provider": True,
        "attachments_busy": False,
        "busy": False,
    }
    assert Eligibility.of(**ready).can_send
    no_permission = Eligibility.of(**{**ready, "may_send": False})
    assert no_permission.blockers == (Blocker.NO_PERMISSION,)
    assert not no_permission.can_send and no_permission.can_preview
    checking = Eligibility.of(**{**ready, "attachments_busy": True})
    assert not checking.can_send and checking.can_preview
    problems = Eligibility.of(**{**ready, "has_problems": True, "fields_ok": False})
    assert problems.blockers == (Blocker.SETUP_PROBLEMS, Blocker.FIELDS)
    assert not problems.can_preview
    assert problems.send_reasons() == [Blocker.SETUP_PROBLEMS.value, Blocker.FIELDS.value]
