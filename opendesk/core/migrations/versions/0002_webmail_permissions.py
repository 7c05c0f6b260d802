"""WebMail permissions as in Open Dental: every default group may send (the provider password
stops a non-provider, not the permission), and Administrators may read any provider's WebMail.

A data migration only: it grants WebMailSend to the default groups (Administrators, Providers,
Front desk) and WebMailReadAny to Administrators where the grant is missing. Groups a practice
renamed or made itself are left alone. Downgrade removes WebMailReadAny (unknown before this
revision) and keeps WebMailSend, which the older code understands.

Revision ID: 0002_webmail_permissions
Revises: 0001
Create Date: 2026-11-30 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_webmail_permissions"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GRANTS = (
    ("Administrators", "WebMailSend"),
    ("Providers", "WebMailSend"),
    ("Front desk", "WebMailSend"),
    ("Administrators", "WebMailReadAny"),
)

user_group = sa.table("user_group", sa.column("id", sa.Integer), sa.column("name", sa.String))
group_permission = sa.table(
    "group_permission",
    sa.column("id", sa.Integer),
    sa.column("group_id", sa.Integer),
    sa.column("permission", sa.String),
    sa.column("provider_id", sa.Integer),
)


def upgrade() -> None:
    bind = op.get_bind()
    for group_name, permission in GRANTS:
        group_id = bind.execute(
            sa.select(user_group.c.id).where(user_group.c.name == group_name)
        ).scalar_one_or_none()
        if group_id is None:
            continue
        granted = bind.execute(
            sa.select(sa.func.count())
            .select_from(group_permission)
            .where(
                group_permission.c.group_id == group_id,
                group_permission.c.permission == permission,
            )
        ).scalar_one()
        if not granted:
            bind.execute(
                group_permission.insert().values(
                    group_id=group_id, permission=permission, provider_id=None
                )
            )


def downgrade() -> None:
    op.get_bind().execute(
        group_permission.delete().where(group_permission.c.permission == "WebMailReadAny")
    )
