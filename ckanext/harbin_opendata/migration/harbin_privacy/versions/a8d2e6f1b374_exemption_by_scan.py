"""An index on harbin_privacy_exemption.scan_id: harbin_privacy_states asks, for each resource of
the entries it is called on (every search, every entry page), whether its latest scan is exempted;
without the index each question reads the whole exemption table, which grows with every decision.
The foreign key's ON DELETE CASCADE uses it too.

Revision ID: a8d2e6f1b374
Revises: f4a9c2e7d813
Create Date: 2026-12-02
"""
from alembic import op

revision = "a8d2e6f1b374"
down_revision = "f4a9c2e7d813"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("harbin_privacy_exemption_scan_idx", "harbin_privacy_exemption", ["scan_id"])


def downgrade():
    op.drop_index("harbin_privacy_exemption_scan_idx", table_name="harbin_privacy_exemption")
