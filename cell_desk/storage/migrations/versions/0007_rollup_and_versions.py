"""Roll-up mode (the đảng ủy's registered cells and the report packages they sent) and a version
column on the rows people edit, so that two users of one shared database cannot silently write
over each other's change.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

VERSIONED_TABLES = ("plans", "checklist_items", "activities", "documents", "members", "meetings")


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.create_table(
        "rollup_cells",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False, unique=True),
        sa.Column("report_day", sa.Integer, nullable=False),
        sa.Column("note", sa.String(300), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False, server_default=sa.func.current_timestamp()),
    )
    op.create_table(
        "rollup_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("cell_id", sa.Integer, sa.ForeignKey("rollup_cells.id", ondelete="CASCADE"), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("made_on", sa.Date, nullable=False),
        sa.Column("made_at", sa.DateTime),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("activities", sa.Integer, nullable=False),
        sa.Column("people", sa.Integer, nullable=False),
        sa.Column("manifest", sa.JSON, nullable=False),
        sa.Column("report_docx", sa.LargeBinary, nullable=False),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_rollup_reports_cell_period", "rollup_reports", ["cell_id", "period"], unique=True)
    op.create_index("ix_rollup_reports_period", "rollup_reports", ["period"])


def downgrade() -> None:
    op.drop_index("ix_rollup_reports_period", table_name="rollup_reports")
    op.drop_index("ix_rollup_reports_cell_period", table_name="rollup_reports")
    op.drop_table("rollup_reports")
    op.drop_table("rollup_cells")
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
