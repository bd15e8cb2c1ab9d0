"""An index of the entries' resource codes (package_extra rows with key "resource_code").

The check that no other entry holds a resource code (metadata/logic/validators.py, on every entry
saved) read all of package_extra when the code was new: 6 ms per save with 3,500 entries, growing
with the catalog, so a harvest of N new records cost O(N²). With the partial index it is one
index lookup.

Revision ID: 3c9e1f5a7b20
Revises:
Create Date: 2026-11-30
"""
from alembic import op

revision = "3c9e1f5a7b20"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE INDEX IF NOT EXISTS harbin_metadata_resource_code_idx ON package_extra (value) "
               "WHERE key = 'resource_code'")


def downgrade():
    op.execute("DROP INDEX IF EXISTS harbin_metadata_resource_code_idx")
