"""tracking_raw's primary key, as CKAN's tracking plugin migration 6313f7679d5f makes it (a site
moving from `tracking` to `harbin_tracking` already has it).

Revision ID: 5a1c0e7d9b42
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "5a1c0e7d9b42"
down_revision = None
branch_labels = None
depends_on = None


def _has_key() -> bool:
    return bool(sa.inspect(op.get_bind()).get_pk_constraint("tracking_raw").get("constrained_columns"))


def upgrade():
    if not _has_key():
        op.create_primary_key("tracking_raw_pkey", "tracking_raw", ["user_key", "url", "access_timestamp"])


def downgrade():
    pass  # the key stays: CKAN's tracking plugin expects it too
