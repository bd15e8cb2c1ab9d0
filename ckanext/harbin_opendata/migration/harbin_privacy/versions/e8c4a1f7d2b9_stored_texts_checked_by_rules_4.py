"""Stored texts checked again under rules 4: people's names known by their context (probe3 H2, M1,
M2; privacy/context_names.py) — 由王建国整理, 由其子张伟代领, 王建国，男，…, 李秀梅同志 after any word,
王建国家 / 王建国户 / 李秀梅工作室, 如 刘德华, a name beside a phone (李秀梅 0451-86301234), a pinyin name
after a label or before a household (Contact Wang Jianguo, Wang Jianguo household) — and an entry's
extra read as label：value (联系人 | 王建国) are refused in every public text. Texts that passed rules 3
may fail now: checked inline as b3e9d6a2f7c4 did (a published entry failing is withdrawn, an
agency's or group's failing texts withheld). Data requests and reuse cases stored before are shown
with those names masked (their pages mask by the same check when they are read).

Revision ID: e8c4a1f7d2b9
Revises: b3e9d6a2f7c4
Create Date: 2026-12-03
"""
from alembic import op

revision = "e8c4a1f7d2b9"
down_revision = "b3e9d6a2f7c4"
branch_labels = None
depends_on = None

RULES = 4


def upgrade():
    from ckanext.harbin_opendata.privacy.text_recheck import recheck_below

    with op.get_context().autocommit_block():
        recheck_below(RULES)


def downgrade():
    op.execute(f"UPDATE harbin_privacy_text_check SET rules = {RULES - 1} WHERE rules >= {RULES}")
