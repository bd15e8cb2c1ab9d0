"""The review state badges of a list of entries (the search page, an agency's page) are read in one
statement for the whole list, not one per entry (issue 20), and still name each entry's state."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import CatalogEntry
from ckanext.harbin_opendata.tests.statements import sent_statements
from ckanext.harbin_opendata.tests.web import logged_in_client

TITLES = ["哈尔滨市道路桥梁养护名录", "哈尔滨市公共厕所分布", "哈尔滨市供热企业名录"]


def test_a_reviewers_search_page_reads_the_badges_at_once(people, app):
    entries = [CatalogEntry(owner_org=people.agency["id"], published=False, title=title) for title in TITLES]
    tk.get_action("harbin_review_submit")({"user": people.editor}, {"id": entries[0]["id"]})
    reviewer = logged_in_client(app, people.reviewer)
    with sent_statements("FROM harbin_review_entry") as asked:
        page = reviewer.get("/dataset/?q=哈尔滨市").body
    assert all(title in page for title in TITLES)
    assert page.count("harbin-review-state bg-warning") == 1  # 待审核: the submitted one
    assert page.count("harbin-review-state bg-secondary") >= 3  # 草稿: the other two and the fixture's draft
    assert "待审核" in page and "草稿" in page
    assert len(asked) == 1, asked
