"""Closed loop, patient side (issue 21): mark the practice's automatic after-hours reply, so
it is shown in the thread but never counted as a staff member's first reply and never closes
the loop; and so the "once per thread per 12 hours" rule can find the last one.

Revision ID: 0013_loop_setup
Revises: 0012_chart_filings
Create Date: 2026-11-30 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_loop_setup"
down_revision: str | None = "0012_chart_filings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webmail_message", schema=None) as batch:
        batch.add_column(
            sa.Column("is_auto_reply", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("webmail_message", schema=None) as batch:
        batch.drop_column("is_auto_reply")
