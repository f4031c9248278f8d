"""Several documents in force: the kind of each upper-level document, the paragraphs under a
checklist item, and `plans.is_active` meaning "in force" (many plans may have it).

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plans") as plans:
        plans.add_column(sa.Column("doc_kind", sa.String(30), nullable=False, server_default="phased_plan"))
    with op.batch_alter_table("checklist_items") as items:
        items.add_column(sa.Column("detail", sa.Text, nullable=False, server_default=""))
    op.drop_index("ix_plans_one_active", table_name="plans")


def downgrade() -> None:
    # one plan stays active, the newest of those in force, as the old schema allows
    op.execute("UPDATE plans SET is_active = 0 WHERE is_active = 1 AND id <> "
               "(SELECT id FROM plans WHERE is_active = 1 ORDER BY issued_on DESC, id DESC LIMIT 1)")
    op.create_index("ix_plans_one_active", "plans", ["is_active"], unique=True, sqlite_where=sa.text("is_active = 1"))
    with op.batch_alter_table("checklist_items") as items:
        items.drop_column("detail")
    with op.batch_alter_table("plans") as plans:
        plans.drop_column("doc_kind")
