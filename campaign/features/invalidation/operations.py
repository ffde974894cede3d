"""Organizers' remedies: releasing flagged signatures, bulk invalidation and its
undo (blocklist edits: abuse.operations). They flush, never commit; tallies move in the same
transaction as the states."""
import logging

from sqlalchemy import case, literal, select, update

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.signatures import tallies
from campaign.core.signatures.models import Signature, SignatureState

from .models import Invalidation

log = logging.getLogger(__name__)


class NotUndoable(Exception):
    """The invalidation was undone already."""


def release(signature_ids):
    """Flagged signatures are let in: confirmed ones are counted, unconfirmed ones wait as pending.
    Returns how many were released."""
    released = _move(
        [Signature.id.in_(list(signature_ids)), Signature.state == SignatureState.FLAGGED],
        {"state": _confirmed_or_pending(), "flag_reasons": ""},
        Signature.state,
        1,
    )
    db.session.expire_all()
    return released


def _move(where, values, counted_by, delta):
    """One UPDATE of the signatures `where` says; the tallies take `delta` for each changed row
    whose `counted_by` (returned after the update: the old state, or the new) is counted."""
    rows = db.session.execute(
        update(Signature)
        .where(*where)
        .values(**values)
        .returning(Signature.id, counted_by)
        .execution_options(synchronize_session=False)
    ).all()
    tallies.add_signatures([id_ for id_, state in rows if state in Signature.COUNTED], delta)
    return len(rows)


def _confirmed_or_pending():
    kind = Signature.state.type
    return case(
        (Signature.confirmed_at.is_not(None), literal(SignatureState.CONFIRMED, kind)),
        else_=literal(SignatureState.PENDING, kind),
    )


def start_invalidation(petition, criteria, organizer, reason=""):
    """Record an invalidation of `petition`'s signatures matching `criteria` (queries.Criteria)."""
    invalidation = Invalidation(petition_id=petition.id, created_by_id=organizer.id, reason=reason or "",
                                **criteria.as_columns())
    db.session.add(invalidation)
    db.session.flush()
    return invalidation


def invalidate_batch(invalidation, signature_ids):
    """Invalidate these signatures (those still in an invalidatable state) with one UPDATE,
    remembering each one's state for the undo, and take the counted ones off the tallies."""
    changed = _move(
        [Signature.id.in_(signature_ids), Signature.state.in_(Signature.INVALIDATABLE)],
        {"state": SignatureState.INVALIDATED, "invalidated_from": Signature.state, "invalidation_id": invalidation.id},
        Signature.invalidated_from,
        -1,
    )
    invalidation.count += changed
    db.session.flush()
    return changed


def undo_batch(invalidation, batch_size):
    """Restore up to `batch_size` of the invalidation's signatures to the state each had (or to
    confirmed, when its signer confirmed it meanwhile). Returns how many; 0 when none are left."""
    ids = db.session.scalars(
        select(Signature.id)
        .where(Signature.invalidation_id == invalidation.id, Signature.state == SignatureState.INVALIDATED)
        .order_by(Signature.id)
        .limit(batch_size)
    ).all()
    if not ids:
        return 0
    restored = _move(
        [Signature.id.in_(ids), Signature.state == SignatureState.INVALIDATED],
        {"state": Signature.invalidated_from, "invalidated_from": None, "invalidation_id": None},
        Signature.state,
        1,
    )
    db.session.flush()
    return restored


def mark_undone(invalidation, organizer):
    """Mark the invalidation undone (once); NotUndoable when it was already. Undoing twice at
    once is harmless: each signature is restored by whichever UPDATE gets its row first."""
    done = db.session.execute(
        update(Invalidation)
        .where(Invalidation.id == invalidation.id, Invalidation.undone_at.is_(None))
        .values(undone_at=utcnow(), undone_by_id=organizer.id)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        raise NotUndoable()
    db.session.expire(invalidation)
