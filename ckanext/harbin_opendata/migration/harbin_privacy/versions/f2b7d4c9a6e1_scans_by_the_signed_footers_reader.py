"""Scans record reader 6: the detectors find the names of those who sign a table in its footer
under every signer's label (审批人, 审定人, 核对人, 校对人, 录入人, 报送人, 分管领导 …) and with the place
of a signature or stamp before the colon (审核人（签字）：李红梅). A scan by an older reader may have
passed such a file as clean: it no longer counts, and its file is held behind a new queued scan of
the same file, as ae0ae06929cd did for reader 5.

Revision ID: f2b7d4c9a6e1
Revises: c9f4e1a7b2d6
Create Date: 2026-12-02
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "f2b7d4c9a6e1"
down_revision = "c9f4e1a7b2d6"
branch_labels = None
depends_on = None

READER_5 = earlier_revision(__file__, "ae0ae06929cd_scans_by_the_unread_cell_texts_reader")
STATES = READER_5.STATES.replace("coalesce(s.reader, 0) < 5", "coalesce(s.reader, 0) < 6")
RESCAN = READER_5.RESCAN.replace("coalesce(s.reader, 0) < 5", "coalesce(s.reader, 0) < 6")
assert STATES != READER_5.STATES and RESCAN != READER_5.RESCAN


def upgrade():
    READER_5.PARTS.TEXT.hold_for_rescan(STATES, RESCAN)


def downgrade():
    op.execute(READER_5.STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
