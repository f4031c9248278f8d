"""Activity log: activities, their checklist items, their attachments.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="SET NULL")),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date),
        sa.Column("form", sa.String(300), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("organiser", sa.String(300), nullable=False),
        sa.Column("party_members", sa.Integer, nullable=False),
        sa.Column("others", sa.Integer, nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("search_key", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("updated_at", sa.DateTime),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_activities_plan_id", "activities", ["plan_id"])
    op.create_index("ix_activities_occurred_on", "activities", ["occurred_on"])
    op.create_table(
        "activity_items",
        sa.Column("activity_id", sa.Integer, sa.ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("checklist_items.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_activity_items_item_id", "activity_items", ["item_id"])
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("activity_id", sa.Integer, sa.ForeignKey("activities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("original_name", sa.String(300), nullable=False),
        sa.Column("is_image", sa.Boolean, nullable=False),
        sa.Column("byte_size", sa.Integer, nullable=False),
    )
    op.create_index("ix_attachments_activity_id", "attachments", ["activity_id"])


def downgrade() -> None:
    op.drop_table("attachments")
    op.drop_table("activity_items")
    op.drop_table("activities")
