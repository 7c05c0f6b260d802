"""Practice set-up for administrators: first run, providers, users, groups and permissions.

Staff actors need the Setup permission; `opendesk-admin` acts as a SystemActor (whoever runs it
already holds the database credentials) and is audited as such.
"""

import re
import secrets
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from opendesk.core import audit, permissions, preference_rules, preferences
from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound, ValidationError
from opendesk.core.models import Base, GroupPermission, Provider, User, UserGroup, WebMailMessage
from opendesk.core.passwords import hash_password, password_rule_message
from opendesk.core.practice import ADMINISTRATORS, ensure_default_groups

AdminActor = StaffActor | SystemActor
_USERNAME = re.compile(r"^[A-Za-z0-9._@-]{2,100}$")


def _require_setup(session: Session, actor: AdminActor) -> None:
    if isinstance(actor, StaffActor):
        permissions.require(session, actor, Permission.SETUP)


_Row = TypeVar("_Row", bound=Base)


def _new_or_existing(
    session: Session, model: type[_Row], row_id: int | None, what: str, **initial: Any
) -> _Row:
    """A Setup save's row: a new one (made with `initial`, added to `session`) when `row_id`
    is None, else the row `row_id` (NotFound "That <what> no longer exists." when it is gone)."""
    if row_id is None:
        row = model(**initial)
        session.add(row)
        return row
    found = session.get(model, row_id)
    if found is None:
        raise NotFound(f"That {what} no longer exists.")
    return found


def needs_init(session: Session) -> bool:
    """True on an empty practice database: no staff user exists yet."""
    return not session.execute(select(exists().where(User.id.is_not(None)))).scalar()


@dataclass(frozen=True)
class PracticeInfo:
    name: str
    phone: str = ""
    address: str = ""


def init_practice(
    session: Session, actor: SystemActor, practice: PracticeInfo, username: str, password: str
) -> int:
    """First run: the practice's name and the first administrator. Refused once any user
    exists. Returns the administrator's user id."""
    if not needs_init(session):
        raise ValidationError("This practice is already set up; log in as an administrator.")
    if not practice.name.strip():
        raise ValidationError("Enter the practice name.", "practice_name")
    _check_username(session, username)
    problem = password_rule_message(password, username)
    if problem:
        raise ValidationError(problem, "password")
    preferences.set_many(
        session,
        {
            preferences.PRACTICE_NAME: practice.name.strip(),
            preferences.PRACTICE_PHONE: practice.phone.strip(),
            preferences.PRACTICE_ADDRESS: practice.address.strip(),
        },
    )
    groups = ensure_default_groups(session)
    admin = User(
        username=username.strip(),
        password_hash=hash_password(password),
        groups=[groups[ADMINISTRATORS]],
    )
    session.add(admin)
    session.flush()
    audit.record(session, actor, "practice.init", object_type="user", object_id=admin.id)
    session.commit()
    return admin.id


def _check_username(session: Session, username: str, exclude_id: int | None = None) -> None:
    if not _USERNAME.match(username.strip()):
        raise ValidationError(
            "A user name has 2 to 100 letters, digits, dots, dashes, @ or underscores.",
            "username",
        )
    query = select(User.id).where(func.lower(User.username) == username.strip().lower())
    if exclude_id is not None:
        query = query.where(User.id != exclude_id)
    if session.execute(query).first():
        raise ValidationError("That user name is taken.", "username")


def set_preferences(session: Session, actor: AdminActor, values: dict[Any, Any]) -> None:
    """Save practice preferences ({Pref: value}) with the Setup permission, after the rules of
    `core.preference_rules` (PreferencesInvalid names each refused value); audited with the
    names of the preferences changed (values may be addresses: not in the audit row)."""
    _require_setup(session, actor)
    unknown = [p for p in values if preferences.ALL.get(p.name) is not p]
    if unknown:
        raise ValueError(f"not a declared preference: {unknown}")
    preference_rules.check(session, values)  # PreferencesInvalid naming each bad value
    preferences.set_many(session, values)
    audit.record(
        session, actor, "preferences.save", detail=",".join(sorted(p.name for p in values))[:500]
    )
    session.commit()


# --- providers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProviderInput:
    abbr: str
    first_name: str
    last_name: str
    suffix: str = ""
    specialty: str = ""


def save_provider(
    session: Session, actor: AdminActor, data: ProviderInput, provider_id: int | None = None
) -> int:
    _require_setup(session, actor)
    abbr = data.abbr.strip()
    if not abbr or len(abbr) > 20:
        raise ValidationError("Enter an abbreviation of up to 20 characters.", "abbr")
    if not data.first_name.strip() or not data.last_name.strip():
        raise ValidationError("Enter the provider's first and last name.", "last_name")
    clash = select(Provider.id).where(func.lower(Provider.abbr) == abbr.lower())
    if provider_id is not None:
        clash = clash.where(Provider.id != provider_id)
    if session.execute(clash).first():
        raise ValidationError("Another provider has that abbreviation.", "abbr")
    prov = _new_or_existing(
        session, Provider, provider_id, "provider", abbr=abbr, first_name="", last_name=""
    )
    prov.abbr = abbr
    prov.first_name = data.first_name.strip()
    prov.last_name = data.last_name.strip()
    prov.suffix = data.suffix.strip()
    prov.specialty = data.specialty.strip()
    session.flush()
    audit.record(session, actor, "provider.save", object_type="provider", object_id=prov.id)
    session.commit()
    return prov.id


def set_provider_hidden(
    session: Session, actor: AdminActor, provider_id: int, hidden: bool
) -> None:
    _require_setup(session, actor)
    prov = session.get(Provider, provider_id)
    if prov is None:
        raise NotFound("That provider no longer exists.")
    prov.is_hidden = hidden
    audit.record(
        session,
        actor,
        "provider.hide" if hidden else "provider.show",
        object_type="provider",
        object_id=provider_id,
    )
    session.commit()


def delete_provider(session: Session, actor: AdminActor, provider_id: int) -> None:
    """Remove a provider that has no messages and no users or patients; else hide it."""
    _require_setup(session, actor)
    prov = session.get(Provider, provider_id)
    if prov is None:
        raise NotFound("That provider no longer exists.")
    if session.execute(select(exists().where(WebMailMessage.provider_id == provider_id))).scalar():
        raise ValidationError("This provider has messages and cannot be removed; hide it.")
    from opendesk.core.models import Patient

    if (
        session.execute(select(exists().where(Patient.primary_provider_id == provider_id))).scalar()
        or session.execute(select(exists().where(User.provider_id == provider_id))).scalar()
    ):
        raise ValidationError(
            "Patients or users are linked to this provider; link them elsewhere or hide it."
        )
    session.delete(prov)
    audit.record(session, actor, "provider.delete", object_type="provider", object_id=provider_id)
    session.commit()


# --- users --------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserInput:
    username: str
    provider_id: int | None
    group_ids: tuple[int, ...]
    notice_email: str = ""  # PHI-free staff notices (escalations); empty: desktop alert only


def create_user(session: Session, actor: AdminActor, data: UserInput, password: str) -> int:
    _require_setup(session, actor)
    _check_username(session, data.username)
    problem = password_rule_message(password, data.username)
    if problem:
        raise ValidationError(problem, "password")
    user = User(
        username=data.username.strip(),
        password_hash=hash_password(password),
        must_change_password=True,
    )
    _apply_user(session, user, data)
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", object_type="user", object_id=user.id)
    session.commit()
    return user.id


def _apply_user(session: Session, user: User, data: UserInput) -> None:
    if data.provider_id is not None and session.get(Provider, data.provider_id) is None:
        raise ValidationError("That provider no longer exists.", "provider")
    groups = [session.get(UserGroup, g) for g in data.group_ids]
    if any(g is None for g in groups):
        raise ValidationError("A chosen group no longer exists.", "groups")
    notice_email = data.notice_email.strip()
    problem = preference_rules.email_problem(notice_email) if notice_email else None
    if problem:
        raise ValidationError(problem, "notice_email")
    user.notice_email = notice_email
    user.provider_id = data.provider_id
    user.groups = [g for g in groups if g is not None]


def update_user(session: Session, actor: AdminActor, user_id: int, data: UserInput) -> None:
    _require_setup(session, actor)
    user = _user(session, user_id)
    _check_username(session, data.username, exclude_id=user_id)
    user.username = data.username.strip()
    _apply_user(session, user, data)
    _keep_an_administrator(session)
    audit.record(session, actor, "user.update", object_type="user", object_id=user_id)
    session.commit()


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("That user no longer exists.")
    return user


def _keep_an_administrator(session: Session) -> None:
    session.flush()
    admins = [
        u
        for u in session.execute(select(User).where(User.is_disabled.is_(False))).scalars()
        if permissions.has_permission(u, Permission.SETUP)
    ]
    if not admins:
        raise ValidationError("That would leave no active user who may change the setup.")


def temporary_password() -> str:
    """A strong password that meets the rules, for resets (shown once)."""
    while True:
        candidate = secrets.token_urlsafe(9).replace("-", "x").replace("_", "y") + "a7Q"
        if password_rule_message(candidate) is None:
            return candidate


def reset_password(session: Session, actor: AdminActor, user_id: int) -> str:
    """A new temporary password (returned once); the user must change it at next login."""
    _require_setup(session, actor)
    user = _user(session, user_id)
    password = temporary_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    audit.record(session, actor, "user.reset_password", object_type="user", object_id=user_id)
    session.commit()
    return password


def unlock_user(session: Session, actor: AdminActor, user_id: int) -> None:
    _require_setup(session, actor)
    user = _user(session, user_id)
    user.failed_logins = 0
    user.locked_until = None
    audit.record(session, actor, "user.unlock", object_type="user", object_id=user_id)
    session.commit()


def set_user_disabled(session: Session, actor: AdminActor, user_id: int, disabled: bool) -> None:
    _require_setup(session, actor)
    if isinstance(actor, StaffActor) and actor.user_id == user_id and disabled:
        raise ValidationError("You cannot disable your own account.")
    user = _user(session, user_id)
    user.is_disabled = disabled
    _keep_an_administrator(session)
    audit.record(
        session,
        actor,
        "user.disable" if disabled else "user.enable",
        object_type="user",
        object_id=user_id,
    )
    session.commit()


# --- groups -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grant:
    permission: Permission
    provider_id: int | None = None  # InboxDelegate only: None = every provider


def save_group(
    session: Session,
    actor: AdminActor,
    name: str,
    grants: list[Grant],
    group_id: int | None = None,
) -> int:
    _require_setup(session, actor)
    if not name.strip():
        raise ValidationError("Enter the group's name.", "name")
    clash = select(UserGroup.id).where(func.lower(UserGroup.name) == name.strip().lower())
    if group_id is not None:
        clash = clash.where(UserGroup.id != group_id)
    if session.execute(clash).first():
        raise ValidationError("Another group has that name.", "name")
    group = _new_or_existing(session, UserGroup, group_id, "group", name=name.strip())
    group.name = name.strip()
    group.permissions = [
        GroupPermission(
            permission=g.permission.value,
            provider_id=g.provider_id if g.permission == Permission.INBOX_DELEGATE else None,
        )
        for g in grants
    ]
    _keep_an_administrator(session)
    audit.record(
        session,
        actor,
        "group.save",
        object_type="group",
        object_id=group.id,
        detail=",".join(sorted({g.permission.value for g in grants})),
    )
    session.commit()
    return group.id
