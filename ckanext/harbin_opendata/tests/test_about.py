"""The platform's own about page and the government-site footer."""
from __future__ import annotations

import pytest

RECORDS = {"ckanext.harbin_opendata.site.identifier_code": "2301000001",
           "ckanext.harbin_opendata.site.icp_number": "黑ICP备12345678号",
           "ckanext.harbin_opendata.site.police_record_number": "黑公网安备23010302000001号",
           "ckanext.harbin_opendata.contact.phone": "0451-12345678"}


@pytest.mark.usefixtures("with_plugins")
def test_about_page_names_operator_basis_and_the_ways_to_ask(app):
    html = app.get("/about").body
    assert "关于哈尔滨市公共数据开放平台" in html and "哈尔滨市大数据中心" in html
    assert "《哈尔滨市公共数据开放管理办法》（哈政办规〔2022〕18号）" in html
    assert "/feedback/new?kind=data_request" in html and "/feedback/new?kind=correction" in html
    assert "/dataset/?open_type=conditional" in html and "/user/access/applications" in html
    assert "CKAN" not in html.split('role="main"')[1].split("</article>")[0]
    english = app.get("/en/about").body
    assert "About Harbin Public Data Open Platform" in english and "Applying for data open on conditions" in english


@pytest.mark.usefixtures("with_plugins")
def test_footer_without_ckan_links_and_records_only_when_set(app):
    html = app.get("/").body
    assert "docs.ckan.org" not in html and "ckan.org" not in html and "CKAN Association" not in html
    assert "关于本平台" in html and "联系我们" in html and "数据需求与纠错" in html
    assert "网站标识码" not in html and "ICP备案号" not in html and "公安机关备案号" not in html
    assert "About the platform" in app.get("/en/").body


@pytest.mark.ckan_config("ckanext.harbin_opendata.site.identifier_code", RECORDS["ckanext.harbin_opendata.site.identifier_code"])
@pytest.mark.ckan_config("ckanext.harbin_opendata.site.icp_number", RECORDS["ckanext.harbin_opendata.site.icp_number"])
@pytest.mark.ckan_config("ckanext.harbin_opendata.site.police_record_number", RECORDS["ckanext.harbin_opendata.site.police_record_number"])
@pytest.mark.ckan_config("ckanext.harbin_opendata.contact.phone", RECORDS["ckanext.harbin_opendata.contact.phone"])
@pytest.mark.usefixtures("with_plugins")
def test_configured_records_in_footer_and_contacts_on_about(app):
    html = app.get("/").body
    assert "网站标识码：2301000001" in html
    assert 'href="https://beian.miit.gov.cn/"' in html and "黑ICP备12345678号" in html
    assert "code=23010302000001" in html and "黑公网安备23010302000001号" in html
    assert 'href="tel:045112345678"' in app.get("/about").body
