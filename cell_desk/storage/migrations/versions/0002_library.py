"""Slogan library (tags, favourites, retired) and posters.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("slogans") as batch:
        batch.add_column(sa.Column("tags", sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("is_favourite", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("is_retired", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_table(
        "posters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("occasion", sa.String(200), nullable=False),
        sa.Column("size_text", sa.String(60), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("original_name", sa.String(300), nullable=False),
        sa.Column("pixel_width", sa.Integer, nullable=False),
        sa.Column("pixel_height", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, server_default=sa.func.current_timestamp(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("posters")
    with op.batch_alter_table("slogans") as batch:
        batch.drop_column("is_retired")
        batch.drop_column("is_favourite")
        batch.drop_column("tags")
