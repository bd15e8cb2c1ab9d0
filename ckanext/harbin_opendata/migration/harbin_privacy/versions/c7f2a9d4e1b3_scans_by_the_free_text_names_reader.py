"""Scans record reader 10: names a register's free text gives by its cues (王建国户，因病致贫; 由其子张伟代领;
赵丽娟本人签字确认; 王建国等5户 in a title row; 王建国（个体）; 法定代表人王建国，; 0451-86301230转王建国), persons
among firms in an inspected party's column (被检查单位, 检查对象, 业户), the leaves of objects nested in
JSON records under their own keys (head.person), a 15-digit legacy ID after a document's label
(旧证号230102850312123), values an agency masked too lightly itself (23010219850312****, 王*国) and IDs
typed as numbers under 证件. A scan by an older reader may have passed such a file as clean: it no
longer counts, and its file is held behind a new queued scan of the same file, as b9e4f7a2c6d1 did
for reader 9.

Revision ID: c7f2a9d4e1b3
Revises: e8c4a1f7d2b9
Create Date: 2026-12-03
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "c7f2a9d4e1b3"
down_revision = "e8c4a1f7d2b9"
branch_labels = None
depends_on = None

READER_9 = earlier_revision(__file__, "b9e4f7a2c6d1_scans_by_the_case_titles_reader")
STATES = READER_9.STATES.replace("coalesce(s.reader, 0) < 9", "coalesce(s.reader, 0) < 10")
RESCAN = READER_9.RESCAN.replace("coalesce(s.reader, 0) < 9", "coalesce(s.reader, 0) < 10")
assert STATES != READER_9.STATES and RESCAN != READER_9.RESCAN


def upgrade():
    READER_9.READER_8.READER_7.READER_6.READER_5.PARTS.TEXT.hold_for_rescan(STATES, RESCAN)


def downgrade():
    op.execute(READER_9.STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
