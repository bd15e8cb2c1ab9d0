"""A `requests` session that connects only to allowed addresses, and only to the address it checked.

Every request (and every redirect, which requests sends through the same `send`) resolves the host
once, refuses it when any of its addresses is blocked (common/addresses.py), and connects to that
very address: the connection is pinned, so a DNS answer that changes between the check and the
connect (DNS rebinding) changes nothing. TLS keeps the host name for SNI and certificate checking.
Proxies from the environment are not used: a proxy would resolve the name again."""
from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .addresses import Blocklist, configured_blocklist, resolve

__all__ = ["BlockedAddress", "GuardedSession"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


class BlockedAddress(requests.ConnectionError):
    """The host is (or resolves to) an address the portal does not connect to."""

    def __init__(self, host: str) -> None:
        super().__init__(f"blocked address: {host}")
        self.host = host


class _Pinned:
    """A connection whose socket goes to `pinned_address`; `host` stays the name (Host, SNI, certificate)."""
    pinned_address = ""

    def _new_conn(self) -> Any:
        name, self._dns_host = self._dns_host, self.pinned_address  # type: ignore[attr-defined]
        try:
            return super()._new_conn()  # type: ignore[misc]
        finally:
            self._dns_host = name


class _PinnedHTTPConnection(_Pinned, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_Pinned, HTTPSConnection):
    pass


class _PinnedPoolManager(PoolManager):
    """Pools for one host only, whose connections go to the checked address."""

    def __init__(self, host: str, address: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._host, self._address = host, address

    def _new_pool(self, scheme: str, host: str, port: int, request_context: Optional[dict[str, Any]] = None) -> Any:
        if host != self._host:  # never reached through GuardedSession; refuse rather than connect unchecked
            raise BlockedAddress(host)
        pool = super()._new_pool(scheme, host, port, request_context)
        base = _PinnedHTTPSConnection if isinstance(pool, HTTPSConnectionPool) else _PinnedHTTPConnection
        assert isinstance(pool, HTTPConnectionPool)
        pool.ConnectionCls = type(base.__name__, (base,), {"pinned_address": self._address})
        return pool


class _PinnedAdapter(HTTPAdapter):
    def __init__(self, host: str, address: str) -> None:
        self._host, self._address = host, address
        super().__init__(max_retries=0)

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        self.poolmanager = _PinnedPoolManager(self._host, self._address, num_pools=connections, maxsize=maxsize,
                                              block=block, **pool_kwargs)


class GuardedSession(requests.Session):
    """requests.Session whose every connection is checked against `blocklist` (the configured one
    by default) and pinned to the checked address; http and https only; at most 5 redirects."""

    def __init__(self, blocklist: Optional[Blocklist] = None) -> None:
        super().__init__()
        self.blocklist = configured_blocklist() if blocklist is None else blocklist
        self.max_redirects = 5
        self._pinned: list[_PinnedAdapter] = []

    def get_adapter(self, url: str) -> HTTPAdapter:
        parts = urlsplit(url)
        scheme, host = parts.scheme.lower(), parts.hostname or ""
        if scheme not in _DEFAULT_PORTS or not host:
            raise requests.exceptions.InvalidURL(f"not an http(s) address: {url[:200]}")
        try:
            port = parts.port or _DEFAULT_PORTS[scheme]
            address = resolve(host, port, self.blocklist)
        except PermissionError:
            raise BlockedAddress(host) from None
        except (LookupError, ValueError) as error:
            raise requests.exceptions.ConnectionError(f"cannot resolve {host}") from error
        adapter = _PinnedAdapter(host, address)
        self._pinned.append(adapter)
        return adapter

    def merge_environment_settings(self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any) -> dict[str, Any]:
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        settings["proxies"] = {}  # a proxy would connect to whatever the name means to it
        return settings

    def close(self) -> None:
        super().close()
        for adapter in self._pinned:
            adapter.close()
        self._pinned.clear()
