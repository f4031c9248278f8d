"""The monthly chi bộ meeting: members (no identity numbers) and one meeting record per month and
kind, with the numbers of its biên bản and nghị quyết.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(100), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("standing", sa.String(20), nullable=False),
        sa.Column("exempt", sa.Boolean, nullable=False),
        sa.Column("exempt_reason", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
    )
    op.create_index("ix_members_name_key", "members", ["name_key"])
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("starts_at", sa.String(5), nullable=False),
        sa.Column("ends_at", sa.String(5), nullable=False),
        sa.Column("place", sa.String(300), nullable=False),
        sa.Column("chair", sa.String(100), nullable=False),
        sa.Column("secretary", sa.String(100), nullable=False),
        sa.Column("member_count", sa.Integer, nullable=False),
        sa.Column("attendance", sa.JSON, nullable=False),
        sa.Column("speakers", sa.JSON, nullable=False),
        sa.Column("agenda", sa.Text, nullable=False),
        sa.Column("texts", sa.JSON, nullable=False),
        sa.Column("assignments", sa.JSON, nullable=False),
        sa.Column("minutes_number", sa.Integer, nullable=False),
        sa.Column("resolution_number", sa.Integer, nullable=False),
        sa.Column("tasks_plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="SET NULL")),
        sa.Column("activity_id", sa.Integer, sa.ForeignKey("activities.id", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
        sa.Column("updated_at", sa.DateTime),
    )
    op.create_index("ix_meetings_period_kind", "meetings", ["period", "kind"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_meetings_period_kind", table_name="meetings")
    op.drop_table("meetings")
    op.drop_index("ix_members_name_key", table_name="members")
    op.drop_table("members")
