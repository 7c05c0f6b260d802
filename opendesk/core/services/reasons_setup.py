"""Setup of closed-loop messaging: the reasons a patient writes for (name, recipient, response
target, backup, active, order) and the teams of staff users. Listing is open to any staff
user (the inbox shows team folders; the portal offers the active reasons); saving needs the
Setup permission and is audited in the same transaction."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from opendesk.core import audit
from opendesk.core.actors import StaffActor, SystemActor
from opendesk.core.errors import ValidationError
from opendesk.core.models import MessageReason, Provider, RecipientKind, Team, User
from opendesk.core.services.practice_setup import AdminActor, _new_or_existing, _require_setup

DEFAULT_REASONS = ("Appointment", "Billing", "Question for my provider", "Prescription", "Other")
TARGET_MAX_HOURS = 1000


@dataclass(frozen=True)
class ReasonInput:
    name: str
    recipient_kind: str = RecipientKind.PRIMARY
    team_id: int | None = None
    provider_id: int | None = None
    target_hours: int = 8
    backup_user_id: int | None = None
    backup_team_id: int | None = None
    is_active: bool = True
    sort_order: int = 0


@dataclass(frozen=True)
class TeamInput:
    name: str
    member_ids: Sequence[int] = ()
    is_active: bool = True


def ensure_default_reasons(session: Session) -> None:
    """The five default reasons when the table is empty (the migration seeds them too)."""
    if session.execute(select(func.count(MessageReason.id))).scalar_one():
        return
    for i, name in enumerate(DEFAULT_REASONS):
        session.add(MessageReason(name=name, target_hours=8, sort_order=(i + 1) * 10))
    session.flush()


def list_reasons(session: Session, *, active_only: bool = True) -> list[MessageReason]:
    query = select(MessageReason).order_by(MessageReason.sort_order, MessageReason.id)
    if active_only:
        query = query.where(MessageReason.is_active.is_(True))
    return list(session.execute(query).scalars())


def list_teams(session: Session, *, active_only: bool = False) -> list[Team]:
    query = select(Team).order_by(Team.name)
    if active_only:
        query = query.where(Team.is_active.is_(True))
    return list(session.execute(query).scalars())


def _exists(session: Session, model: type[Team | Provider | User], key: int | None) -> bool:
    return key is not None and session.get(model, key) is not None


def _reason_problem(session: Session, data: ReasonInput) -> tuple[str, str] | None:
    """(field, message) for the first thing wrong with a reason, or None."""
    if not data.name.strip() or len(data.name.strip()) > 100:
        return "name", "Enter the reason's name (up to 100 characters)."
    if data.recipient_kind not in RecipientKind.ALL:
        return "recipient_kind", "Choose who receives it: primary provider, a team or a provider."
    if data.recipient_kind == RecipientKind.TEAM and not _exists(session, Team, data.team_id):
        return "team_id", "Choose the team that receives these messages."
    if data.recipient_kind == RecipientKind.PROVIDER and not _exists(
        session, Provider, data.provider_id
    ):
        return "provider_id", "Choose the provider who receives these messages."
    if not 1 <= data.target_hours <= TARGET_MAX_HOURS:
        return "target_hours", f"The response target is 1 to {TARGET_MAX_HOURS} business hours."
    if data.backup_user_id is not None and not _exists(session, User, data.backup_user_id):
        return "backup_user_id", "The backup user no longer exists."
    if data.backup_team_id is not None and not _exists(session, Team, data.backup_team_id):
        return "backup_team_id", "The backup team no longer exists."
    return None


def save_reason(
    session: Session, actor: AdminActor, data: ReasonInput, reason_id: int | None = None
) -> int:
    """Create or change a reason; returns its id. Commits."""
    _require_setup(session, actor)
    problem = _reason_problem(session, data)
    if problem is not None:
        raise ValidationError(problem[1], problem[0])
    name = data.name.strip()
    clash = session.execute(
        select(MessageReason.id).where(func.lower(MessageReason.name) == name.lower())
    ).scalar_one_or_none()
    if clash is not None and clash != reason_id:
        raise ValidationError("Another reason has this name.", "name")
    reason = _new_or_existing(session, MessageReason, reason_id, "reason")
    reason.name = name
    reason.recipient_kind = data.recipient_kind
    reason.team_id = data.team_id if data.recipient_kind == RecipientKind.TEAM else None
    reason.provider_id = data.provider_id if data.recipient_kind == RecipientKind.PROVIDER else None
    reason.target_hours = data.target_hours
    reason.backup_user_id = data.backup_user_id
    reason.backup_team_id = data.backup_team_id
    reason.is_active = data.is_active
    reason.sort_order = data.sort_order
    session.flush()
    audit.record(
        session,
        actor,
        "setup.reason.save",
        object_type="message_reason",
        object_id=reason.id,
        detail=f"recipient={reason.recipient_kind} target={reason.target_hours}h "
        f"active={int(reason.is_active)}",
    )
    session.commit()
    return reason.id


def save_team(
    session: Session, actor: StaffActor | SystemActor, data: TeamInput, team_id: int | None = None
) -> int:
    """Create or change a team and its members (active staff users); returns its id. Commits."""
    _require_setup(session, actor)
    name = data.name.strip()
    if not name or len(name) > 100:
        raise ValidationError("Enter the team's name (up to 100 characters).", "name")
    clash = session.execute(
        select(Team.id).where(func.lower(Team.name) == name.lower())
    ).scalar_one_or_none()
    if clash is not None and clash != team_id:
        raise ValidationError("Another team has this name.", "name")
    members = list(session.execute(select(User).where(User.id.in_(set(data.member_ids)))).scalars())
    if len(members) != len(set(data.member_ids)) or any(u.is_disabled for u in members):
        raise ValidationError("A chosen member is no longer an active user.", "members")
    team = _new_or_existing(session, Team, team_id, "team")
    team.name = name
    team.is_active = data.is_active
    team.members = sorted(members, key=lambda u: u.id)
    session.flush()
    audit.record(
        session,
        actor,
        "setup.team.save",
        object_type="team",
        object_id=team.id,
        detail=f"members={','.join(str(u.id) for u in team.members)} active={int(team.is_active)}",
    )
    session.commit()
    return team.id


# -- plain rows for the Setup dialogs (never live ORM objects in the GUI) -----------------------


@dataclass(frozen=True)
class ReasonRow:
    id: int
    name: str
    recipient_kind: str
    team_id: int | None
    provider_id: int | None
    target_hours: int
    backup_user_id: int | None
    backup_team_id: int | None
    is_active: bool
    sort_order: int


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    is_active: bool
    member_ids: tuple[int, ...]


def reason_rows(session: Session) -> list[ReasonRow]:
    """Every reason, switched-off ones too, in the portal's order."""
    return [
        ReasonRow(
            r.id,
            r.name,
            r.recipient_kind,
            r.team_id,
            r.provider_id,
            r.target_hours,
            r.backup_user_id,
            r.backup_team_id,
            r.is_active,
            r.sort_order,
        )
        for r in list_reasons(session, active_only=False)
    ]


def team_rows(session: Session) -> list[TeamRow]:
    """Every team by name with its members' ids."""
    return [
        TeamRow(t.id, t.name, t.is_active, tuple(sorted(u.id for u in t.members)))
        for t in list_teams(session)
    ]


def staff_choices(session: Session) -> list[tuple[int, str]]:
    """(id, user name) of the active staff users: team members and backups are chosen here."""
    return [
        (int(uid), str(name))
        for uid, name in session.execute(
            select(User.id, User.username)
            .where(User.is_disabled.is_(False))
            .order_by(func.lower(User.username))
        )
    ]
