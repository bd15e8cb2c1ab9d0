"""Scans record reader 8: every string of a JSON document is read (other arrays of records, maps
keyed by an ID or a name, pandas' column maps, the envelope), and every part of an XLSX or ODS that
a downloader gets (conditional formats, filter values, styles with their number formats and
cell-style names, tables' column names, pivot table definitions ...; a macro project holds the
workbook for a person); people beside firms in a party's column (当事人名称), several names in one
cell, a name with a phone, pinyin name columns, names as column headers, cases named after a
person, and names right of a form's person label (姓名 | 王建国) are found. A scan by an older reader may have passed such a file as clean: it no
longer counts, and its file is held behind a new queued scan of the same file, as a7d3e9c1f5b8 did
for reader 7.

Revision ID: c1e7a4b9d5f3
Revises: a7d3e9c1f5b8
Create Date: 2026-12-03
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "c1e7a4b9d5f3"
down_revision = "a7d3e9c1f5b8"
branch_labels = None
depends_on = None

READER_7 = earlier_revision(__file__, "a7d3e9c1f5b8_scans_by_the_role_signers_reader")
STATES = READER_7.STATES.replace("coalesce(s.reader, 0) < 7", "coalesce(s.reader, 0) < 8")
RESCAN = READER_7.RESCAN.replace("coalesce(s.reader, 0) < 7", "coalesce(s.reader, 0) < 8")
assert STATES != READER_7.STATES and RESCAN != READER_7.RESCAN


def upgrade():
    READER_7.READER_6.READER_5.PARTS.TEXT.hold_for_rescan(STATES, RESCAN)


def downgrade():
    op.execute(READER_7.STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
