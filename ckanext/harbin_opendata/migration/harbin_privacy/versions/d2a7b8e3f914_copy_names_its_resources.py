"""The copy of an entry's resource states on its package row also lists the resources it covers.
package_show reads the package row (with the copy) in one statement and the resources in a later
one: a file added or replaced in between (committed after the first, before the second) was shown
as clear — the outside probe saw a new, unchecked file's name in an anonymous package_show. A
resource the copy does not list is now decided by the query of the states, which runs after the
resources were read (privacy/visibility.py).

Revision ID: d2a7b8e3f914
Revises: b5e1c9d4a7f2
Create Date: 2026-12-02
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "d2a7b8e3f914"
down_revision = "b5e1c9d4a7f2"
branch_labels = None
depends_on = None

OLD_STORE = earlier_revision(__file__, "b41c7e2f9d03_one_rule_for_resource_states").STORE
STORE = """
CREATE OR REPLACE FUNCTION harbin_privacy_store_hidden(entry_id text) RETURNS void LANGUAGE sql AS $$
    UPDATE package SET plugin_data = coalesce(plugin_data, '{}'::jsonb) || jsonb_build_object('harbin_privacy', (
        SELECT jsonb_build_object(
            'states', coalesce(jsonb_object_agg(s.resource_id, s.state) FILTER (WHERE s.state NOT IN ('clear', 'exempted')),
                               '{}'::jsonb),
            'resources', coalesce(jsonb_agg(s.resource_id), '[]'::jsonb))
        FROM harbin_privacy_states(ARRAY[entry_id]) s))
    WHERE id = entry_id
$$
"""


def upgrade():
    op.execute(STORE)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")


def downgrade():
    op.execute(OLD_STORE)
    op.execute("SELECT harbin_privacy_store_hidden(id) FROM package")
