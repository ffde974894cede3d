"""Where a webhook may send: no server-side request forgery.

Only `https` URLs whose host resolves to public addresses only (no private, loopback, link-local,
multicast, reserved or unspecified ones: the cloud's metadata service, the database, the admin
port of anything on the machine). Checked when the organizer registers the URL and again at every
send, on the address the POST then connects to (the connection is pinned to the checked address,
so a name that resolves to a public address when checked and a private one a moment later, DNS
rebinding, gets nowhere). WEBHOOKS_ALLOW_PRIVATE lifts both rules, for development and tests.
"""
import ipaddress
import socket
from urllib.parse import urlsplit

from flask_babel import gettext as _


class RefusedDestination(ValueError):
    """The URL is not one a webhook may send to; the message says why, in the page's language
    (the worker, outside a request, writes it into the log in English)."""


def check_url(url, allow_private=False):
    """(scheme, host, port, path with query) of a URL a webhook may take, or RefusedDestination."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedDestination(_("This is not a URL.")) from None
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in schemes:
        raise RefusedDestination(_("A webhook URL starts with https://."))
    if not parts.hostname:
        raise RefusedDestination(_("A webhook URL names a host."))
    if parts.username or parts.password:
        raise RefusedDestination(_("A webhook URL carries no user name or password: sign with the secret."))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def is_public(address):
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host, port, allow_private=False):
    """The address to connect to for `host`: the first it resolves to, once every address it
    resolves to is public (unless allow_private); RefusedDestination otherwise."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise RefusedDestination(_("%(host)s does not resolve.", host=host)) from None
    addresses = [info[4][0] for info in found]
    if not allow_private:
        private = [address for address in addresses if not is_public(address)]
        if private:
            raise RefusedDestination(_("%(host)s resolves to an address that is not public (%(address)s).",
                                               host=host, address=private[0]))
    return addresses[0]
