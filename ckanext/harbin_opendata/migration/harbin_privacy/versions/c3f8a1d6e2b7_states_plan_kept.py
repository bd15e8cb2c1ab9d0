"""harbin_privacy_states in PL/pgSQL, the same query: its plan is kept by the session instead of the
query being planned again inside every statement that calls it. Planning was more than half of its
time on a search page's twenty entries (0.72 ms a call at the client, 0.38 ms with the plan kept;
issue 20). Same rows, same snapshot (a STABLE function reads with its caller's).

Revision ID: c3f8a1d6e2b7
Revises: e5b8c2a7f1d4
Create Date: 2026-12-02
"""
from alembic import op

from ckanext.harbin_opendata.common.alembic_env import earlier_revision

revision = "c3f8a1d6e2b7"
down_revision = "e5b8c2a7f1d4"
branch_labels = None
depends_on = None

OLD_STATES = earlier_revision(__file__, "e5b8c2a7f1d4_held_after_findings").STATES

_HEAD, _QUERY, _TAIL = OLD_STATES.split("$$")
assert _HEAD.count("LANGUAGE sql STABLE") == 1
# the output columns are named like table columns: the query's (qualified) columns win
STATES = (_HEAD.replace("LANGUAGE sql STABLE", "LANGUAGE plpgsql STABLE")
          + "$$\n#variable_conflict use_column\nBEGIN\n    RETURN QUERY" + _QUERY.rstrip().rstrip(";") + ";\nEND\n$$"
          + _TAIL)


def upgrade():
    op.execute(STATES)


def downgrade():
    op.execute(OLD_STATES)
