"""Issue 18 item 2: no outgoing request reaches an address of files.blocked_networks — decided on
the resolved, normalised address (``[::ffff:0.0.0.0]``, ``[::]``, NAT64, 6to4 …), connected to
exactly the checked address (DNS rebinding), TLS still checked against the host name — in the
preview, the scan, the link check and every harvester (JSON-LD remote contexts included).

test.ini blocks everything of the default but `loopback` (the tests' servers listen on 127.0.0.1);
``[::ffff:0.0.0.0]:port`` reaches those servers all the same unless the unspecified rule holds."""
from __future__ import annotations

import ipaddress
import json
import pathlib
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import sqlalchemy as sa

import ckan.plugins.toolkit as tk

from ckanext.harbin_opendata.assessment import linkcheck
from ckanext.harbin_opendata.common.addresses import Blocklist
from ckanext.harbin_opendata.common.downloads import FileError, open_url
from ckanext.harbin_opendata.tests.privacy.jobs import run_scans

from ..factories import mark_published
from ..harvest.conftest import harbin, server  # noqa: F401 - fixtures
from ..harvest import samples
from ..harvest.test_dcat import _catalog
from ..http_server import Route, SourceServer
from ..review.conftest import people  # noqa: F401 - fixture
from ..web import logged_in_client

KEY = "ckanext.harbin_opendata.files.blocked_networks"
DEFAULT = Blocklist.parse("loopback unspecified link-local multicast reserved".split())
TABLE = "编号,名称\r\n1,内部数据甲\r\n".encode()
# Forms of the portal host itself that reach a server listening on 127.0.0.1.
HOST_FORMS = ["[::ffff:0.0.0.0]", "0.0.0.0", "0"]


@pytest.mark.parametrize("text", [
    "::ffff:0.0.0.0", "::", "0.0.0.0", "0.1.2.3", "::ffff:127.0.0.1", "127.0.0.1", "::1", "::127.0.0.1",
    "2002:7f00:1::", "64:ff9b::7f00:1", "64:ff9b:1::a9fe:a9fe", "2001:0:4136:e378:8000:63bf:80ff:fffe",
    "169.254.169.254", "fe80::1", "fec0::1", "224.0.0.1", "ff02::1", "240.0.0.1", "255.255.255.255"])
def test_default_blocks_the_host_itself_and_every_form_of_it(text):
    assert DEFAULT.blocks(ipaddress.ip_address(text)), text


@pytest.mark.parametrize("text", ["10.1.2.3", "192.168.1.10", "172.16.0.9", "8.8.8.8", "::ffff:8.8.8.8",
                                  "2400:da00::6666", "fd00::1"])
def test_default_allows_intranet_and_internet(text):
    assert not DEFAULT.blocks(ipaddress.ip_address(text)), text


def test_the_option_reads_properties_and_ranges():
    rule = Blocklist.parse(["private", "10.0.0.0/8", "Link_Local"])
    assert rule.properties == {"private", "link-local"}
    assert rule.blocks(ipaddress.ip_address("::ffff:10.1.1.1")) and rule.blocks(ipaddress.ip_address("192.168.1.1"))
    with pytest.raises(ValueError, match="neither an address property"):
        Blocklist.parse(["intranet"])


@pytest.mark.parametrize("host", HOST_FORMS)
def test_the_downloader_refuses_unspecified_forms_with_the_test_option(host):
    with SourceServer() as target:
        target.add("/solr/select", b"secret")
        port = target.url.rsplit(":", 1)[1]
        with pytest.raises(FileError) as refused:
            open_url(f"http://{host}:{port}/solr/select", 2)
        assert refused.value.code == "blocked_host" and target.requests == []
        with open_url(f"http://127.0.0.1:{port}/solr/select", 2) as allowed:  # the same server is reachable
            assert allowed.content == b"secret"


def test_the_default_option_refuses_the_portal_host(ckan_config, monkeypatch):
    monkeypatch.setitem(ckan_config, KEY, "loopback unspecified link-local multicast reserved".split())
    with SourceServer() as target:
        target.add("/x", b"x")
        with pytest.raises(FileError, match="blocked_host"):
            open_url(target.url + "/x", 2)
        assert target.requests == []


def test_the_connection_goes_to_the_checked_address(monkeypatch):
    """DNS rebinding: the name answers 127.0.0.1 when checked, a blocked address afterwards."""
    real, asked = socket.getaddrinfo, []

    def rebinding(host, *args, **kwargs):
        if host != "rebind.example":
            return real(host, *args, **kwargs)
        asked.append(host)
        address = "127.0.0.1" if len(asked) == 1 else "169.254.169.254"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with SourceServer() as target:
        target.add("/data.csv", TABLE)
        port = target.url.rsplit(":", 1)[1]
        with open_url(f"http://rebind.example:{port}/data.csv", 2) as response:
            assert response.content == TABLE
        assert asked == ["rebind.example"] and target.requests == ["/data.csv"]


class _TLSServer:
    """An HTTPS server on 127.0.0.1 with a certificate for `name`; records the SNI it was sent."""

    def __init__(self, tmp_path: pathlib.Path, name: str) -> None:
        key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key),
                        "-out", str(cert)], check=True, capture_output=True)
        self.cert, self.sni = str(cert), []
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.sni_callback = lambda sock, server_name, ctx: self.sni.append(server_name)

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def test_tls_keeps_sni_and_checks_the_host_name(tmp_path, monkeypatch):
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real(
        "127.0.0.1" if host.endswith(".example") else host, *a, **k))
    tls = _TLSServer(tmp_path, "tls.example")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", tls.cert)
    try:
        with open_url(f"https://tls.example:{tls.port}/", 5) as response:
            assert response.content == b"ok"
        assert tls.sni == ["tls.example"]
        with pytest.raises(FileError) as wrong_name:  # same address, another name: the certificate does not fit
            open_url(f"https://other.example:{tls.port}/", 5)
        assert isinstance(wrong_name.value.cause, requests.exceptions.SSLError)
    finally:
        tls.httpd.shutdown()


@pytest.mark.usefixtures("with_request_context")
def test_preview_scan_and_link_check_do_not_reach_the_host(app, people):
    mark_published(people.entry)  # published first: the link check asks the published entries' files
    with SourceServer() as target:
        target.add("/solr/ckan/select", TABLE)
        port = target.url.rsplit(":", 1)[1]
        url = f"http://[::ffff:0.0.0.0]:{port}/solr/ckan/select?q=*:*&wt=csv"
        resource = tk.get_action("resource_create")({"user": people.editor}, {
            "package_id": people.entry["id"], "url": url, "format": "CSV", "name": "链接的表"})
        [scan] = run_scans(people.entry["id"])
        address = f"/dataset/{people.entry['name']}/resource/{resource['id']}"
        pages = [client.get(address).get_data(as_text=True) for client in (app, logged_in_client(app, people.editor))]
        checked = linkcheck.check_links()
        assert target.requests == []
    assert not any("内部数据甲" in page for page in pages)  # neither the public nor the agency sees Solr's rows
    assert "无法预览：平台不从该地址获取文件。" in pages[1]
    assert scan.state == "failed" and scan.error.startswith("blocked_host")
    assert checked == {"checked": 1, "ok": 0, "broken": 1}


def _saved_before_the_check(source: dict, url: str) -> None:
    """A source whose address was saved before addresses were checked at saving (or edited in the
    database): the harvesters' own guard must still hold."""
    import ckan.model as model

    model.Session.execute(sa.text("UPDATE harvest_source SET url = :url WHERE id = :id"), {"url": url, "id": source["id"]})
    model.Session.commit()


def test_harvesters_do_not_reach_the_host(harbin, server):  # noqa: F811
    port = server.url.rsplit(":", 1)[1]
    server.add("/catalog.json", json.dumps({"data": {"list": [{"zymc": "内部"}]}}).encode())
    blocked = {"harbin_json_api": f"http://[::ffff:0.0.0.0]:{port}/catalog.json",
               "harbin_spreadsheet": f"http://0.0.0.0:{port}/catalog.csv",
               "harbin_dcat": f"http://[::ffff:0.0.0.0]:{port}/catalog.ttl", "harbin_ckan": f"http://[::]:{port}/"}
    for source_type, url in blocked.items():  # refused when saved, with the reason
        with pytest.raises(tk.ValidationError) as refused:
            harbin.source(source_type.replace("_", "-"), url, source_type)
        assert "平台不从其抓取数据" in refused.value.error_dict["url"][0], refused.value.error_dict
    config = {"harbin_json_api": json.dumps({"list_path": "data.list", "fields": {"title": "zymc"}})}
    for source_type, url in blocked.items():  # and not reached when run
        source = harbin.source(source_type.replace("_", "-"), f"{server.url}/allowed-{source_type}", source_type,
                               config.get(source_type, ""))
        _saved_before_the_check(source, url)
        summary = harbin.run(source["id"])
        assert summary["counts"] == {}, (source["name"], summary)
        assert summary["gather_errors"], source["name"]
        if source_type == "harbin_json_api":
            assert "平台不从其获取" in summary["gather_errors"][0]
    assert server.requests == []


def test_a_dcat_source_is_never_a_local_file(harbin, server, tmp_path):  # noqa: F811
    local = tmp_path / "catalog.ttl"
    local.write_text("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n")
    with pytest.raises(tk.ValidationError) as refused:
        harbin.source("local", str(local), "harbin_dcat")
    assert "http://" in refused.value.error_dict["url"][0]
    source = harbin.source("local", server.url + "/catalog.ttl", "harbin_dcat")
    _saved_before_the_check(source, str(local))
    summary = harbin.run(source["id"])
    assert summary["counts"] == {} and "http(s)" in summary["gather_errors"][0]


def test_json_ld_remote_contexts_only_through_the_downloader(harbin, server):  # noqa: F811
    graph = json.loads(_catalog(harbin, samples.ROWS, "json-ld"))  # expanded: full IRIs, no context
    port = server.url.rsplit(":", 1)[1]
    server.add("/context.jsonld", json.dumps({"@context": {"dcat": "http://www.w3.org/ns/dcat#"}}).encode())
    for name, context in (("blocked", f"http://[::ffff:0.0.0.0]:{port}/context.jsonld"),
                          ("allowed", server.url + "/context.jsonld")):
        server.routes[f"/{name}.jsonld"] = Route(json.dumps({"@context": context, "@graph": graph}).encode(),
                                                 content_type="application/ld+json")
    blocked = harbin.run(harbin.source("blocked", server.url + "/blocked.jsonld", "harbin_dcat", json.dumps(
        {"rdf_format": "json-ld", "jsonld_contexts": [f"http://[::ffff:0.0.0.0]:{port}/context.jsonld"]}))["id"])
    assert blocked["counts"] == {} and "/context.jsonld" not in server.requests
    assert "平台不从其获取" in " ".join(blocked["gather_errors"])
    allowed = harbin.run(harbin.source("allowed", server.url + "/allowed.jsonld", "harbin_dcat", json.dumps(
        {"rdf_format": "json-ld", "jsonld_contexts": [server.url + "/context.jsonld"]}))["id"])
    assert allowed["counts"] == {"created": 4}, allowed
    assert "/context.jsonld" in server.requests
