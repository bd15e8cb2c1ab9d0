"""Fail closed between a finding and the next check: a resource whose latest finished scan found
personal data — by the current reader, or by an older one whose scans no longer count (migration
d7a3f19c2e58) — is "held" while its file is not checked again: a new file not scanned yet, a
queued or running rescan, or a rescan that failed. Held resources are hidden and block publication
whatever privacy.hide_unscanned and privacy.require_scan say (privacy/visibility.py); before this
revision they were "unscanned", "pending" or "failed", public again with those options off.

Revision ID: e5b8c2a7f1d4
Revises: d7a3f19c2e58
Create Date: 2026-11-30
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "e5b8c2a7f1d4"
down_revision = "d7a3f19c2e58"
branch_labels = None
depends_on = None

OLD_STATES = earlier_revision(__file__, "d7a3f19c2e58_scans_by_the_stacked_tables_reader").STATES

# Each step: a state the file is in before its next check becomes "held" when `found` (s: the latest scan;
# found: whether the latest finished scan, any reader, any version of the file, found personal data).
_HELD = [
    ("THEN 'unscanned'", "THEN CASE WHEN found.personal THEN 'held' ELSE 'unscanned' END"),
    ("THEN 'pending'", "THEN CASE WHEN found.personal THEN 'held' ELSE 'pending' END"),
    ("WHEN s.state = 'failed' THEN 'failed'", "WHEN s.state = 'failed' THEN CASE WHEN found.personal THEN 'held' ELSE 'failed' END"),
    ("    ) s ON true\n", """    ) s ON true
    LEFT JOIN LATERAL (
        SELECT coalesce(x.personal, false) AS personal FROM harbin_privacy_scan x
        WHERE x.resource_id = r.id AND x.state = 'done' ORDER BY x.created_at DESC LIMIT 1
    ) found ON true
"""),
]
STATES = OLD_STATES
for before, after in _HELD:
    assert STATES.count(before) == 1, before
    STATES = STATES.replace(before, after)


def upgrade():
    op.execute(STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")


def downgrade():
    op.execute(OLD_STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
