"""roles.acting_user takes the user CKAN's check_access loaded into the context instead of asking
the database again for the same row (two to three queries per package_update, issue 20), and only
when it is that user, in this session."""
from __future__ import annotations

import contextlib
from typing import Iterator

import sqlalchemy as sa

import ckan.model as model
import ckan.plugins.toolkit as tk

from ...common import roles


@contextlib.contextmanager
def _statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, *args):  # noqa: ANN001 - SQLAlchemy's event signature
        seen.append(statement)

    sa.event.listen(model.meta.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", record)


def test_the_checked_user_is_taken_from_the_context(people):
    context = {"user": people.editor}
    tk.check_access("package_update", context, {"id": people.entry["id"]})
    with _statements() as seen:
        user = roles.acting_user(context)
    assert user is context["auth_user_obj"] and user.name == people.editor
    assert seen == []


def test_another_or_detached_user_in_the_context_is_not_taken(people):
    other = model.User.get(people.other_editor)
    assert roles.acting_user({"user": people.editor, "auth_user_obj": other}).name == people.editor
    editor = model.User.get(people.editor)
    model.Session.expunge(editor)
    found = roles.acting_user({"user": people.editor, "auth_user_obj": editor})
    assert found is not editor and found.name == people.editor
    assert roles.acting_user({"user": "", "auth_user_obj": editor}) is None


def test_an_update_asks_for_its_user_less_often(people):
    """package_patch by the agency's editor: the review area's checks no longer query the user
    CKAN's check_access has loaded (29 user queries in this patch before, 21 after)."""
    with _statements() as seen:
        tk.get_action("package_patch")({"user": people.editor}, {"id": people.entry["id"], "notes": "道里区统计"})
    user_reads = [statement for statement in seen if 'FROM "user"' in statement]
    assert len(user_reads) <= 21, len(user_reads)
