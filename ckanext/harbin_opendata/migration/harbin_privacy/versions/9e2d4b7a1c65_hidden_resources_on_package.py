"""Keep each entry's hidden resources on its package row (plugin_data["harbin_privacy"]), so that
showing an entry needs no query of the privacy tables: triggers on the scan, exemption and
withheld tables rewrite it in the same transaction as every change, whoever makes it.

The rule of what is hidden lives here, in harbin_privacy_hidden(); visibility.py reads it.

Revision ID: 9e2d4b7a1c65
Revises: 3f6b2d81c9a4
Create Date: 2026-11-27
"""
from alembic import op

revision = "9e2d4b7a1c65"
down_revision = "3f6b2d81c9a4"
branch_labels = None
depends_on = None

TABLES = {
    "harbin_privacy_scan": "INSERT OR DELETE OR UPDATE OF package_id, resource_id, state, personal, created_at",
    "harbin_privacy_exemption": "INSERT OR DELETE OR UPDATE OF package_id, scan_id",
    "harbin_privacy_withheld": "INSERT OR DELETE OR UPDATE OF package_id, resource_id",
}

# Withheld originals, and resources whose latest scan found personal data no reviewer exempted;
# "pending": the latest scan is queued or running (hidden only with privacy.hide_unscanned).
HIDDEN = """
CREATE OR REPLACE FUNCTION harbin_privacy_hidden(package_ids text[])
RETURNS TABLE (package_id text, resource_id text, pending boolean) LANGUAGE sql STABLE AS $$
    SELECT w.package_id, w.resource_id, false FROM harbin_privacy_withheld w WHERE w.package_id = ANY(package_ids)
    UNION
    SELECT latest.package_id, latest.resource_id, latest.state <> 'done' FROM (
        SELECT DISTINCT ON (s.resource_id) s.id, s.package_id, s.resource_id, s.state, s.personal
        FROM harbin_privacy_scan s WHERE s.package_id = ANY(package_ids)
        ORDER BY s.resource_id, s.created_at DESC) AS latest
    WHERE (latest.personal AND latest.state = 'done'
           AND NOT EXISTS (SELECT 1 FROM harbin_privacy_exemption e WHERE e.scan_id = latest.id))
       OR latest.state IN ('queued', 'running')
$$
"""

STORE = """
CREATE OR REPLACE FUNCTION harbin_privacy_store_hidden(entry_id text) RETURNS void LANGUAGE sql AS $$
    UPDATE package SET plugin_data = coalesce(plugin_data, '{}'::jsonb) || jsonb_build_object('harbin_privacy',
        jsonb_build_object(
            'hidden', coalesce((SELECT jsonb_agg(DISTINCT h.resource_id) FROM harbin_privacy_hidden(ARRAY[entry_id]) h
                                WHERE NOT h.pending), '[]'::jsonb),
            'pending', coalesce((SELECT jsonb_agg(DISTINCT h.resource_id) FROM harbin_privacy_hidden(ARRAY[entry_id]) h
                                 WHERE h.pending), '[]'::jsonb)))
    WHERE id = entry_id
$$
"""

CHANGED = """
CREATE OR REPLACE FUNCTION harbin_privacy_hidden_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM harbin_privacy_store_hidden(OLD.package_id);
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM harbin_privacy_store_hidden(NEW.package_id);
    ELSIF TG_OP = 'UPDATE' AND NEW.package_id IS DISTINCT FROM OLD.package_id THEN
        PERFORM harbin_privacy_store_hidden(NEW.package_id);
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade():
    op.execute(HIDDEN)
    op.execute(STORE)
    op.execute(CHANGED)
    for table, events in TABLES.items():
        op.execute(f"CREATE TRIGGER {table}_hidden AFTER {events} ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION harbin_privacy_hidden_changed()")
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")


def downgrade():
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_hidden ON {table}")
    op.execute("DROP FUNCTION harbin_privacy_hidden_changed()")
    op.execute("DROP FUNCTION harbin_privacy_store_hidden(text)")
    op.execute("DROP FUNCTION harbin_privacy_hidden(text[])")
    op.execute("UPDATE package SET plugin_data = plugin_data - 'harbin_privacy' WHERE plugin_data ? 'harbin_privacy'")
