"""Create the privacy tables: scans with their findings, exemptions, withheld originals.

Revision ID: 3f6b2d81c9a4
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "3f6b2d81c9a4"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_privacy_scan",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("resource_id", sa.UnicodeText, nullable=False),
        sa.Column("fingerprint", sa.UnicodeText, nullable=False),  # which version of the file
        sa.Column("state", sa.UnicodeText, nullable=False),  # queued | running | done | failed
        sa.Column("requested_by", sa.UnicodeText),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("bytes_total", sa.BigInteger),
        sa.Column("bytes_done", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("rows_done", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("error", sa.UnicodeText),  # a message code, translated when shown
        sa.Column("personal", sa.Boolean),
        sa.Column("columns", JSONB),
    )
    op.create_index("harbin_privacy_scan_package_idx", "harbin_privacy_scan", ["package_id", "created_at"])
    op.create_index("harbin_privacy_scan_resource_idx", "harbin_privacy_scan", ["resource_id", "created_at"])
    op.create_table(
        "harbin_privacy_exemption",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("scan_id", sa.UnicodeText, sa.ForeignKey("harbin_privacy_scan.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("resource_id", sa.UnicodeText, nullable=False),
        sa.Column("reason", sa.UnicodeText, nullable=False),
        sa.Column("granted_by", sa.UnicodeText, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("harbin_privacy_exemption_package_idx", "harbin_privacy_exemption", ["package_id"])
    op.create_table(
        "harbin_privacy_withheld",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("masked_resource_id", sa.UnicodeText),
        sa.Column("rules", JSONB),
        sa.Column("withheld_by", sa.UnicodeText),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("harbin_privacy_withheld_package_idx", "harbin_privacy_withheld", ["package_id"])


def downgrade():
    op.drop_table("harbin_privacy_withheld")
    op.drop_table("harbin_privacy_exemption")
    op.drop_table("harbin_privacy_scan")
