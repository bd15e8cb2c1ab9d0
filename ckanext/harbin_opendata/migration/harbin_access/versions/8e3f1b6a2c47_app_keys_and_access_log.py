"""App keys (hashed) and the access log.

Revision ID: 8e3f1b6a2c47
Revises: 5d2a9c4e7b10
Create Date: 2026-11-30
"""
import sqlalchemy as sa
from alembic import op

revision = "8e3f1b6a2c47"
down_revision = "5d2a9c4e7b10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_access_app_key",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("name", sa.UnicodeText, nullable=False),
        sa.Column("key_hash", sa.UnicodeText, nullable=False, unique=True),  # SHA-256 of the secret
        sa.Column("prefix", sa.UnicodeText, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "harbin_access_log",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("key_id", sa.UnicodeText),
        sa.Column("kind", sa.UnicodeText, nullable=False),
        sa.Column("package_id", sa.UnicodeText),
        sa.Column("organization_id", sa.UnicodeText, index=True),
        sa.Column("resource_id", sa.UnicodeText),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False, server_default="0"),
    )


def downgrade():
    op.drop_table("harbin_access_log")
    op.drop_table("harbin_access_app_key")
