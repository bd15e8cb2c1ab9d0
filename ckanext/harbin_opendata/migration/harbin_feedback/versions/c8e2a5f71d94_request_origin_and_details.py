"""Requests the platform opens itself: where a request comes from (NULL: the public) and its
findings (the catalog-against-data check's mismatches).

Revision ID: c8e2a5f71d94
Revises: 7a4c1e90d2b3
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "c8e2a5f71d94"
down_revision = "7a4c1e90d2b3"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("harbin_feedback_request", sa.Column("origin", sa.UnicodeText))
    op.add_column("harbin_feedback_request", sa.Column("details", JSONB))
    op.create_index("harbin_feedback_request_origin_idx", "harbin_feedback_request", ["origin", "resource_id"],
                    postgresql_where=sa.text("origin IS NOT NULL AND closed_at IS NULL"))


def downgrade():
    op.drop_index("harbin_feedback_request_origin_idx", "harbin_feedback_request")
    op.drop_column("harbin_feedback_request", "details")
    op.drop_column("harbin_feedback_request", "origin")
