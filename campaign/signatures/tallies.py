"""Kept counts of confirmed signatures, per petition and state, written without a hot row."""
import random

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..timeutil import utcnow
from .models import Signature, SignatureTally

SHARDS = 16


def add(petition_id, region, delta=1):
    """Add `delta` to the tally of `petition_id` in `region` ('' when unknown), in the session."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    now = utcnow()
    # B311 accepted: spreads writes over rows; nothing secret
    shard = random.randrange(SHARDS)  # nosec B311
    statement = insert(SignatureTally).values(
        petition_id=petition_id, region=region or "", shard=shard, count=delta, updated_at=now
    )
    statement = statement.on_conflict_do_update(
        index_elements=["petition_id", "region", "shard"],
        set_={"count": SignatureTally.count + delta, "updated_at": now},
    )
    db.session.execute(statement)


def add_signatures(signature_ids, delta):
    """Add `delta` (1 or -1) for each of these signatures to every tally it counts in.

    The one place where a set of signatures enters or leaves the counts (bulk invalidation, its
    undo, releasing flagged signatures): a new kind of tally is kept right by extending this.
    Call it in the transaction that changes their state, while their rows are locked.
    """
    for chunk in _chunks(list(signature_ids), 500):
        rows = db.session.execute(
            select(Signature.petition_id, Signature.region, func.count())
            .where(Signature.id.in_(chunk))
            .group_by(Signature.petition_id, Signature.region)
        ).all()
        for petition_id, region, n in rows:
            add(petition_id, region, delta * n)


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def by_region(petition_id):
    """({region: count}, total, last update) of a petition's confirmed signatures."""
    rows = db.session.execute(
        select(SignatureTally.region, func.sum(SignatureTally.count), func.max(SignatureTally.updated_at))
        .where(SignatureTally.petition_id == petition_id)
        .group_by(SignatureTally.region)
    ).all()
    regions = {region: int(count) for region, count, _ in rows if count}
    updated_at = max((at for _, _, at in rows if at is not None), default=None)
    return regions, sum(regions.values()), updated_at


def totals(petition_ids):
    """{petition id: confirmed count} for several petitions in one query."""
    if not petition_ids:
        return {}
    rows = db.session.execute(
        select(SignatureTally.petition_id, func.sum(SignatureTally.count))
        .where(SignatureTally.petition_id.in_(petition_ids))
        .group_by(SignatureTally.petition_id)
    ).all()
    counts = {petition_id: int(count or 0) for petition_id, count in rows}
    return {petition_id: counts.get(petition_id, 0) for petition_id in petition_ids}
