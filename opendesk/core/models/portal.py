"""Portal accounts (Open Dental: UserWeb): one per patient, the login of the patient portal;
the server-side record of each signed-in browser (revocable), and the log-in throttle's counts
(shared by every portal process)."""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opendesk.core.models.base import Base, Timestamped
from opendesk.core.models.people import Patient


class PortalAccount(Timestamped, Base):
    __tablename__ = "portal_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), unique=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_username: Mapped[bool] = mapped_column(Boolean, default=False)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    reset_code_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    reset_code_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # wrong reset codes since the last code was sent (the code is void at RESET_MAX_TRIES)
    reset_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Two-step log-in (core/totp.py): the shared secret once confirmed, the one being set up,
    # the step of the last accepted code (no replay), SHA-256s of the unused recovery codes.
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_pending: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    recovery_codes: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the e-mailed one-time log-in code (fallback second step): Argon2 hash and expiry
    email_code_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    email_code_expires_at: Mapped[datetime | None] = mapped_column(nullable=True)

    patient: Mapped[Patient] = relationship(lazy="joined")


class PortalSessionRecord(Base):
    """One signed-in browser. The cookie holds a random token; this row holds its SHA-256 (a
    copy of the table gives no usable cookie). A session is valid while `revoked_at` is None."""

    __tablename__ = "portal_session"
    __table_args__ = (Index("ix_portal_session_account", "account_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("portal_account.id"))
    created_at: Mapped[datetime] = mapped_column()
    last_seen_at: Mapped[datetime] = mapped_column()
    client_address: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(255), default="")
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)


class PortalThrottle(Base):
    """Failed attempts per key (a hash of client address and user name, or of the client
    alone), so that every portal process sees the same counts."""

    __tablename__ = "portal_throttle"
    __table_args__ = (Index("ix_portal_throttle_last", "last_failure_at"),)

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column()
