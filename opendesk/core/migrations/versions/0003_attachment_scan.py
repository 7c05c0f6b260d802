"""Attachment scan status: "clean" when the malware scanner passed the file, "not_scanned" when
the scanner did not answer and the practice accepts unscanned files. Files stored before
scanning existed were never scanned, so existing rows get "not_scanned".

Revision ID: 0003_attachment_scan
Revises: 0001
Create Date: 2026-11-30 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003_attachment_scan'
down_revision: str | None = '0002_webmail_permissions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'scan_status', sa.String(length=20), server_default='not_scanned', nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_column('scan_status')
