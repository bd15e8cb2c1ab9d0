"""Scans record reader 4: the scan also reads what a workbook copies or says outside its cells — an
XLSX's pivot caches and external-link caches, document properties, hyperlink targets and tooltips,
defined names, data validations, data connections, the text literals of formulas and the names of
chart sheets; an ODS's properties, validations,
links, named expressions and charts' copies of cells; an old XLS's page headers and footers, notes,
charts and document properties — and holds a workbook embedding other files as unreadable. A scan
by an older reader may have passed such a file (a register's pivot table left after its sheet was
deleted) as clean: it no longer counts, and its file is held behind a new queued scan of the same
file, as f4a9c2e7d813 did for reader 3.

Revision ID: b6e3d9f2a417
Revises: d2a7b8e3f914
Create Date: 2026-12-02
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "b6e3d9f2a417"
down_revision = "d2a7b8e3f914"
branch_labels = None
depends_on = None

TEXT = earlier_revision(__file__, "f4a9c2e7d813_scans_by_the_workbook_text_reader")
STATES = TEXT.STATES.replace("coalesce(s.reader, 0) < 3", "coalesce(s.reader, 0) < 4")
RESCAN = TEXT.RESCAN.replace("coalesce(s.reader, 0) < 3", "coalesce(s.reader, 0) < 4")
assert STATES != TEXT.STATES and RESCAN != TEXT.RESCAN


def upgrade():
    TEXT.hold_for_rescan(STATES, RESCAN)


def downgrade():
    op.execute(TEXT.STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
