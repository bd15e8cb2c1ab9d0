"""Access to a 有条件开放 entry in a real browser (issue 22): the agency's editor writes the entry's
agreement on its applications page, a citizen registers and verifies the e-mail address, applies
accepting the agreement, the editor approves, and the citizen downloads the file with the grant,
then creates an app key and downloads with it alone."""
from __future__ import annotations

import datetime as dt
import email
import re

import ckan.model as model

from ..factories import VALID_CREDIT_CODES
from ..access.conftest import AGREEMENT, CONTENT, conditional  # noqa: F401 - the conditional entry
from ..privacy.conftest import http_files, storage  # noqa: F401 - what the entry needs
from ..review.conftest import people  # noqa: F401

PASSWORD = "Harbin-Catalog-2026"


def _register_and_verify(citizen, mail_server) -> None:
    page = citizen.page
    citizen.go("/user/register")
    page.fill("#field-username", "wang_citizen")
    page.fill("#field-fullname", "王市民")
    page.fill("#field-email", "wang_citizen@harbin-opendata.invalid")
    page.fill("#field-password", PASSWORD)
    page.fill("#field-confirm-password", PASSWORD)
    citizen.shot("register")
    page.click("button[name=save]")
    page.wait_for_load_state("networkidle")
    mail = email.message_from_string(mail_server.get_smtp_messages()[-1][3])
    link = re.search(r"/user/access/verify/[\w.\-]+", mail.get_payload(decode=True).decode("utf-8")).group(0)
    citizen.go(link)
    assert "您的电子邮箱已验证" in page.content()
    citizen.shot("verified")


def test_a_citizen_registers_applies_is_approved_and_downloads(visitor, conditional, mail_server,  # noqa: F811
                                                               chromium, live_server):
    entry, editor = conditional.entry, conditional.people.editor
    model.User.get(editor).password = PASSWORD
    model.repo.commit()
    agency = visitor("agency")  # writes the agreement on the entry's applications page
    agency.log_in(editor, PASSWORD)
    agency.go(f"/dataset/{entry['name']}/applications")
    agency.page.fill("#field-agreement-text", AGREEMENT)
    agency.shot("agreement")
    assert "数据使用协议（第 1 版）" in agency.click_through("button:has-text('保存协议')")
    citizen = visitor("citizen")
    page = citizen.page
    _register_and_verify(citizen, mail_server)

    citizen.go(f"/dataset/{entry['name']}")
    assert "/download" not in page.content()
    page.locator("a.harbin-apply-instead, .harbin-apply-instead a").first.click()
    page.wait_for_selector("[name=purpose]")
    assert AGREEMENT in page.content()
    page.fill("[name=purpose]", "科研")
    page.fill("[name=scenario]", "地质灾害风险研究")
    page.fill("[name=organization]", "哈尔滨某研究院")
    page.fill("[name=credit_code]", VALID_CREDIT_CODES[0])
    page.fill("[name=contact]", "王市民 13800000000")
    page.fill("[name=wanted_until]", (dt.date.today() + dt.timedelta(days=90)).isoformat())
    page.check("[name=accept_agreement]")
    citizen.shot("application")
    page.click("button:has-text('提交申请')")
    page.wait_for_load_state("networkidle")
    assert "待提供单位答复" in page.content()
    citizen.shot("applied")

    agency.go(f"/dataset/{entry['name']}/applications")
    assert "wang_citizen" in agency.page.content()
    agency.shot("applications")
    agency.page.click("button:has-text('批准')")
    agency.page.wait_for_load_state("networkidle")
    agency.shot("approved")

    citizen.go(f"/dataset/{entry['name']}/resource/{conditional.uploaded['id']}")
    with page.expect_download() as download:
        page.click("a.resource-url-analytics")
    assert CONTENT in download.value.path().read_text(encoding="utf-8")
    citizen.shot("downloaded")

    citizen.go("/user/access/keys")
    page.fill("input[name=name]", "我的程序")
    page.click("button:has-text('创建应用密钥')")
    page.wait_for_selector("#new-app-key")
    secret = page.inner_text("#new-app-key").strip()
    citizen.shot("key")
    program = chromium.new_context()  # no session: the key alone
    try:
        url = f"{live_server}/dataset/{entry['name']}/resource/{conditional.uploaded['id']}/download/x.csv"
        assert program.request.get(url).status == 403
        served = program.request.get(url, headers={"X-App-Key": secret})
        assert served.status == 200 and CONTENT in served.text()
    finally:
        program.close()
