"""Privacy, review and security tests reach the published state through the real publish action
(harbin_review_submit + harbin_review_publish, the publication gate included: factories.mark_published,
privacy/publishing.publish), never by writing it (issue 16): no test there sets an entry public or its
review state to published in the database itself. The one exception is listed with its reason."""
from __future__ import annotations

import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
_WRITES = re.compile(
    r"UPDATE\s+(package|harbin_review\w*)\s+SET\s+(private\s*=\s*false|state\s*=\s*'published')"  # SQL
    r"|\.private\s*=\s*(False|dataset\[)"  # an object's attribute
    r"|[\"']state[\"']\s*:\s*[\"']published[\"']\s*}\s*\)"  # query(...).update({"state": "published"})
    r"|\.state\s*=\s*[\"']published[\"']", re.IGNORECASE)
# Simulates another web node's publication not yet committed (the reindex must wait for it): a
# second connection holds the row; the action commits in the request's own session.
_ALLOWED = {("privacy/test_trusted_harvest.py", "UPDATE package SET private = false")}


def _writes() -> list[str]:
    found = []
    for area in ("privacy", "review", "security"):
        for path in sorted((HERE / area).glob("*.py")):
            name = f"{area}/{path.name}"
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = _WRITES.search(line)
                if match and not any(name == allowed and text in line for allowed, text in _ALLOWED):
                    found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_published_state_written_directly():
    assert _writes() == []


def test_the_factory_publishes_through_the_actions():
    """CatalogEntry (published unless published=False) calls mark_published, which submits and
    publishes through the actions when the review plugin is loaded (every suite configuration of the
    privacy, review and security tests)."""
    source = (HERE / "factories.py").read_text(encoding="utf-8")
    body = source[source.index("def mark_published"):source.index("def _exempt_files_that_cannot_be_checked")]
    assert 'get_action("harbin_review_submit")' in body and 'get_action("harbin_review_publish")' in body
    assert "mark_published(obj)" in source
