"""Scans record reader 8: people's names beside firms in a party's column (行政相对人名称, 当事人名称),
several names in one cell (王建国、李秀英), a name with a phone (王建国 0451-86000000), pinyin names
under any header (Wang Jianguo), names as column headers (a month × person pivot) and a case named
after a person (李秀英销售不合格商品案) are found. A scan by an older reader may have passed such a file
as clean: it no longer counts, and its file is held behind a new queued scan of the same file, as
a7d3e9c1f5b8 did for reader 7.

Revision ID: c8e2f5a1d9b4
Revises: a7d3e9c1f5b8
Create Date: 2026-12-03
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "c8e2f5a1d9b4"
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
