"""The audit log names the address each event came from (等级保护 安全审计: who, when, what,
from where).

Revision ID: e4b7c2a9d613
Revises: 7a4c2e9f1b38
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "e4b7c2a9d613"
down_revision = "7a4c2e9f1b38"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("harbin_review_audit_log", sa.Column("address", sa.UnicodeText))


def downgrade():
    op.drop_column("harbin_review_audit_log", "address")
