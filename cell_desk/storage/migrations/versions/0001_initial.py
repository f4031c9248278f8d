"""Plans, phases, stages, checklist items, activity forms, slogans, settings.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), unique=True),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("upper_issuer", sa.String(200), nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("issuing_body", sa.String(200), nullable=False),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("signing_authority", sa.String(60), nullable=False),
        sa.Column("signer_position", sa.String(60), nullable=False),
        sa.Column("signer", sa.String(100), nullable=False),
        sa.Column("report_day", sa.Integer, nullable=False),
        sa.Column("report_recipient", sa.String(200), nullable=False),
        sa.Column("report_via", sa.String(200), nullable=False),
        sa.Column("report_text", sa.Text, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("is_active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, server_default=sa.func.current_timestamp(), nullable=False),
    )
    op.create_index("ix_plans_one_active", "plans", ["is_active"], unique=True, sqlite_where=sa.text("is_active = 1"))
    op.create_table(
        "phases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("window_text", sa.String(200), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("is_standing", sa.Boolean, nullable=False),
    )
    op.create_index("ix_phases_plan_id", "phases", ["plan_id"])
    op.create_table(
        "stages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("phase_id", sa.Integer, sa.ForeignKey("phases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("heading", sa.Text, nullable=False),
    )
    op.create_index("ix_stages_phase_id", "stages", ["phase_id"])
    op.create_table(
        "checklist_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("phase_id", sa.Integer, sa.ForeignKey("phases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stage_id", sa.Integer, sa.ForeignKey("stages.id", ondelete="CASCADE")),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("checklist_items.id", ondelete="CASCADE")),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("completed_on", sa.Date),
        sa.Column("assignee", sa.String(200), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime),
    )
    op.create_index("ix_checklist_items_phase_id", "checklist_items", ["phase_id"])
    op.create_index("ix_checklist_items_stage_id", "checklist_items", ["stage_id"])
    op.create_index("ix_checklist_items_parent_id", "checklist_items", ["parent_id"])
    op.create_table(
        "activity_forms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("group_title", sa.Text, nullable=False),
        sa.Column("points", sa.JSON, nullable=False),
        sa.Column("is_custom", sa.Boolean, nullable=False),
    )
    op.create_index("ix_activity_forms_plan_id", "activity_forms", ["plan_id"])
    op.create_table(
        "slogans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="SET NULL")),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_slogans_plan_id", "slogans", ["plan_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.JSON),
    )


def downgrade() -> None:
    for table in ("settings", "slogans", "activity_forms", "checklist_items", "stages", "phases", "plans"):
        op.drop_table(table)
