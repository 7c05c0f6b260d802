"""Outbox: when a worker started handing a notice to the SMTP server (issue 18), so a dead
worker's expired claim counts an interrupted attempt only for the notice it had started.

Revision ID: 0005_outbox_attempt_started
Revises: 0003_attachment_scan
Create Date: 2026-11-30 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0005_outbox_attempt_started"
down_revision: str | None = "0004_phone_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATETIME = (
    sa.DateTime()
    .with_variant(mysql.DATETIME(fsp=6), "mariadb")
    .with_variant(mysql.DATETIME(fsp=6), "mysql")
)


def upgrade() -> None:
    with op.batch_alter_table("notification_outbox") as batch:
        batch.add_column(sa.Column("attempt_started_at", DATETIME, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notification_outbox") as batch:
        batch.drop_column("attempt_started_at")
