"""Downloads and API calls counted by harbin_assessment itself, and their share of each entry's score.

Revision ID: 8c41e7a2d950
Revises: 3b8f2d6c1a47
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "8c41e7a2d950"
down_revision = "3b8f2d6c1a47"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_assessment_usage",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("kind", sa.UnicodeText, primary_key=True),
        sa.Column("ref", sa.UnicodeText, primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.add_column("harbin_assessment_dataset",
                  sa.Column("api_calls", sa.Integer, nullable=False, server_default="0"))


def downgrade():
    op.drop_column("harbin_assessment_dataset", "api_calls")
    op.drop_table("harbin_assessment_usage")
