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
import importlib.util
import os

from alembic import op

revision = "e5b8c2a7f1d4"
down_revision = "d7a3f19c2e58"
branch_labels = None
depends_on = None


def _previous(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, os.path.join(os.path.dirname(__file__), f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OLD_STATES = _previous("d7a3f19c2e58_scans_by_the_stacked_tables_reader").STATES

# s: the latest scan; found: whether the latest finished scan (any reader, any version of the file)
# found personal data.
STATES = """
CREATE OR REPLACE FUNCTION harbin_privacy_states(package_ids text[])
RETURNS TABLE (package_id text, resource_id text, state text) LANGUAGE sql STABLE AS $$
    SELECT r.package_id, r.id,
        CASE
            WHEN w.resource_id IS NOT NULL THEN 'withheld'
            WHEN coalesce(r.url, '') = '' THEN 'clear'
            WHEN s.id IS NULL OR s.state = 'done' AND coalesce(s.reader, 0) < 2
                 OR s.fingerprint <> harbin_privacy_fingerprint(r.url_type, r.url, r.last_modified, r.size)
                THEN CASE WHEN found.personal THEN 'held' ELSE 'unscanned' END
            WHEN s.state IN ('queued', 'running') THEN CASE WHEN found.personal THEN 'held' ELSE 'pending' END
            WHEN EXISTS (SELECT 1 FROM harbin_privacy_exemption e WHERE e.scan_id = s.id) THEN 'exempted'
            WHEN s.state = 'failed' THEN CASE WHEN found.personal THEN 'held' ELSE 'failed' END
            WHEN s.personal THEN 'personal'
            WHEN NOT s.confident THEN 'unconfirmed'
            ELSE 'clear'
        END
    FROM resource r
    LEFT JOIN harbin_privacy_withheld w ON w.resource_id = r.id
    LEFT JOIN LATERAL (
        SELECT * FROM harbin_privacy_scan x WHERE x.resource_id = r.id ORDER BY x.created_at DESC LIMIT 1
    ) s ON true
    LEFT JOIN LATERAL (
        SELECT coalesce(x.personal, false) AS personal FROM harbin_privacy_scan x
        WHERE x.resource_id = r.id AND x.state = 'done' ORDER BY x.created_at DESC LIMIT 1
    ) found ON true
    WHERE r.package_id = ANY(package_ids) AND r.state = 'active'
$$
"""


def upgrade():
    op.execute(STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")


def downgrade():
    op.execute(OLD_STATES)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
