"""Create the feedback tables: data requests and correction requests, and their events.

Revision ID: 7a4c1e90d2b3
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "7a4c1e90d2b3"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "harbin_feedback_request",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("kind", sa.UnicodeText, nullable=False),  # data_request | correction
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("organization_id", sa.UnicodeText),  # the agency it is routed to
        sa.Column("package_id", sa.UnicodeText),
        sa.Column("resource_id", sa.UnicodeText),
        sa.Column("data_domain", sa.UnicodeText),
        sa.Column("wanted_fields", sa.UnicodeText),
        sa.Column("location", sa.UnicodeText),  # row / field reference of a correction
        sa.Column("proposed_value", sa.UnicodeText),
        sa.Column("evidence", sa.UnicodeText),
        # Personal data of the requester: never shown publicly.
        sa.Column("requester_id", sa.UnicodeText),
        sa.Column("requester_name", sa.UnicodeText),
        sa.Column("requester_contact", sa.UnicodeText),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("reply", sa.UnicodeText),
    )
    op.create_index("harbin_feedback_request_org_idx", "harbin_feedback_request", ["organization_id", "state"])
    op.create_index("harbin_feedback_request_package_idx", "harbin_feedback_request", ["package_id"])
    op.create_table(
        "harbin_feedback_event",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.UnicodeText, sa.ForeignKey("harbin_feedback_request.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("event", sa.UnicodeText, nullable=False),
        sa.Column("actor_id", sa.UnicodeText),
        sa.Column("from_state", sa.UnicodeText),
        sa.Column("to_state", sa.UnicodeText),
        sa.Column("organization_id", sa.UnicodeText),
        sa.Column("comment", sa.UnicodeText),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("harbin_feedback_event_request_idx", "harbin_feedback_event", ["request_id", "id"])


def downgrade():
    op.drop_table("harbin_feedback_event")
    op.drop_table("harbin_feedback_request")
