"""The addresses of the portal's own host: every address of its network interfaces, not only
127.0.0.1 and ::1. A link to http://192.0.2.2:8765/ (this host's LAN address) reached the host's
own services as a link to 127.0.0.1 would (outside probe, 2026-12-03); the address rule's
`loopback` word (common/addresses.py) covers them. Read from the kernel's tables (Linux: local
IPv4 addresses in /proc/net/fib_trie, IPv6 in /proc/net/if_inet6) and the host name's addresses,
again at most every few seconds (an interface may come up after the portal started)."""
from __future__ import annotations

import ipaddress
import re
import socket
import time
from typing import Union

__all__ = ["own_addresses"]

Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]

_KEEP_SECONDS = 10.0
_LOCAL_IPV4 = re.compile(r"\|-- (\d+\.\d+\.\d+\.\d+)\n\s+/32 host LOCAL")
_known: tuple[float, frozenset[Address]] = (0.0, frozenset())


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as file:
            return file.read()
    except OSError:
        return ""


def _from_kernel() -> set[Address]:
    found: set[Address] = {ipaddress.ip_address(address) for address in _LOCAL_IPV4.findall(_read("/proc/net/fib_trie"))}
    for line in _read("/proc/net/if_inet6").splitlines():
        digits = line.split()[0] if line.split() else ""
        if len(digits) == 32:
            found.add(ipaddress.IPv6Address(int(digits, 16)))
    return found


def _from_host_name() -> set[Address]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return set()
    return {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}


def own_addresses() -> frozenset[Address]:
    """This host's addresses (cached a few seconds)."""
    global _known
    read_at, addresses = _known
    if time.monotonic() - read_at > _KEEP_SECONDS:
        addresses = frozenset(_from_kernel() | _from_host_name())
        _known = (time.monotonic(), addresses)
    return addresses
