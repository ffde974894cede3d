"""Blocklists read at sign time from a per-process cache, never from a table scan per request."""
import ipaddress
import threading
import time
from dataclasses import dataclass

from disposable_email_domains import blocklist as DISPOSABLE_DOMAINS
from flask import current_app
from sqlalchemy import select

from campaign.base.extensions import db

from .models import BlockKind, BlocklistEntry


class InvalidEntry(ValueError):
    """Not a domain or not an address or range; the message says why, for the organizer."""


@dataclass(frozen=True)
class Snapshot:
    domains: frozenset
    addresses: frozenset  # single addresses, as ipaddress objects
    networks: tuple  # ranges, as ipaddress networks
    loaded_at: float


_lock = threading.Lock()
_snapshot = None


def forget():
    """Drop this process's copy (after an edit); other processes reload within the cache time."""
    global _snapshot
    with _lock:
        _snapshot = None


def _load():
    rows = db.session.execute(select(BlocklistEntry.kind, BlocklistEntry.value)).all()
    domains, addresses, networks = set(), set(), []
    for kind, value in rows:
        if kind is BlockKind.EMAIL_DOMAIN:
            domains.add(value)
        else:
            network = ipaddress.ip_network(value)
            if network.num_addresses == 1:
                addresses.add(network.network_address)
            else:
                networks.append(network)
    return Snapshot(frozenset(domains), frozenset(addresses), tuple(networks), time.monotonic())


def snapshot():
    global _snapshot
    current = _snapshot
    max_age = current_app.config["BLOCKLIST_CACHE_SECONDS"]
    if current is None or time.monotonic() - current.loaded_at > max_age:
        current = _load()
        with _lock:
            _snapshot = current
    return current


def _domains_of(domain):
    """example.org for a.b.example.org and its parents: a blocked domain blocks its subdomains."""
    parts = domain.split(".")
    return {".".join(parts[i:]) for i in range(len(parts) - 1)}


def reasons(email, ip_address):
    """The rules an address and client address trip: a subset of
    {"blocked_domain", "disposable_domain", "blocked_address"}."""
    found = []
    lists = snapshot()
    domains = _domains_of(email.rpartition("@")[2].lower())
    if domains & lists.domains:
        found.append("blocked_domain")
    if current_app.config["BLOCK_DISPOSABLE_DOMAINS"] and domains & DISPOSABLE_DOMAINS:
        found.append("disposable_domain")
    try:
        address = ipaddress.ip_address(ip_address or "")
    except ValueError:
        address = None
    if address is not None and (
        address in lists.addresses or any(address in network for network in lists.networks)
    ):
        found.append("blocked_address")
    return found


def normal_domain(text):
    """A domain as stored: lower case, no '@' or dots around it; InvalidEntry when it is not one."""
    domain = text.strip().lower().lstrip("@").strip(".")
    labels = domain.split(".")
    if len(labels) < 2 or any(not label or len(label) > 63 for label in labels) or len(domain) > 253:
        raise InvalidEntry("Enter a domain such as example.org.")
    if not all(part.replace("-", "").isalnum() and part.isascii() for part in labels):
        raise InvalidEntry("A domain has letters, digits, hyphens and dots only (use the xn-- form).")
    return domain


def normal_network(text):
    """An address or CIDR range in ipaddress's normal form; InvalidEntry when it is neither."""
    try:
        return str(ipaddress.ip_network(text.strip(), strict=False))
    except ValueError:
        raise InvalidEntry("Enter an IP address such as 203.0.113.7, or a range such as 203.0.113.0/24.") from None
