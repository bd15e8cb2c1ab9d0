"""Stored texts checked again under rules 3: people's names without a label (issue 16, probe F9/F13)
— a name before a counted group (王建国等10户), a list of names joined by 、 (王建国、李秀英), and a tag,
a resource's or a data item's name that is one name (王建国) — are refused in every public text.
Texts that passed rules 2 may fail now: checked inline as f6b2d8a4c1e9 did (a published entry
failing is withdrawn, an agency's or group's failing texts withheld).

Revision ID: b3e9d6a2f7c4
Revises: b9e4f7a2c6d1 (after reader 9; the rules-2 marks of f6b2d8a4c1e9 before it)
Create Date: 2026-12-03
"""
from alembic import op

revision = "b3e9d6a2f7c4"
down_revision = "b9e4f7a2c6d1"
branch_labels = None
depends_on = None

RULES = 3


def upgrade():
    from ckanext.harbin_opendata.privacy.text_recheck import recheck_below

    with op.get_context().autocommit_block():
        recheck_below(RULES)


def downgrade():
    op.execute(f"UPDATE harbin_privacy_text_check SET rules = {RULES - 1} WHERE rules >= {RULES}")
