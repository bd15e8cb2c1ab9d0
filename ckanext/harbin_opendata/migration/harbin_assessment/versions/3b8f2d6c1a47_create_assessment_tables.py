"""Create the assessment tables: snapshots (runs, entry and agency scores) and link checks.

Revision ID: 3b8f2d6c1a47
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "3b8f2d6c1a47"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_assessment_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("snapshot_date", sa.Date, nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("model_version", sa.UnicodeText, nullable=False),
        sa.Column("model", JSONB, nullable=False),
        sa.Column("entries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("agencies", sa.Integer, nullable=False, server_default="0"),
        sa.Column("score", sa.Float),
        sa.Column("figures", JSONB, nullable=False, server_default="{}"),
    )
    op.create_table(
        "harbin_assessment_dataset",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("harbin_assessment_run.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, nullable=False),
        sa.Column("values", JSONB, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("open_type", sa.UnicodeText),
        sa.Column("update_frequency", sa.UnicodeText),
        sa.Column("due_date", sa.Date),
        sa.Column("resources", sa.Integer, nullable=False, server_default="0"),
        sa.Column("broken_resources", sa.Integer, nullable=False, server_default="0"),
        sa.Column("views", sa.Integer, nullable=False, server_default="0"),
        sa.Column("downloads", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("harbin_assessment_dataset_org_idx", "harbin_assessment_dataset", ["run_id", "organization_id"])
    op.create_table(
        "harbin_assessment_agency",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("harbin_assessment_run.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, primary_key=True),
        sa.Column("score", sa.Float),
        sa.Column("rank", sa.Integer),
        sa.Column("values", JSONB, nullable=False),
        sa.Column("scores", JSONB, nullable=False),
        sa.Column("layers", JSONB, nullable=False),
        sa.Column("figures", JSONB, nullable=False),
    )
    op.create_table(
        "harbin_assessment_link_check",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("url", sa.UnicodeText, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("error", sa.UnicodeText),
    )


def downgrade():
    op.drop_table("harbin_assessment_link_check")
    op.drop_table("harbin_assessment_agency")
    op.drop_table("harbin_assessment_dataset")
    op.drop_table("harbin_assessment_run")
