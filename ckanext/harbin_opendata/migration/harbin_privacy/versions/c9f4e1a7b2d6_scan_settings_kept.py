"""Scans keep the detector settings they ran with (optional kinds, size limits, strictness, the
confirmed header rows) and the SHA-256 of an uploaded file's bytes too: a rescan asked for of a file
whose clean scan had the same bytes, reader and settings cannot differ, and is not run (it would
hide the published file until it ends; privacy/rescans.py). Scans before this revision kept neither:
their files are scanned again when asked, as before.

Revision ID: c9f4e1a7b2d6
Revises: ae0ae06929cd
Create Date: 2026-12-02
"""
from alembic import op

revision = "c9f4e1a7b2d6"
down_revision = "ae0ae06929cd"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE harbin_privacy_scan ADD COLUMN IF NOT EXISTS settings jsonb")


def downgrade():
    op.drop_column("harbin_privacy_scan", "settings")
