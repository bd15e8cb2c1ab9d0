"""Scans record reader 9: a case titled after its 关于 (关于王建国违规占用道路案) names the person, and
a name in pinyin beside firms in a party's column (当事人名称: WANG Jianguo) is a person's. A scan by
an older reader may have passed a penalty list whose only person is so named as clean: it no longer
counts, and its file is held behind a new queued scan of the same file, as c1e7a4b9d5f3
did for reader 8.

Revision ID: b9e4f7a2c6d1
Revises: f6b2d8a4c1e9
Create Date: 2026-12-03
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "b9e4f7a2c6d1"
down_revision = "f6b2d8a4c1e9"
branch_labels = None
depends_on = None

READER_8 = earlier_revision(__file__, "c1e7a4b9d5f3_scans_by_the_whole_file_reader")
STATES = READER_8.STATES.replace("coalesce(s.reader, 0) < 8", "coalesce(s.reader, 0) < 9")
RESCAN = READER_8.RESCAN.replace("coalesce(s.reader, 0) < 8", "coalesce(s.reader, 0) < 9")
assert STATES != READER_8.STATES and RESCAN != READER_8.RESCAN


def upgrade():
    READER_8.READER_7.READER_6.READER_5.PARTS.TEXT.hold_for_rescan(STATES, RESCAN)


def downgrade():
    op.execute(READER_8.STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
