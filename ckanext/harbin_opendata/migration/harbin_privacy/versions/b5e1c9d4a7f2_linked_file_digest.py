"""Scans keep the SHA-256 of a linked file's bytes as they read them (and of its first bytes, as
much as a preview reads): the table preview and the DataStore load fetch the link again and show
it only when it is still those bytes (common/scanned_links.py). Links scanned before have no digest: the first preview or load of each
queues a new scan, which keeps one.

Revision ID: b5e1c9d4a7f2
Revises: a8d2e6f1b374
Create Date: 2026-12-02
"""
from alembic import op

revision = "b5e1c9d4a7f2"
down_revision = "a8d2e6f1b374"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE harbin_privacy_scan ADD COLUMN IF NOT EXISTS digest text, "
               "ADD COLUMN IF NOT EXISTS head_digest text")


def downgrade():
    op.drop_column("harbin_privacy_scan", "head_digest")
    op.drop_column("harbin_privacy_scan", "digest")
