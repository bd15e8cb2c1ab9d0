"""Create the review workflow tables: entry states, append-only audit log, notifications,
catalog adjustments.

Revision ID: 5d1e3c2a9b01
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "5d1e3c2a9b01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_review_entry",
        sa.Column("package_id", sa.UnicodeText, sa.ForeignKey("package.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("submitted_by", sa.UnicodeText),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.Column("reviewed_by", sa.UnicodeText),
        sa.Column("reviewed_at", sa.DateTime(timezone=True)),
        sa.Column("comment", sa.UnicodeText),
        sa.Column("reviewed_fields", postgresql.JSONB),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("harbin_review_entry_state_idx", "harbin_review_entry", ["state"])

    op.create_table(
        "harbin_review_audit_log",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("actor_id", sa.UnicodeText),
        sa.Column("actor_name", sa.UnicodeText),
        sa.Column("event", sa.UnicodeText, nullable=False),
        sa.Column("package_id", sa.UnicodeText),
        sa.Column("package_name", sa.UnicodeText),
        sa.Column("organization_id", sa.UnicodeText),
        sa.Column("from_state", sa.UnicodeText),
        sa.Column("to_state", sa.UnicodeText),
        sa.Column("comment", sa.UnicodeText),
        sa.Column("details", postgresql.JSONB),
    )
    op.create_index("harbin_review_audit_log_package_idx", "harbin_review_audit_log", ["package_id", "id"])
    op.create_index("harbin_review_audit_log_created_idx", "harbin_review_audit_log", ["created_at"])
    # Append-only: rows can be added, never changed or removed by the application.
    op.execute("""
        CREATE OR REPLACE FUNCTION harbin_review_audit_log_append_only() RETURNS trigger AS $$
        BEGIN
          RAISE EXCEPTION 'harbin_review_audit_log is append-only';
        END
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER harbin_review_audit_log_append_only
          BEFORE UPDATE OR DELETE ON harbin_review_audit_log
          FOR EACH ROW EXECUTE FUNCTION harbin_review_audit_log_append_only();
    """)

    op.create_table(
        "harbin_review_notification",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False),
        sa.Column("event", sa.UnicodeText, nullable=False),
        sa.Column("package_id", sa.UnicodeText),
        sa.Column("actor_name", sa.UnicodeText),
        sa.Column("comment", sa.UnicodeText),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("read_at", sa.DateTime(timezone=True)),
    )
    op.create_index("harbin_review_notification_user_idx", "harbin_review_notification", ["user_id", "id"])

    op.create_table(
        "harbin_review_adjustment",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, nullable=False),
        sa.Column("trigger_kind", sa.UnicodeText, nullable=False),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("trigger_date", sa.Date, nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("package_ids", postgresql.JSONB, nullable=False, server_default="[]"),
        sa.Column("created_by", sa.UnicodeText, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("completed_by", sa.UnicodeText),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("harbin_review_adjustment_org_idx", "harbin_review_adjustment", ["organization_id"])


def downgrade():
    op.drop_table("harbin_review_adjustment")
    op.drop_table("harbin_review_notification")
    op.execute("DROP TRIGGER harbin_review_audit_log_append_only ON harbin_review_audit_log")
    op.execute("DROP FUNCTION harbin_review_audit_log_append_only()")
    op.drop_table("harbin_review_audit_log")
    op.drop_table("harbin_review_entry")
