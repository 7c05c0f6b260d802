"""Closed-loop messaging: teams of staff users and the reasons a patient writes for, each
routed to a recipient with a response target in business hours (docs/CLOSED_LOOP.md)."""

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opendesk.core.models.base import Base, Timestamped
from opendesk.core.models.staff import User

team_member = Table(
    "team_member",
    Base.metadata,
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_team_member_user", "user_id"),
)


class Team(Timestamped, Base):
    """A named set of staff users (e.g. Billing) that receives the messages routed to it."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    members: Mapped[list[User]] = relationship(secondary=team_member, lazy="selectin")


class RecipientKind:
    """Who receives a reason's messages."""

    PRIMARY = "primary"  # the primary provider of the patient the message is about
    TEAM = "team"
    PROVIDER = "provider"
    ALL = (PRIMARY, TEAM, PROVIDER)


class MessageReason(Timestamped, Base):
    """Why a patient writes: the portal's reason choice, its routing and response target."""

    __tablename__ = "message_reason"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    recipient_kind: Mapped[str] = mapped_column(String(10), default=RecipientKind.PRIMARY)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), nullable=True)
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"), nullable=True)
    target_hours: Mapped[int] = mapped_column(Integer, default=8)
    backup_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), nullable=True)
    backup_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), nullable=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_message_reason_order", "is_active", "sort_order"),)
