"""Create the access tables: agreements (versioned) and applications / grants.

Revision ID: 5d2a9c4e7b10
Revises:
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "5d2a9c4e7b10"
down_revision = None
branch_labels = None
depends_on = None

_NOW = sa.func.now()


def upgrade():
    op.create_table(
        "harbin_access_agreement",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("text", sa.UnicodeText, nullable=False),
        sa.Column("created_by", sa.UnicodeText),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_NOW),
    )
    op.create_table(
        "harbin_access_application",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("organization_id", sa.UnicodeText),
        sa.Column("user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("state", sa.UnicodeText, nullable=False),  # pending | approved | rejected | revoked
        sa.Column("purpose", sa.UnicodeText, nullable=False),
        sa.Column("scenario", sa.UnicodeText, nullable=False),
        # The applicant's data: shown to the applicant, the agency and the reviewers only.
        sa.Column("applicant_organization", sa.UnicodeText, nullable=False),
        sa.Column("credit_code", sa.UnicodeText, nullable=False),
        sa.Column("contact", sa.UnicodeText, nullable=False),
        sa.Column("wanted_until", sa.Date, nullable=False),
        sa.Column("agreement_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_NOW),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("decided_by", sa.UnicodeText),
        sa.Column("reason", sa.UnicodeText),
        sa.Column("expires_on", sa.Date),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_by", sa.UnicodeText),
    )


def downgrade():
    op.drop_table("harbin_access_application")
    op.drop_table("harbin_access_agreement")
