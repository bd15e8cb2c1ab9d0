"""The pages in a browser: a citizen applies through the form (the agreement shown, a bad credit
code answered in Chinese), the agency approves on its list, the citizen downloads."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk

from ..web import csrf_token, logged_in_client
from .conftest import AGREEMENT, CONTENT, application_form


def test_citizen_applies_and_the_agency_approves_on_the_pages(conditional, app):
    entry = conditional.entry
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {
        "id": entry["id"], "text": AGREEMENT})
    assert app.get(f"/dataset/{entry['name']}/apply", follow_redirects=False).status_code == 302  # login first
    citizen = logged_in_client(app, conditional.outsider)
    page = citizen.get(f"/dataset/{entry['name']}/apply")
    assert AGREEMENT in page.body
    form = {"_csrf_token": csrf_token(page.body), "agreement_version": "1", "purpose": "科研", "scenario": "风险研究",
            "organization": "哈尔滨某研究院", "credit_code": "12345", "contact": "张三 13800000000",
            "wanted_until": (dt.date.today() + dt.timedelta(days=60)).isoformat(), "accept_agreement": "on"}
    refused = citizen.post(f"/dataset/{entry['name']}/apply", data=form)
    assert refused.status_code == 200 and "统一社会信用代码应为18位" in refused.body
    sent = citizen.post(f"/dataset/{entry['name']}/apply", data={**form, "credit_code": application_form("")["credit_code"]})
    assert sent.status_code == 200 and "您的申请已提交至提供单位" in sent.body and "待提供单位答复" in sent.body
    agency = logged_in_client(app, conditional.people.editor)
    listing = agency.get(f"/dataset/{entry['name']}/applications")
    application = tk.get_action("harbin_access_application_list")({"user": conditional.outsider}, {})[0]
    assert application["id"] in listing.body
    approved = agency.post(f"/access/application/{application['id']}/approve", data={
        "_csrf_token": csrf_token(listing.body), "expires_on": dt.date.today().isoformat()})
    assert approved.status_code == 200 and "已批准" in approved.body
    download = citizen.get(f"/dataset/{entry['name']}/resource/{conditional.uploaded['id']}/download/x.csv")
    assert download.status_code == 200 and CONTENT in download.body


def test_other_agencies_cannot_see_the_applications(conditional, app):
    response = app.get(f"/dataset/{conditional.entry['name']}/applications",
                       extra_environ={"REMOTE_USER": conditional.people.other_editor})
    assert response.status_code == 403
