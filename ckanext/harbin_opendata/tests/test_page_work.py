"""What a public page costs beyond stock CKAN (issue 20, benchmarks/compare.py): counted, not timed."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

import ckan.model as model
import ckan.logic.action.get as ckan_get
import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.tests.factories import Agency, CatalogEntry


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_an_entry_page_asks_for_its_agency_once_per_request(app, monkeypatch):
    """CKAN's sidebar (rendered twice by page.html) and the provider row each call h.get_organization;
    one organization_show serves them all, and the next request asks again (a renamed agency shows)."""
    agency = Agency(title="哈尔滨市气象局")
    entry = CatalogEntry(owner_org=agency["id"], title="哈尔滨市积雪深度观测数据")
    asked: list[dict] = []
    real = ckan_get._group_or_org_show

    def counted(context, data_dict, is_org=False):  # noqa: ANN001 - CKAN's signature
        asked.append(dict(data_dict))
        return real(context, data_dict, is_org)

    monkeypatch.setattr(ckan_get, "_group_or_org_show", counted)
    html = app.get(f"/dataset/{entry['name']}").body
    assert len(asked) == 1, asked
    provider = html[html.index("additional-info"):]
    assert "哈尔滨市气象局" in provider and "哈尔滨市气象局" in html[:html.index("additional-info")]

    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    tk.get_action("organization_patch")({"user": site_user}, {"id": agency["id"], "title": "哈尔滨市气象服务中心"})
    asked.clear()
    html = app.get(f"/dataset/{entry['name']}").body
    provider = html[html.index("additional-info"):]  # the breadcrumb names the agency as the entry was indexed
    assert len(asked) == 1 and "哈尔滨市气象服务中心" in provider and "哈尔滨市气象局" not in provider


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_an_entry_page_counts_its_open_corrections_once(app):
    """page.html renders the entry's action buttons twice (the first time to see whether they are
    empty); the count of corrections being handled behind one of them is asked once."""
    entry = CatalogEntry(owner_org=Agency()["id"])
    asked: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001 - SQLAlchemy's signature
        if "FROM harbin_feedback_request" in statement:
            asked.append(statement)

    sa.event.listen(model.meta.engine, "before_cursor_execute", record)
    try:
        assert "btn-default" in app.get(f"/dataset/{entry['name']}").body
    finally:
        sa.event.remove(model.meta.engine, "before_cursor_execute", record)
    assert len(asked) == 1, asked


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_a_search_page_renders_no_popular_badge_template_below_its_minimum(app):
    """The tracking plugin's package_item.html asks h.popular for each result: below the minimum of
    recent views the badge is empty, and no template is rendered for it (CKAN's helper rendered
    snippets/popular.html once per result, for nothing); at the minimum the flame shows."""
    from flask import template_rendered

    agency = Agency()
    for number in range(3):
        CatalogEntry(owner_org=agency["id"], title=f"哈尔滨市公共停车场泊位数据{number}")
    rendered: list[str] = []

    def record(sender, template, context, **extra):  # noqa: ANN001 - Flask's signal signature
        rendered.append(template.name)

    with template_rendered.connected_to(record):
        html = app.get("/dataset/", query_string={"q": "停车"}).body
    assert html.count("dataset-heading") == 3
    assert "snippets/popular.html" not in rendered, rendered
    with app.flask_app.test_request_context():
        assert tk.h.popular("recent views", 9, min=10) == ""
        assert "fa-fire-flame-curved" in tk.h.popular("recent views", 10, min=10)
        assert "12 次浏览" in tk.h.popular("views", 12)  # (zh_Hans_CN, the site default)
