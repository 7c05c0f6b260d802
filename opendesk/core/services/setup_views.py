"""What the setup dialogs list: users with their provider, groups and state; groups with their
permissions; provider rows (hidden ones too). Plain frozen dataclasses, never ORM objects.

Listing users and groups needs the Setup permission (the audit report's user filter needs
AuditView or Setup); a refusal is audited like every other (`permissions.require`).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core import permissions
from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.clock import utcnow
from opendesk.core.enums import Permission
from opendesk.core.errors import NotFound
from opendesk.core.models import Provider, User, UserGroup
from opendesk.core.services.practice_setup import Grant, ProviderInput

Viewer = StaffActor | SystemActor


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    provider_id: int | None
    provider_abbr: str
    group_ids: tuple[int, ...]
    group_names: tuple[str, ...]
    is_disabled: bool
    locked_until: datetime | None
    must_change_password: bool
    notice_email: str = ""

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > utcnow()

    @property
    def state(self) -> str:
        if self.is_disabled:
            return "disabled"
        if self.is_locked:
            return "locked"
        if self.must_change_password:
            return "must change password"
        return "active"


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    grants: tuple[Grant, ...]

    @property
    def permissions(self) -> frozenset[Permission]:
        return frozenset(g.permission for g in self.grants)

    @property
    def delegate_provider_ids(self) -> frozenset[int] | None:
        """Providers whose inbox the group may work in: None = all (or no delegation)."""
        ids = [g.provider_id for g in self.grants if g.permission == Permission.INBOX_DELEGATE]
        if not ids or None in ids:
            return None
        return frozenset(i for i in ids if i is not None)


def _require_setup(session: Session, actor: Viewer) -> None:
    if isinstance(actor, StaffActor):
        permissions.require(session, actor, Permission.SETUP)


def list_users(session: Session, actor: Viewer) -> list[UserRow]:
    """Every staff user in user-name order (a practice has tens)."""
    _require_setup(session, actor)
    rows = []
    for user in session.execute(select(User).order_by(User.username)).scalars():
        groups = sorted(user.groups, key=lambda g: g.name)
        rows.append(
            UserRow(
                id=user.id,
                username=user.username,
                provider_id=user.provider_id,
                provider_abbr=user.provider.abbr if user.provider else "",
                group_ids=tuple(g.id for g in groups),
                group_names=tuple(g.name for g in groups),
                is_disabled=user.is_disabled,
                locked_until=user.locked_until,
                must_change_password=user.must_change_password,
                notice_email=user.notice_email,
            )
        )
    return rows


def list_groups(session: Session, actor: Viewer) -> list[GroupRow]:
    _require_setup(session, actor)
    rows = []
    for group in session.execute(select(UserGroup).order_by(UserGroup.name)).scalars():
        grants = []
        for grant in group.permissions:
            try:
                permission = Permission(grant.permission)
            except ValueError:  # a permission of a newer version: left alone
                continue
            grants.append(Grant(permission, grant.provider_id))
        rows.append(GroupRow(group.id, group.name, tuple(grants)))
    return rows


def user_names(session: Session, actor: Viewer) -> list[tuple[int, str]]:
    """(id, user name) of every staff user, for the audit report's filter."""
    if isinstance(actor, StaffActor):
        user = permissions.acting_user(session, actor)
        if not permissions.has_permission(user, Permission.SETUP):
            permissions.require(session, actor, Permission.AUDIT_VIEW)
    return [
        (uid, name)
        for uid, name in session.execute(select(User.id, User.username).order_by(User.username))
    ]


def provider_input(session: Session, actor: Viewer, provider_id: int) -> ProviderInput:
    """A provider's fields for the edit form."""
    _require_setup(session, actor)
    prov = session.get(Provider, provider_id)
    if prov is None:
        raise NotFound("That provider no longer exists.")
    return ProviderInput(prov.abbr, prov.first_name, prov.last_name, prov.suffix, prov.specialty)
