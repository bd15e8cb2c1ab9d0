"""Scans record the version of the reader that read the file (harbin_privacy_scan.reader, model.READER).
Scans made before the reader found tables stacked in one sheet (version 2: common/tabular/stacked.py)
judged a second table under the first one's header and may have passed ID numbers as clean: they
no longer count. Their resources are held ("pending") behind a new queued scan of the same file,
which the scheduler's job recovery (`ckan harbin scheduler`) hands to the workers within minutes,
or `ckan harbin privacy scan --all` runs at once.

What people decided is kept: confirmed header rows, withheld originals and their masked copies are
not touched (a masked copy is scanned again, strictly), and a reviewer's exemption carries over to
the new scan of the same file when it finds nothing the exempted scan did not
(privacy/kept_exemptions.py); otherwise the reviewer looks again.

Revision ID: d7a3f19c2e58
Revises: b41c7e2f9d03
Create Date: 2026-11-30
"""
import logging

import sqlalchemy as sa
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "d7a3f19c2e58"
down_revision = "b41c7e2f9d03"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

# harbin_privacy_states of b41c7e2f9d03, a finished scan counting only when made by reader 2 or later.
OLD_STATES = earlier_revision(__file__, "b41c7e2f9d03_one_rule_for_resource_states").STATES
STATES = OLD_STATES.replace("s.confident IS NULL AND s.state = 'done'", "s.state = 'done' AND coalesce(s.reader, 0) < 2")
assert STATES != OLD_STATES


# A new queued scan of the current file of each active resource whose latest scan is a finished
# one by an older reader (a masked copy's scan is strict).
RESCAN = """
INSERT INTO harbin_privacy_scan (id, package_id, resource_id, fingerprint, state, strict)
SELECT gen_random_uuid()::text, r.package_id, r.id, s.fingerprint, 'queued',
       EXISTS (SELECT 1 FROM harbin_privacy_withheld w WHERE w.masked_resource_id = r.id)
FROM resource r
JOIN LATERAL (
    SELECT * FROM harbin_privacy_scan x WHERE x.resource_id = r.id ORDER BY x.created_at DESC LIMIT 1
) s ON true
WHERE r.state = 'active' AND coalesce(r.url, '') <> '' AND s.state = 'done' AND s.reader IS NULL
  AND s.fingerprint = harbin_privacy_fingerprint(r.url_type, r.url, r.last_modified, r.size)
RETURNING resource_id
"""


def upgrade():
    op.add_column("harbin_privacy_scan", sa.Column("reader", sa.Integer))
    op.execute(STATES)
    queued = op.get_bind().execute(sa.text(RESCAN)).fetchall()
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
    if queued:
        log.warning("harbin_privacy: %d file(s) scanned by the old reader are held until scanned again: "
                    "`ckan harbin scheduler` queues their scans within minutes, or run "
                    "`ckan harbin privacy scan --all` now", len(queued))


def downgrade():
    op.execute(OLD_STATES)
    op.drop_column("harbin_privacy_scan", "reader")
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
