"""Which signatures a bulk invalidation matches, and the trending view of the last hour."""
import ipaddress
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.signatures.models import Signature, SignatureState

from .models import Invalidation


def _like_pattern(glob):
    """A case-insensitive LIKE pattern for a name pattern where * matches anything."""
    escaped = glob.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


@dataclass
class Criteria:
    """What an organizer asks to remove; empty criteria match everything."""

    ip_range: str = ""  # an address or CIDR range, normal form
    email_domain: str = ""  # lower case; its subdomains match too
    name_pattern: str = ""  # "first last", * for anything, case ignored
    signed_from: datetime | None = None
    signed_until: datetime | None = None
    source: str = ""
    state: str = ""  # pending, confirmed or flagged; empty for all three

    def as_columns(self):
        return {name: getattr(self, name) for name in Invalidation.CRITERIA}

    def is_empty(self):
        return not any(self.as_columns().values())

    def conditions(self, petition_id):
        """SQL conditions for everything but the IP range."""
        states = [SignatureState(self.state)] if self.state else list(Signature.INVALIDATABLE)
        where = [Signature.petition_id == petition_id, Signature.state.in_(states)]
        if self.email_domain:
            domain = self.email_domain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append(func.lower(Signature.email_key).like(f"%@{domain}", escape="\\")
                         | func.lower(Signature.email_key).like(f"%@%.{domain}", escape="\\"))
        if self.name_pattern:
            full_name = func.lower(Signature.first_name + " " + Signature.last_name)
            where.append(full_name.like(_like_pattern(self.name_pattern), escape="\\"))
        if self.signed_from:
            where.append(Signature.created_at >= self.signed_from)
        if self.signed_until:
            where.append(Signature.created_at < self.signed_until)
        if self.source:
            where.append(Signature.source == self.source)
        return where


def matching_ids(petition_id, criteria):
    """The ids of the signatures `criteria` match, oldest first.

    The database selects on everything but the IP range; the range is checked here with the
    ipaddress module (the same on SQLite and PostgreSQL).
    """
    query = select(Signature.id, Signature.ip_address).where(*criteria.conditions(petition_id)).order_by(Signature.id)
    if not criteria.ip_range:
        return [id_ for id_, _ in db.session.execute(query)]
    network = ipaddress.ip_network(criteria.ip_range)
    if network.num_addresses == 1:
        return [id_ for id_, _ in db.session.execute(query.where(Signature.ip_address == str(network.network_address)))]
    return [id_ for id_, address in db.session.execute(query) if _in(address, network)]


def _in(address, network):
    try:
        return ipaddress.ip_address(address or "") in network
    except ValueError:
        return False


def preview(petition_id, criteria, sample_size=10):
    """(how many match, {state: how many}, a sample of the newest matches)."""
    ids = matching_ids(petition_id, criteria)
    by_state = Counter()
    sample = []
    if ids:
        newest = ids[-sample_size:]
        sample = list(db.session.scalars(
            select(Signature).where(Signature.id.in_(newest)).order_by(Signature.id.desc())))
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            for state, n in db.session.execute(
                select(Signature.state, func.count()).where(Signature.id.in_(chunk)).group_by(Signature.state)
            ):
                by_state[state] += n
    return len(ids), dict(by_state), sample


def invalidations(petition_id):
    """A petition's invalidations, newest first."""
    return list(db.session.scalars(
        select(Invalidation).where(Invalidation.petition_id == petition_id).order_by(Invalidation.id.desc())
    ))


@dataclass
class Trend:
    key: str  # an IP address or an email domain
    count: int


def trending(petition_id, ip_threshold, domain_threshold, window=timedelta(hours=1)):
    """([Trend by IP], [Trend by email domain]) of the confirmed signatures of the last hour,
    those at or above their threshold, most first."""
    since = utcnow() - window
    rows = db.session.execute(
        select(Signature.ip_address, Signature.email_key).where(
            Signature.petition_id == petition_id,
            Signature.state == SignatureState.CONFIRMED,
            Signature.confirmed_at >= since,
        )
    ).all()
    by_ip = Counter(address for address, _ in rows if address)
    by_domain = Counter(key.rpartition("@")[2] for _, key in rows)
    return _above(by_ip, ip_threshold), _above(by_domain, domain_threshold)


def _above(counter, threshold):
    return [Trend(key, n) for key, n in counter.most_common() if n >= threshold]
