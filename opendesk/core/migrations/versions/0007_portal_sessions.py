"""Portal sessions (issue 17): a server-side row per signed-in browser so that log-out, a
password change, Remove Access and "sign out everywhere" end a session at once; the log-in
throttle's counts in the database (shared by several portal processes); and a guess limit of
its own for password-reset codes.

Revision ID: 0007_portal_sessions
Revises: 0006_closed_loop
Create Date: 2026-11-30 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0007_portal_sessions"
down_revision: str | None = "0006_closed_loop"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Timestamp = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mariadb").with_variant(
    mysql.DATETIME(fsp=6), "mysql"
)


def upgrade() -> None:
    op.create_table(
        "portal_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("last_seen_at", Timestamp, nullable=False),
        sa.Column("client_address", sa.String(length=64), nullable=False),
        sa.Column("user_agent", sa.String(length=255), nullable=False),
        sa.Column("revoked_at", Timestamp, nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["portal_account.id"],
            name=op.f("fk_portal_session_account_id_portal_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_portal_session_token_hash")),
    )
    with op.batch_alter_table("portal_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_portal_session_account", ["account_id", "revoked_at"], unique=False
        )
    op.create_table(
        "portal_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_portal_throttle")),
    )
    with op.batch_alter_table("portal_throttle", schema=None) as batch_op:
        batch_op.create_index("ix_portal_throttle_last", ["last_failure_at"], unique=False)
    with op.batch_alter_table("portal_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reset_failures", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("portal_account", schema=None) as batch_op:
        batch_op.drop_column("reset_failures")
    # Dropping a table drops its indexes (MariaDB refuses to drop an index a foreign key uses).
    op.drop_table("portal_throttle")
    op.drop_table("portal_session")
