"""Real-name verification attempts (the per-day limit and their audit trail).

Revision ID: b7c4e2d91f35
Revises: 8e3f1b6a2c47
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "b7c4e2d91f35"
down_revision = "8e3f1b6a2c47"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_access_identity_attempt",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("outcome", sa.UnicodeText, nullable=False),  # verified, refused, limited, failed
        sa.Column("id_number", sa.UnicodeText),  # masked: 230102********1234
        sa.Column("reference", sa.UnicodeText),
    )
    op.create_index("harbin_access_identity_attempt_user_idx", "harbin_access_identity_attempt", ["user_id", "at"])


def downgrade():
    op.drop_table("harbin_access_identity_attempt")
