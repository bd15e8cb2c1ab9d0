"""Stored texts checked again under rules 2: an ID number's region and birth date count whatever its
check character (举报人身份证号码：230102196506161050), and a digit run after a person-number label
(卡号6222021000001234570, 手机号：1384512300) is refused in every public text. Texts that passed
rules 1 may fail now: checked inline as d4c8e2a6f913 did (a published entry failing is withdrawn, an
agency's or group's failing texts withheld).

Revision ID: f6b2d8a4c1e9
Revises: d4c8e2a6f913
Create Date: 2026-12-03
"""
from alembic import op

revision = "f6b2d8a4c1e9"
down_revision = "d4c8e2a6f913"
branch_labels = None
depends_on = None

RULES = 2


def upgrade():
    from ckanext.harbin_opendata.privacy.text_recheck import recheck_below

    with op.get_context().autocommit_block():
        recheck_below(RULES)


def downgrade():
    op.execute(f"UPDATE harbin_privacy_text_check SET rules = {RULES - 1} WHERE rules >= {RULES}")
