"""The link check does not ask addresses in files.blocked_networks (the portal's own host,
link-local), not directly and not by redirect: an agency's link must not make the portal probe its
own services. Such links count as broken."""
from __future__ import annotations

import pytest

import ckan.model as model

from ckanext.harbin_opendata.assessment import linkcheck
from ckanext.harbin_opendata.assessment.model import LinkCheck
from ckanext.harbin_opendata.common.downloads import blocked_networks

from ..http_server import Route, SourceServer

KEY = "ckanext.harbin_opendata.files.blocked_networks"


def test_blocked_address_is_not_asked(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, KEY, ["127.0.0.0/8"])
    with SourceServer() as server:
        server.add("/ok.csv", b"a,b\r\n")
        assert linkcheck.check_url(server.url + "/ok.csv", 2, blocked_networks()) == (False, None, "blocked_host")
        assert server.requests == []
        assert linkcheck.check_url(server.url + "/ok.csv", 2) == (True, 200, None)  # nothing blocked: asked
        assert server.requests == ["/ok.csv"]


def test_redirect_to_a_blocked_address_is_not_followed(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, KEY, ["127.0.0.2/32"])
    with SourceServer("127.0.0.2") as inner, SourceServer() as outer:
        inner.add("/solr/admin", b"{}")
        outer.add("/open.csv", b"a,b\r\n")
        outer.routes["/moved.csv"] = Route(status=302, headers={"Location": inner.url + "/solr/admin"})
        assert linkcheck.check_url(outer.url + "/moved.csv", 2, blocked_networks()) == (False, None, "blocked_host")
        assert linkcheck.check_url(outer.url + "/open.csv", 2, blocked_networks()) == (True, 200, None)
        assert inner.requests == [] and outer.requests == ["/moved.csv", "/open.csv"]


@pytest.mark.usefixtures("with_request_context")
def test_link_check_records_blocked_links_as_broken(portal, ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, KEY, ["127.0.0.0/8"])
    counts = linkcheck.check_links()
    assert counts == {"checked": 3, "ok": 0, "broken": 3}
    assert {row.error for row in model.Session.query(LinkCheck)} == {"blocked_host"}
