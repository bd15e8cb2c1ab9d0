"""The marks of the stored texts' re-check (harbin_privacy_text_check): for each entry, agency and
group, the rules (TEXT_RULES) its stored texts were last checked under and what was found (field
and kinds, never the value). A mark below the rules counts as unchecked (text_recheck.py).

Revision ID: c1e7a4b9d2f6
Revises: a7d3e9c1f5b8
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "c1e7a4b9d2f6"
down_revision = "a7d3e9c1f5b8"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_privacy_text_check",
        sa.Column("object_id", sa.UnicodeText, primary_key=True),
        sa.Column("object_type", sa.UnicodeText, nullable=False),
        sa.Column("rules", sa.Integer, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("findings", JSONB),
    )


def downgrade():
    op.drop_table("harbin_privacy_text_check")
