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


def test_the_agency_writes_the_agreement_on_its_page_then_citizens_can_apply(conditional, app):
    entry = conditional.entry["name"]
    citizen = logged_in_client(app, conditional.outsider)
    assert 'name="purpose"' not in citizen.get(f"/dataset/{entry}/apply").body  # no agreement: no form
    agency = logged_in_client(app, conditional.people.editor)
    token = csrf_token(agency.get(f"/dataset/{entry}/applications").body)
    too_long = agency.post(f"/dataset/{entry}/agreement", data={"_csrf_token": token, "text": "长" * 4001})
    assert too_long.status_code == 200 and "最多 4000 个字符" in too_long.body
    assert "长" * 4001 in too_long.body  # what was typed is kept
    assert agency.post(f"/dataset/{entry}/agreement", data={"text": AGREEMENT}).status_code in (400, 403)  # no token
    blank = agency.post(f"/dataset/{entry}/agreement", data={"_csrf_token": token, "text": " \r\n "})
    assert blank.status_code == 200 and "缺少此项" in blank.body  # not saved as an empty version 1
    saved = agency.post(f"/dataset/{entry}/agreement", data={"_csrf_token": token, "text": AGREEMENT})
    assert saved.status_code == 200 and "第 1 版" in saved.body
    again = agency.post(f"/dataset/{entry}/agreement", data={"_csrf_token": token, "text": AGREEMENT + "第二条"})
    assert "第 2 版" in again.body
    form = citizen.get(f"/dataset/{entry}/apply").body
    assert AGREEMENT + "第二条" in form and 'name="purpose"' in form and 'name="agreement_version" value="2"' in form


def test_reviewers_read_the_agreement_but_only_the_agency_writes_it(conditional, app):
    entry = conditional.entry["name"]
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {
        "id": conditional.entry["id"], "text": AGREEMENT})
    reviewer = logged_in_client(app, conditional.people.reviewer)
    page = reviewer.get(f"/dataset/{entry}/applications").body
    assert AGREEMENT in page and 'name="text"' not in page


def test_reviewers_see_applications_read_only_and_who_answers(conditional, app):
    """Walk F-R6: the centre's reviewer was offered 批准/不予采纳 and then refused with a 403."""
    tk.get_action("harbin_access_agreement_update")({"user": conditional.people.editor}, {
        "id": conditional.entry["id"], "text": AGREEMENT})
    application = tk.get_action("harbin_access_apply")({"user": conditional.outsider},
                                                        application_form(conditional.entry["id"]))
    page = logged_in_client(app, conditional.people.reviewer).get(
        f"/dataset/{conditional.entry['name']}/applications").body
    assert conditional.outsider in page and "/approve" not in page
    assert "/reject" not in page and "由提供单位" in page and "答复" in page
    agency_page = logged_in_client(app, conditional.people.editor).get(
        f"/dataset/{conditional.entry['name']}/applications").body
    assert f"/access/application/{application['id']}/approve" in agency_page and "由提供单位" not in agency_page
