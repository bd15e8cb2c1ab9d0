"""Which network addresses the portal may fetch from: the rule of
`ckanext.harbin_opendata.files.blocked_networks`, decided on resolved, normalised addresses.

The option lists address properties (`loopback`, `unspecified`, `link-local`, `multicast`,
`reserved`, `private`) and/or CIDR ranges. `loopback` is the portal host itself: 127/8, ::1 and
every address of its own network interfaces (its LAN address reaches its Solr and Redis too). An IPv6 address that carries an IPv4 address
(IPv4-mapped ``::ffff:a.b.c.d``, IPv4-compatible ``::a.b.c.d``, NAT64 ``64:ff9b::/96`` and
``64:ff9b:1::/48``, 6to4 ``2002::/16``, Teredo ``2001::/32``) is judged by that IPv4 address:
``[::ffff:0.0.0.0]`` is the portal host itself, exactly like ``0.0.0.0``."""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Iterable, Optional, Union

import ckan.plugins.toolkit as tk

from .own_addresses import own_addresses

__all__ = ["Blocklist", "PROPERTIES", "configured_blocklist", "embedded_ipv4", "resolve"]

Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]

_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # "this host on this network": a connection reaches the portal
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")  # deprecated, still routed inside some intranets
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_COMPATIBLE = ipaddress.ip_network("::/96")


def _unspecified(address: Address) -> bool:
    return address.is_unspecified or (address.version == 4 and address in _THIS_NETWORK)


def _link_local(address: Address) -> bool:
    return address.is_link_local or (address.version == 6 and address in _SITE_LOCAL)


def _this_host(address: Address) -> bool:
    """Loopback, or any address of the portal host's own interfaces (common/own_addresses.py)."""
    return address.is_loopback or address in own_addresses()


PROPERTIES = {
    "loopback": _this_host,
    "unspecified": _unspecified,
    "link-local": _link_local,
    "multicast": lambda a: a.is_multicast,
    # IPv6's reserved ::/8 holds ::1 and ::, which have their own words
    "reserved": lambda a: a.is_reserved and not (a.is_loopback or a.is_unspecified),
    "private": lambda a: a.is_private and not (a.is_loopback or _unspecified(a) or _link_local(a)),
}


def embedded_ipv4(address: Address) -> Optional[ipaddress.IPv4Address]:
    """The IPv4 address an IPv6 address stands for (mapped, compatible, NAT64, 6to4, Teredo client)."""
    if address.version == 4:
        return None
    assert isinstance(address, ipaddress.IPv6Address)
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address.teredo:
        return address.teredo[1]
    if any(address in network for network in _NAT64) or (address in _COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True)
class Blocklist:
    """Address properties and ranges the portal never connects to."""
    properties: frozenset[str] = frozenset()
    networks: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, items: Iterable[str]) -> "Blocklist":
        """From the option's words; ValueError names a word that is neither a property nor a range."""
        properties, networks = set(), []
        for item in items:
            word = item.strip().lower().replace("_", "-")
            if word in PROPERTIES:
                properties.add(word)
            elif word:
                try:
                    networks.append(ipaddress.ip_network(word, strict=False))
                except ValueError:
                    raise ValueError(f"ckanext.harbin_opendata.files.blocked_networks: {item!r} is neither an "
                                     f"address property ({', '.join(PROPERTIES)}) nor a CIDR range") from None
        return cls(frozenset(properties), tuple(networks))

    def _matches(self, address: Address, with_properties: bool = True) -> bool:
        if any(address.version == net.version and address in net for net in self.networks):
            return True
        return with_properties and any(PROPERTIES[name](address) for name in self.properties)

    def blocks(self, address: Address) -> bool:
        """Whether the address (zone id removed) or the IPv4 address it carries is blocked. An
        IPv6 form carrying IPv4 is judged by the IPv4 address's properties, and by ranges in both forms."""
        inner = embedded_ipv4(address)
        if inner is None:
            return self._matches(address)
        return self._matches(inner) or self._matches(address, with_properties=False)

    def __bool__(self) -> bool:
        return bool(self.properties or self.networks)


def configured_blocklist() -> Blocklist:
    """The rule of `ckanext.harbin_opendata.files.blocked_networks`."""
    return Blocklist.parse(tk.config["ckanext.harbin_opendata.files.blocked_networks"])


def resolve(host: str, port: int, blocklist: Blocklist) -> str:
    """The address to connect to for `host` (resolved once; the caller connects to exactly this
    address). LookupError when the name does not resolve; PermissionError when any of its
    addresses is blocked (a name with one blocked address among others is refused as a whole)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise LookupError(host) from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise LookupError(host)
    if any(blocklist.blocks(ipaddress.ip_address(address.split("%")[0])) for address in addresses):
        raise PermissionError(host)
    return addresses[0]
