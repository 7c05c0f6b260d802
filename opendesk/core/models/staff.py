"""Staff users, user groups and the permissions a group grants."""

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opendesk.core.models.base import Base, Timestamped
from opendesk.core.models.people import Provider

user_group_link = Table(
    "user_group_link",
    Base.metadata,
    Column("user_id", ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("user_group.id", ondelete="CASCADE"), primary_key=True),
)


class UserGroup(Timestamped, Base):
    __tablename__ = "user_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)

    permissions: Mapped[list["GroupPermission"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", lazy="selectin"
    )


class GroupPermission(Base):
    """One permission of a group. For InboxDelegate, `provider_id` limits it to one provider;
    NULL means every provider."""

    __tablename__ = "group_permission"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("user_group.id", ondelete="CASCADE"))
    permission: Mapped[str] = mapped_column(String(40))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"), nullable=True)

    group: Mapped[UserGroup] = relationship(back_populates="permissions")

    __table_args__ = (Index("ix_group_permission_group", "group_id", "permission"),)


class User(Timestamped, Base):
    """A staff login (Open Dental: userod). Several users may share one provider."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id"), nullable=True)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # Where PHI-free staff notices go (closed-loop escalation); empty = desktop alert only.
    notice_email: Mapped[str] = mapped_column(String(254), default="")

    provider: Mapped[Provider | None] = relationship(lazy="joined")
    groups: Mapped[list[UserGroup]] = relationship(secondary=user_group_link, lazy="selectin")

    __table_args__ = (Index("ix_staff_user_provider", "provider_id"),)
