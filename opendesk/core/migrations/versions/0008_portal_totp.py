"""Two-step log-in for portal accounts (issue 17): the TOTP secret (and one being set up),
the step of the last accepted code, the hashes of the unused recovery codes, and the e-mailed
one-time code of the fallback (hash and expiry).

Revision ID: 0008_portal_totp
Revises: 0007_portal_sessions
Create Date: 2026-11-30 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0008_portal_totp"
down_revision: str | None = "0007_portal_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Timestamp = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mariadb").with_variant(
    mysql.DATETIME(fsp=6), "mysql"
)


def upgrade() -> None:
    with op.batch_alter_table("portal_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_pending", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("recovery_codes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("email_code_hash", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("email_code_expires_at", Timestamp, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("portal_account", schema=None) as batch_op:
        batch_op.drop_column("email_code_expires_at")
        batch_op.drop_column("email_code_hash")
        batch_op.drop_column("recovery_codes")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_pending")
        batch_op.drop_column("totp_secret")
