"""What a new practice starts with: the default user groups and their permissions.

As in Open Dental every default group may send WebMail (WebMailSend): what stops a user who is
not a provider is the provider password asked at Send, not the permission. Reading any
provider's WebMail (WebMailReadAny) is for Administrators; Front desk reads none by default.
Migration 0002_webmail_permissions gives existing practices' default groups the same grants."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from opendesk.core.enums import Permission
from opendesk.core.models import GroupPermission, UserGroup

ADMINISTRATORS = "Administrators"
PROVIDERS = "Providers"
FRONT_DESK = "Front desk"

DEFAULT_GROUPS: dict[str, tuple[Permission, ...]] = {
    ADMINISTRATORS: tuple(Permission),
    PROVIDERS: (
        Permission.WEBMAIL_SEND,
        Permission.WEBMAIL_DELETE,
        Permission.PATIENT_EDIT,
        Permission.PORTAL_ACCESS,
    ),
    FRONT_DESK: (Permission.WEBMAIL_SEND, Permission.PATIENT_EDIT, Permission.PORTAL_ACCESS),
}


def ensure_default_groups(session: Session) -> dict[str, UserGroup]:
    """Create the default groups that are missing; return all three by name."""
    groups: dict[str, UserGroup] = {}
    for name, permissions in DEFAULT_GROUPS.items():
        group = session.execute(
            select(UserGroup).where(UserGroup.name == name)
        ).scalar_one_or_none()
        if group is None:
            group = UserGroup(name=name)
            group.permissions = [GroupPermission(permission=p.value) for p in permissions]
            session.add(group)
        groups[name] = group
    session.flush()
    return groups
