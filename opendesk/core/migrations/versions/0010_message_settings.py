"""Message settings (issue 22 part B): scheduled delivery (`deliver_at`), allow reply, and
"notify me if unread after N days" (the days, the second-notice choice, when it falls due and
when the worker flagged it), with the indexes of the outbox worker's two polls.

Revision ID: 0010_message_settings
Revises: 0009_templates
Create Date: 2026-11-30 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0010_message_settings"
down_revision: str | None = "0009_templates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mariadb").with_variant(
    mysql.DATETIME(fsp=6), "mysql"
)


def upgrade() -> None:
    with op.batch_alter_table("webmail_message") as batch:
        batch.add_column(sa.Column("deliver_at", STAMP, nullable=True))
        batch.add_column(
            sa.Column("allow_reply", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(sa.Column("notify_unread_days", sa.SmallInteger(), nullable=True))
        batch.add_column(
            sa.Column(
                "unread_second_notice", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(sa.Column("unread_due_at", STAMP, nullable=True))
        batch.add_column(sa.Column("unread_noticed_at", STAMP, nullable=True))
        batch.create_index("ix_webmail_deliver", ["status", "deliver_at", "id"])
        batch.create_index(
            "ix_webmail_unread_due", ["status", "unread_noticed_at", "unread_due_at", "id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("webmail_message") as batch:
        batch.drop_index("ix_webmail_unread_due")
        batch.drop_index("ix_webmail_deliver")
        batch.drop_column("unread_noticed_at")
        batch.drop_column("unread_due_at")
        batch.drop_column("unread_second_notice")
        batch.drop_column("notify_unread_days")
        batch.drop_column("allow_reply")
        batch.drop_column("deliver_at")
