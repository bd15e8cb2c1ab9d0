"""Create the showcase tables: reuse cases and the published entries they use.

Revision ID: 3e5b8c1d4f20
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "3e5b8c1d4f20"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_showcase_case",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("summary", sa.UnicodeText, nullable=False),
        sa.Column("unit", sa.UnicodeText, nullable=False),  # who made it
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("url", sa.UnicodeText),
        sa.Column("image_url", sa.UnicodeText),
        sa.Column("published", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("creator_id", sa.UnicodeText),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "harbin_showcase_dataset",
        sa.Column("case_id", sa.UnicodeText, sa.ForeignKey("harbin_showcase_case.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
    )
    op.create_index("harbin_showcase_dataset_package_idx", "harbin_showcase_dataset", ["package_id"])


def downgrade():
    op.drop_table("harbin_showcase_dataset")
    op.drop_table("harbin_showcase_case")
