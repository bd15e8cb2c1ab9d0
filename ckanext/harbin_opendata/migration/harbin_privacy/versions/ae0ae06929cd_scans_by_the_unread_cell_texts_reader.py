"""Scans record reader 5: the detectors find e-mail addresses written against harvesters
(hrbzwfw#163.com, zhang(at)example.org, full-width ＃) and names under headers ending in 者 or 得主
(获奖者, 受助者), names after a contact label without a colon or on the next line (经办人李四已核实),
pinyin name headers (xm), mobiles grouped other than 3-4-4, phone numbers split over adjacent
columns, passport and 军官证 numbers under their header, and names of sheets and archive members
(张三丰名单.csv); the scan also reads an XLSX's shared strings no cell shows and the phonetic runs of
its strings, and what an ODS cell shows when its value attribute holds another text. A scan by an
older reader may have passed such a file as clean: it no longer counts, and its file is held behind
a new queued scan of the same file, as b6e3d9f2a417 did for reader 4.

Revision ID: ae0ae06929cd
Revises: b6e3d9f2a417
Create Date: 2026-12-02
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "ae0ae06929cd"
down_revision = "b6e3d9f2a417"
branch_labels = None
depends_on = None

PARTS = earlier_revision(__file__, "b6e3d9f2a417_scans_by_the_workbook_parts_reader")
STATES = PARTS.STATES.replace("coalesce(s.reader, 0) < 4", "coalesce(s.reader, 0) < 5")
RESCAN = PARTS.RESCAN.replace("coalesce(s.reader, 0) < 4", "coalesce(s.reader, 0) < 5")
assert STATES != PARTS.STATES and RESCAN != PARTS.RESCAN


def upgrade():
    PARTS.TEXT.hold_for_rescan(STATES, RESCAN)


def downgrade():
    op.execute(PARTS.STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
