"""SSRF protection, checked when a delivery is sent, after DNS resolution: every address
the host resolves to must be public (not loopback, private, link-local, multicast,
reserved or unspecified) unless `WEBHOOKS_ALLOW_PRIVATE_ADDRESSES` is on. The connection
then goes to the address that was checked, so a second lookup cannot swap it."""

import ipaddress
import socket

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedError(Exception):
    """The address may not receive webhooks; the message says why."""


def _kind(address: IPAddress) -> str:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return _kind(address.ipv4_mapped)
    for kind in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return ""


def kind_of(address: str) -> str:
    """'a loopback address', 'an unspecified address'... for an IP that may not be called
    (unless the setting allows it), or ''."""
    if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        return ""
    kind = _kind(ipaddress.ip_address(address.split("%", 1)[0]))
    if not kind:
        return ""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} address"


def problem(address: str) -> str:
    """Why `address` (an IP) may not be called, or '' when it may."""
    kind = kind_of(address)
    return f"{address} is {kind}" if kind else ""


def literal_problem(host: str) -> str:
    """For a host written as an IP address: why it may not be called ('' for a name)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return ""
    return problem(host.strip("[]"))


def resolve(host: str, port: int) -> str:
    """The address to connect to; RefusedError when the name does not resolve or any of its
    addresses is not public."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise RefusedError(f"{host} does not resolve") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    for address in addresses:
        kind = kind_of(address)
        if kind and address == host.strip("[]"):
            raise RefusedError(f"Refused: {address} is {kind}")
        if kind:
            raise RefusedError(f"Refused: {host} resolves to {address}, {kind}")
    if not addresses:
        raise RefusedError(f"{host} does not resolve")
    return addresses[0]
