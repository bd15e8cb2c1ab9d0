"""我的数据申请 heads each application with the entry's title, not its web address (walk F-C5)."""
from __future__ import annotations

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.web import logged_in_client

from .conftest import AGREEMENT, application_form


def test_my_applications_are_headed_by_the_entry_title(conditional, app):
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {
        "id": conditional.entry["id"], "text": AGREEMENT})
    application = tk.get_action("harbin_access_apply")({"user": conditional.outsider},
                                                       application_form(conditional.entry["id"]))
    assert application["package_title"] == conditional.entry["title"]
    page = logged_in_client(app, conditional.outsider).get("/user/access/applications").body
    heading = f'<h2 class="h5"><a href="/dataset/{conditional.entry["name"]}">{conditional.entry["title"]}</a></h2>'
    assert heading in page
