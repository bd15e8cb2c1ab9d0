"""One rule for what the public may see and what blocks publication: harbin_privacy_states() gives
every active resource of an entry its state, from the resource's current file (its fingerprint,
computed here and in privacy/model.py alike), its latest scan, exemptions, withheld originals and
confirmed table layouts. Hidden and blocking are both read from it. A trigger on CKAN's resource
table keeps the copy on the package row current whoever changes a file.

Scans made before this revision read files with the old reader (title rows were taken for the
header): they no longer count, so those resources are "unscanned" until scanned again
(`ckan harbin privacy scan --all`).

Revision ID: b41c7e2f9d03
Revises: 9e2d4b7a1c65
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "b41c7e2f9d03"
down_revision = "9e2d4b7a1c65"
branch_labels = None
depends_on = None

FINGERPRINT = """
CREATE OR REPLACE FUNCTION harbin_privacy_fingerprint(url_type text, url text, last_modified timestamp, size bigint)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT concat_ws('|', coalesce(url_type, ''), coalesce(url, ''),
                     coalesce(to_char(last_modified, 'YYYYMMDDHH24MISSUS'), ''), coalesce(size::text, ''))
$$
"""

# withheld: an original behind a masked copy; clear: no file, or checked and clean; exempted: a
# reviewer let the findings (or an unscannable file) be opened; unscanned: no scan of the current
# file; pending: its scan is queued or running; failed: it could not be read; unconfirmed: a
# table's header is uncertain and no person confirmed it; personal: personal data found.
STATES = """
CREATE OR REPLACE FUNCTION harbin_privacy_states(package_ids text[])
RETURNS TABLE (package_id text, resource_id text, state text) LANGUAGE sql STABLE AS $$
    SELECT r.package_id, r.id,
        CASE
            WHEN w.resource_id IS NOT NULL THEN 'withheld'
            WHEN coalesce(r.url, '') = '' THEN 'clear'
            WHEN s.id IS NULL OR s.confident IS NULL AND s.state = 'done'
                 OR s.fingerprint <> harbin_privacy_fingerprint(r.url_type, r.url, r.last_modified, r.size)
                THEN 'unscanned'
            WHEN s.state IN ('queued', 'running') THEN 'pending'
            WHEN EXISTS (SELECT 1 FROM harbin_privacy_exemption e WHERE e.scan_id = s.id) THEN 'exempted'
            WHEN s.state = 'failed' THEN 'failed'
            WHEN s.personal THEN 'personal'
            WHEN NOT s.confident THEN 'unconfirmed'
            ELSE 'clear'
        END
    FROM resource r
    LEFT JOIN harbin_privacy_withheld w ON w.resource_id = r.id
    LEFT JOIN LATERAL (
        SELECT * FROM harbin_privacy_scan x WHERE x.resource_id = r.id ORDER BY x.created_at DESC LIMIT 1
    ) s ON true
    WHERE r.package_id = ANY(package_ids) AND r.state = 'active'
$$
"""

# The copy on the package row: the states that are not clear (privacy/visibility.py applies the
# rule of what they hide and block, with the site's options).
STORE = """
CREATE OR REPLACE FUNCTION harbin_privacy_store_hidden(entry_id text) RETURNS void LANGUAGE sql AS $$
    UPDATE package SET plugin_data = coalesce(plugin_data, '{}'::jsonb) || jsonb_build_object('harbin_privacy',
        jsonb_build_object('states', coalesce((SELECT jsonb_object_agg(s.resource_id, s.state)
            FROM harbin_privacy_states(ARRAY[entry_id]) s WHERE s.state NOT IN ('clear', 'exempted')), '{}'::jsonb)))
    WHERE id = entry_id
$$
"""
_BEFORE = earlier_revision(__file__, "9e2d4b7a1c65_hidden_resources_on_package")
OLD_HIDDEN, OLD_STORE = _BEFORE.HIDDEN, _BEFORE.STORE

RESOURCE_CHANGED = """
CREATE OR REPLACE FUNCTION harbin_privacy_resource_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.package_id IS DISTINCT FROM NEW.package_id THEN
        PERFORM harbin_privacy_store_hidden(OLD.package_id);
    END IF;
    PERFORM harbin_privacy_store_hidden(NEW.package_id);
    RETURN NULL;
END
$$
"""


def upgrade():
    op.add_column("harbin_privacy_scan", sa.Column("tables", JSONB))  # the layout found in each table
    op.add_column("harbin_privacy_scan", sa.Column("confident", sa.Boolean))  # every header certain
    op.add_column("harbin_privacy_scan", sa.Column("strict", sa.Boolean, nullable=False, server_default="false"))
    op.create_table(
        "harbin_privacy_layout",  # a person's word on where a table's header is
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("fingerprint", sa.UnicodeText, primary_key=True),
        sa.Column("table_name", sa.UnicodeText, primary_key=True),
        sa.Column("header_row", sa.Integer, nullable=False),  # 0-based; -1: the table has no header
        sa.Column("confirmed_by", sa.UnicodeText, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.execute(FINGERPRINT)
    op.execute(STATES)
    op.execute(STORE)
    op.execute("DROP FUNCTION harbin_privacy_hidden(text[])")
    op.execute(RESOURCE_CHANGED)
    op.execute("CREATE TRIGGER harbin_privacy_resource_changed AFTER INSERT OR UPDATE OF url, url_type, "
               "last_modified, size, state, package_id ON resource "
               "FOR EACH ROW EXECUTE FUNCTION harbin_privacy_resource_changed()")
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")


def downgrade():
    op.execute("DROP TRIGGER harbin_privacy_resource_changed ON resource")
    op.execute("DROP FUNCTION harbin_privacy_resource_changed()")
    op.execute(OLD_HIDDEN)
    op.execute(OLD_STORE)
    op.execute("DROP FUNCTION harbin_privacy_states(text[])")
    op.execute("DROP FUNCTION harbin_privacy_fingerprint(text, text, timestamp, bigint)")
    op.drop_table("harbin_privacy_layout")
    for column in ("strict", "confident", "tables"):
        op.drop_column("harbin_privacy_scan", column)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
