"""A conditional entry's pages offer 申请使用 (and why) instead of download links to whoever may not
have its files — anonymous visitors and citizens without a grant — on the resource page, the
entry page's resource list and its "how to get the data" section; the agency and grant holders get
the download links."""
from __future__ import annotations

from .conftest import grant_outsider


def _pages(conditional) -> list[str]:
    entry = conditional.entry
    return [f"/dataset/{entry['name']}", f"/dataset/{entry['name']}/resource/{conditional.uploaded['id']}",
            f"/dataset/{entry['name']}/resource/{conditional.linked['id']}"]


def _get(app, url: str, user: str = "") -> str:
    response = app.get(url, extra_environ={"REMOTE_USER": user} if user else {})
    assert response.status_code == 200
    return response.body


def test_who_may_not_have_the_files_is_offered_the_application(conditional, app):
    apply = f"/dataset/{conditional.entry['name']}/apply"
    for user, reason in (("", "请登录并提交申请后获取文件"), (conditional.outsider, "提供单位批准您的申请后方可获取文件")):
        for url in _pages(conditional):
            body = _get(app, url, user)
            assert "/download" not in body and conditional.address not in body, url
            assert "申请使用" in body and apply in body and reason in body, url
    english = _get(app, "/en" + _pages(conditional)[1])
    assert "Apply for use" in english and "/download" not in english


def test_the_agency_and_grant_holders_get_the_download_links(conditional, app):
    grant_outsider(conditional)
    links = ("/download",) * 3  # a linked file too: the portal serves the copy its scan read (common/link_copies.py)
    for user in (conditional.people.editor, conditional.outsider):
        for url, link in zip(_pages(conditional), links):
            body = _get(app, url, user)
            assert link in body and "harbin-apply-instead" not in body, (user, url)
