"""The portal host's own interface addresses are the host itself (outside probe, 2026-12-03: the
address rule refused 127.0.0.1 but fetched links to this host's LAN addresses 192.0.2.2 and
[fd00::2]). `loopback` in files.blocked_networks covers them; test.ini leaves `loopback` out, so the
tests' servers stay reachable."""
from __future__ import annotations

import ipaddress
import json
import subprocess

import pytest

from ckanext.harbin_opendata.common.addresses import Blocklist
from ckanext.harbin_opendata.common.downloads import FileError, open_url

from ..http_server import SourceServer

KEY = "ckanext.harbin_opendata.files.blocked_networks"
DEFAULT = "loopback unspecified link-local multicast reserved".split()


def _interface_addresses() -> list[str]:
    """This host's addresses other than loopback and link-local, as `ip` lists them."""
    try:
        listed = json.loads(subprocess.run(["ip", "-j", "addr"], capture_output=True, text=True, check=True).stdout)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return []
    found = [info["local"] for interface in listed for info in interface.get("addr_info", [])]
    return [text for text in found if not (ipaddress.ip_address(text).is_loopback or ipaddress.ip_address(text).is_link_local)]


OWN = _interface_addresses()
needs_an_interface = pytest.mark.skipif(not OWN, reason="this machine has no address besides loopback")


@needs_an_interface
@pytest.mark.parametrize("text", OWN)
def test_loopback_covers_every_address_of_the_host(text):
    address = ipaddress.ip_address(text)
    assert Blocklist.parse(["loopback"]).blocks(address)
    if address.version == 4:  # and its IPv6 forms
        assert Blocklist.parse(["loopback"]).blocks(ipaddress.ip_address(f"::ffff:{text}"))


OWN_IPV4 = [text for text in OWN if ":" not in text]  # the tests' server speaks IPv4


@pytest.mark.skipif(not OWN_IPV4, reason="this machine has no IPv4 address besides loopback")
@pytest.mark.parametrize("text", OWN_IPV4)
def test_the_downloader_refuses_the_hosts_own_address(text, ckan_config, monkeypatch):
    with SourceServer(host=text) as target:
        target.add("/solr/select", b"secret")
        url = target.url + "/solr/select"
        with open_url(url, 2) as allowed:  # test.ini leaves out loopback: the tests' servers answer
            assert allowed.content == b"secret"
        monkeypatch.setitem(ckan_config, KEY, DEFAULT)
        before = len(target.requests)
        with pytest.raises(FileError) as refused:
            open_url(url, 2)
        assert refused.value.code == "blocked_host" and len(target.requests) == before
