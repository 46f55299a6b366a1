"""Requests Cactus makes to addresses someone typed (webhooks, OPCO API): public Internet only.

An address typed by a CFA administrator, or by whoever holds their session, must not turn Cactus
into a way into its own network (SSRF): 127.0.0.1 (PostgreSQL, the task worker), the cloud's
metadata service (169.254.169.254), the LAN. The URL is checked when it is typed (a form error) and
again at each connection: the transport resolves the name once, refuses if any address is not
public, and connects to the address it checked, so a name that resolves elsewhere later (DNS
rebinding) gains nothing. ALLOW_PRIVATE_OUTBOUND_ADDRESSES (default: on with DEBUG) lets the demo's
sandbox OPCO and the tests' local receivers through. These requests ignore HTTP(S)_PROXY: an
egress proxy would be a private address itself.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

import httpcore
import httpx
from django.conf import settings

REFUSED = (
    "Cactus n'envoie des données qu'à une adresse publique d'Internet : « {host} » désigne le serveur "
    "lui-même ou un réseau interne."
)


class PrivateAddress(ValueError):
    """A French message naming the host that is not on the public Internet."""


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def public_addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, or PrivateAddress if one of them is not public."""
    if settings.ALLOW_PRIVATE_OUTBOUND_ADDRESSES:
        return [host]
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise PrivateAddress(f"L'adresse « {host} » est introuvable.") from error
    addresses = [info[4][0] for info in found]
    if not addresses or not all(_is_public(address) for address in addresses):
        raise PrivateAddress(REFUSED.format(host=host))
    return addresses


def check_public_url(url: str) -> None:
    """PrivateAddress if the URL's host is (or resolves to) anything but a public address."""
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise PrivateAddress(f"Le port de « {url} » n'est pas valable.") from error
    public_addresses(parts.hostname or "", port)


class _PublicNetwork(httpcore.SyncBackend):
    """Connects only to the public address it has just checked (TLS still checks the host's name)."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            address = public_addresses(host, port)[0]
        except PrivateAddress as error:
            raise httpcore.ConnectError(str(error)) from error
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


def public_transport() -> httpx.HTTPTransport:
    """An httpx transport that refuses, at each connection, any address but a public one."""
    transport = httpx.HTTPTransport()
    # httpx does not take a network backend; its pool (httpcore, pinned) does.
    transport._pool._network_backend = _PublicNetwork()
    return transport
