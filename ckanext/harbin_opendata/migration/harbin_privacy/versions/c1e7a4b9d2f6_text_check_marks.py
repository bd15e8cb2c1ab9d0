"""The marks of the stored texts' re-check (harbin_privacy_text_check): for each entry, agency and
group, the rules (TEXT_RULES) its stored texts were last checked under and what was found (field
and kinds, never the value). A mark below the rules counts as unchecked (text_recheck.py). Made
only if missing (a test of an older reader's migration makes it first, as today's model reads it).

Revision ID: c1e7a4b9d2f6
Revises: c1e7a4b9d5f3
Create Date: 2026-12-03
"""
from alembic import op

revision = "c1e7a4b9d2f6"
down_revision = "c1e7a4b9d5f3"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""CREATE TABLE IF NOT EXISTS harbin_privacy_text_check (
        object_id text PRIMARY KEY,
        object_type text NOT NULL,
        rules integer NOT NULL,
        checked_at timestamp with time zone NOT NULL DEFAULT now(),
        findings jsonb)""")


def downgrade():
    op.drop_table("harbin_privacy_text_check")
