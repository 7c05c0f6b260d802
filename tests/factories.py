"""Small builders for test data, written through the ORM like the services do."""

from datetime import date
from itertools import count

from sqlalchemy.orm import Session

from opendesk.core.enums import Permission
from opendesk.core.models import (
    GroupPermission,
    Guardian,
    Patient,
    PortalAccount,
    Provider,
    User,
    UserGroup,
)
from opendesk.core.passwords import hash_password

_n = count(1)
PASSWORD = "Secret123"
_HASH = hash_password(PASSWORD)


def provider(session: Session, abbr: str | None = None, **kw: object) -> Provider:
    n = next(_n)
    kw.setdefault("first_name", f"Prov{n}")
    kw.setdefault("last_name", "Dentist")
    prov = Provider(abbr=abbr or f"P{n}", **kw)
    session.add(prov)
    session.flush()
    return prov


def patient(
    session: Session,
    prov: Provider,
    *,
    last: str = "Smith",
    first: str | None = None,
    guarantor: Patient | None = None,
    **kw: object,
) -> Patient:
    n = next(_n)
    pat = Patient(
        last_name=last,
        first_name=first or f"Pat{n}",
        birthdate=kw.pop("birthdate", date(1980, 1, 1)),
        email=kw.pop("email", f"pat{n}@example.com"),
        primary_provider_id=prov.id,
        guarantor_id=guarantor.id if guarantor else None,
        **kw,
    )
    session.add(pat)
    session.flush()
    if guarantor is None:
        pat.guarantor_id = pat.id
    session.flush()
    return pat


def guardian(session: Session, child: Patient, parent: Patient) -> None:
    session.add(Guardian(child_id=child.id, guardian_id=parent.id))
    session.flush()


def group(session: Session, name: str, *perms: Permission | tuple[Permission, int]) -> UserGroup:
    grp = UserGroup(name=name)
    for perm in perms:
        if isinstance(perm, tuple):
            grp.permissions.append(GroupPermission(permission=perm[0].value, provider_id=perm[1]))
        else:
            grp.permissions.append(GroupPermission(permission=perm.value))
    session.add(grp)
    session.flush()
    return grp


def user(
    session: Session,
    username: str,
    *,
    prov: Provider | None = None,
    groups: list[UserGroup] | None = None,
    **kw: object,
) -> User:
    usr = User(
        username=username,
        password_hash=_HASH,
        provider_id=prov.id if prov else None,
        groups=groups or [],
        **kw,
    )
    session.add(usr)
    session.flush()
    return usr


def portal_account(session: Session, pat: Patient, username: str | None = None) -> PortalAccount:
    acct = PortalAccount(
        patient_id=pat.id,
        username=username or f"portal{pat.id}",
        password_hash=_HASH,
        must_change_password=False,
    )
    session.add(acct)
    session.flush()
    return acct
