"""Scans record reader 3: the scan also reads a workbook's text outside its cell values (sheet and
archive-member names, the header row, notes and their authors, page headers and footers, shapes
and charts) and card, account and ID numbers typed into cells as numbers. A scan by an older
reader may have passed such a file as clean: it no longer counts, and its file is held ("pending")
behind a new queued scan of the same file, as migration d7a3f19c2e58 did for reader 2 — the
scheduler's job recovery (`ckan harbin scheduler`) hands them to the workers within minutes, or
`ckan harbin privacy scan --all` runs them at once. Confirmed header rows, withheld originals and
masked copies stay; an exemption carries over when the rescan finds nothing more
(privacy/kept_exemptions.py).

Revision ID: f4a9c2e7d813
Revises: c3f8a1d6e2b7
Create Date: 2026-12-02
"""
import logging

import sqlalchemy as sa
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "f4a9c2e7d813"
down_revision = "c3f8a1d6e2b7"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

OLD_STATES = earlier_revision(__file__, "c3f8a1d6e2b7_states_plan_kept").STATES
STATES = OLD_STATES.replace("coalesce(s.reader, 0) < 2", "coalesce(s.reader, 0) < 3")
assert STATES != OLD_STATES

# d7a3f19c2e58's queued scan of the current file of each resource whose latest scan is a finished
# one by an older reader: none recorded, 1 or 2.
STACKED = earlier_revision(__file__, "d7a3f19c2e58_scans_by_the_stacked_tables_reader")
RESCAN = STACKED.RESCAN.replace("s.reader IS NULL", "coalesce(s.reader, 0) < 3")
assert RESCAN != STACKED.RESCAN


def upgrade():
    hold_for_rescan(STATES, RESCAN)


def hold_for_rescan(states: str, rescan: str) -> None:
    """harbin_privacy_states with the new reader's number, a queued scan of each file an older one
    scanned last, and every entry's hidden resources stored again (a later reader's migration too)."""
    op.execute(states)
    queued = op.get_bind().execute(sa.text(rescan)).fetchall()
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
    if queued:
        log.warning("harbin_privacy: %d file(s) scanned by an older reader are held until scanned again: "
                    "`ckan harbin scheduler` queues their scans within minutes, or run "
                    "`ckan harbin privacy scan --all` now", len(queued))


def downgrade():
    op.execute(OLD_STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
