"""Kept counts of confirmed signatures, per petition and state, and per district, written without a hot row."""
import random
from collections import defaultdict

from sqlalchemy import bindparam, delete, func, insert, literal, select
from sqlalchemy.dialects import postgresql

from campaign.base import upserts
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow

from .models import DistrictTally, Signature, SignatureDistrict, SignatureState, SignatureTally

SHARDS = 16


def _shard():
    # B311 accepted: spreads writes over rows; nothing secret
    return random.randrange(SHARDS)  # nosec B311


def _upsert(model, keys, delta):
    """Add `delta` to a random shard of the `model` row with primary key `keys` (without the shard)."""
    now, table = utcnow(), model.__table__  # Core, not the ORM's bulk insert path
    statement = upserts.insert(table).values(**keys, shard=_shard(), count=delta, updated_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[*keys, "shard"],
        set_={"count": table.c.count + delta, "updated_at": now},
    )
    db.session.execute(statement)


def add(petition_id, region, delta=1):
    """Add `delta` to the tally of `petition_id` in `region` ('' when unknown), in the session."""
    _upsert(SignatureTally, {"petition_id": petition_id, "region": region or ""}, delta)


def add_districts(signature_id, delta=1):
    """Add `delta` to the district tallies of every district and state the signature belongs to:
    one INSERT … SELECT … ON CONFLICT for all its district rows (one shard for them all)."""
    db.session.execute(_districts_upsert(SignatureDistrict.signature_id == signature_id, delta,
                                         literal(_shard()), literal(utcnow(), UTCDateTime)))


def counting(confirmed, delta=1):
    """PostgreSQL: the INSERT … ON CONFLICT CTEs that add `delta` to the tallies (per region and per
    district) of the signatures in the CTE `confirmed` (id, petition_id, region), for a statement
    that changes their state and counts them at once (operations.confirm). Built once, it takes
    its shard and time as parameters: `counting_parameters()`."""
    table = SignatureTally.__table__
    shard, now = bindparam("tally_shard", type_=table.c.shard.type), bindparam("tally_now", type_=UTCDateTime)
    rows = select(confirmed.c.petition_id, func.coalesce(confirmed.c.region, ""), shard, literal(delta), now)
    by_region = postgresql.insert(table).from_select(["petition_id", "region", "shard", "count", "updated_at"], rows)
    by_region = by_region.on_conflict_do_update(
        index_elements=["petition_id", "region", "shard"], set_={"count": table.c.count + delta, "updated_at": now})
    by_district = _districts_upsert(SignatureDistrict.signature_id.in_(select(confirmed.c.id)), delta, shard, now)
    return by_region.cte("counted_by_region"), by_district.cte("counted_by_district")


def counting_parameters(now):
    """The parameters of a statement built with `counting()`: a random shard, and `now`."""
    return {"tally_shard": _shard(), "tally_now": now}


def _districts_upsert(which, delta, shard, now):
    """INSERT … SELECT … ON CONFLICT adding `delta` to the district tallies of the district rows
    `which`, in tally `shard` at time `now` (each a value expression)."""
    keys = ["petition_id", "state", "district", "is_possible"]
    rows = (
        select(SignatureDistrict.petition_id, SignatureDistrict.state, SignatureDistrict.district,
               SignatureDistrict.is_possible, shard, literal(delta), now)
        .where(which)
    )
    table = DistrictTally.__table__
    statement = upserts.insert(table).from_select([*keys, "shard", "count", "updated_at"], rows)
    return statement.on_conflict_do_update(
        index_elements=[*keys, "shard"],
        set_={"count": table.c.count + delta, "updated_at": now},
    )


def rebuild_districts():
    """Recount every district tally from the signatures' district rows, in one statement."""
    db.session.execute(delete(DistrictTally))
    counted = (
        select(SignatureDistrict.petition_id, SignatureDistrict.state, SignatureDistrict.district,
               SignatureDistrict.is_possible, literal(0), func.count(), func.max(Signature.confirmed_at))
        .join(Signature, Signature.id == SignatureDistrict.signature_id)
        .where(Signature.state == SignatureState.CONFIRMED)
        .group_by(SignatureDistrict.petition_id, SignatureDistrict.state, SignatureDistrict.district,
                  SignatureDistrict.is_possible)
    )
    db.session.execute(
        insert(DistrictTally).from_select(
            ["petition_id", "state", "district", "is_possible", "shard", "count", "updated_at"], counted
        )
    )


def by_district(petition_id):
    """{(state, district, is_possible): count} of a petition's confirmed signers (district STATEWIDE for states)."""
    rows = db.session.execute(
        select(DistrictTally.state, DistrictTally.district, DistrictTally.is_possible, func.sum(DistrictTally.count))
        .where(DistrictTally.petition_id == petition_id)
        .group_by(DistrictTally.state, DistrictTally.district, DistrictTally.is_possible)
    ).all()
    counts = defaultdict(int)
    for state, district, is_possible, count in rows:
        counts[(state, district, is_possible)] += int(count or 0)
    return dict(counts)


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
        rows = db.session.execute(
            select(SignatureDistrict.petition_id, SignatureDistrict.state, SignatureDistrict.district,
                   SignatureDistrict.is_possible, func.count())
            .where(SignatureDistrict.signature_id.in_(chunk))
            .group_by(SignatureDistrict.petition_id, SignatureDistrict.state, SignatureDistrict.district,
                      SignatureDistrict.is_possible)
        ).all()
        for petition_id, state, district, is_possible, n in rows:
            keys = {"petition_id": petition_id, "state": state, "district": district, "is_possible": is_possible}
            _upsert(DistrictTally, keys, delta * n)


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


def total(petition_id):
    """A petition's confirmed count as a scalar subquery (read with other figures in one round trip)."""
    return (
        select(func.coalesce(func.sum(SignatureTally.count), 0))
        .where(SignatureTally.petition_id == petition_id)
        .scalar_subquery()
    )


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


def district_counts(petition_id, state, district):
    """(confirmed, possible) constituent signers of one district (STATEWIDE: of one state)."""
    rows = db.session.execute(
        select(DistrictTally.is_possible, func.sum(DistrictTally.count))
        .where(DistrictTally.petition_id == petition_id, DistrictTally.state == state,
               DistrictTally.district == district)
        .group_by(DistrictTally.is_possible)
    ).all()
    counts = {is_possible: int(count or 0) for is_possible, count in rows}
    return counts.get(False, 0), counts.get(True, 0)
