"""Scans record reader 7: a footer signed by role alone (制表：, 会计：, 出纳：, 制  表：) is a footer and
its names are found; names after a person's label in free text (收款人, 户名, 业主, 被执行人 …, with or
without a colon), before an honorific or a role in brackets (王建国同志, 王建国（户主）), columns
under a header ending in 对象 or 主体, and a workbook's author or note's author in pinyin (Zhang Wei)
are found; so are IDs and cards a program stored as numbers (2.301081985081562e+17, 2.30108E+17),
mobiles in Chinese numerals, a card alone in a note and columns under a home-address header. A scan by an older reader may have passed such a
file as clean: it no longer counts, and its file is held behind a new queued scan of the same file,
as f2b7d4c9a6e1 did for reader 6.

Revision ID: a7d3e9c1f5b8
Revises: f2b7d4c9a6e1
Create Date: 2026-12-03
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "a7d3e9c1f5b8"
down_revision = "f2b7d4c9a6e1"
branch_labels = None
depends_on = None

READER_6 = earlier_revision(__file__, "f2b7d4c9a6e1_scans_by_the_signed_footers_reader")
STATES = READER_6.STATES.replace("coalesce(s.reader, 0) < 6", "coalesce(s.reader, 0) < 7")
RESCAN = READER_6.RESCAN.replace("coalesce(s.reader, 0) < 6", "coalesce(s.reader, 0) < 7")
assert STATES != READER_6.STATES and RESCAN != READER_6.RESCAN


def upgrade():
    READER_6.READER_5.PARTS.TEXT.hold_for_rescan(STATES, RESCAN)


def downgrade():
    op.execute(READER_6.STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
