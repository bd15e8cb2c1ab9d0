"""The entry's address (`name`) is a reviewed field (review.reviewed_fields): each published entry's
reviewed values gain the name it has now, the one its reviewer saw published, so that only a later
change of it needs a reviewer (without it every first edit would count as a rename).

Revision ID: 7a4c2e9f1b38
Revises: 5d1e3c2a9b01
Create Date: 2026-12-02
"""
from alembic import op

revision = "7a4c2e9f1b38"
down_revision = "5d1e3c2a9b01"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("""
        UPDATE harbin_review_entry e SET reviewed_fields = e.reviewed_fields || jsonb_build_object('name', p.name)
        FROM package p WHERE p.id = e.package_id AND e.reviewed_fields IS NOT NULL AND NOT e.reviewed_fields ? 'name'
    """)


def downgrade():
    op.execute("UPDATE harbin_review_entry SET reviewed_fields = reviewed_fields - 'name' WHERE reviewed_fields IS NOT NULL")
