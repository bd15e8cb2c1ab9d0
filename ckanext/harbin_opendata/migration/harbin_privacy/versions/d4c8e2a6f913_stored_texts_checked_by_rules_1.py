"""Texts stored before the metadata check (entries, their files, views and relationships, agencies
and groups) are checked again by it, here, inline: a published entry whose texts hold personal
data, or could not be read, is withdrawn (back to review, with the fields named); an agency's or
group's failing texts are withheld from the public and listed on the review page. The texts are
small (about 1,000 entries in seconds), so no entry waits hidden for a later job and none that
fails stays public after the upgrade. Committed as it goes (an autocommit block: the checks run
through CKAN's actions on their own connection, which must see the tables made before); a run
stopped midway is resumed by the next upgrade, which checks only what is still below rules 1.

Revision ID: d4c8e2a6f913
Revises: c1e7a4b9d2f6
Create Date: 2026-12-03
"""
from alembic import op

revision = "d4c8e2a6f913"
down_revision = "c1e7a4b9d2f6"
branch_labels = None
depends_on = None

RULES = 1


def upgrade():
    from ckanext.harbin_opendata.privacy.text_recheck import recheck_below

    with op.get_context().autocommit_block():
        recheck_below(RULES)


def downgrade():
    op.execute(f"DELETE FROM harbin_privacy_text_check WHERE rules >= {RULES}")
