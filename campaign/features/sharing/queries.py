"""The sharing funnel: visits, signatures and confirmed signatures per channel and per referral code."""
from dataclasses import dataclass

from sqlalchemy import case, func, literal, select

from campaign.base.extensions import db
from campaign.core.signatures.models import Signature, SignatureState

from .models import ShareVisit

# The referral codes the organizer's page lists, those that brought the most.
TOP_CODES = 50


@dataclass
class Step:
    """One line of the funnel: a channel or a referral code."""

    key: str
    visits: int = 0
    signatures: int = 0
    confirmed: int = 0


def brought(petition_id, code):
    """How many confirmed signers links carrying the referral `code` brought to the petition, as a
    scalar subquery (read with other figures in one round trip)."""
    if not code:
        return literal(0)
    return (
        select(func.count()).select_from(Signature)
        .where(Signature.petition_id == petition_id, Signature.referred_by == code,
               Signature.state == SignatureState.CONFIRMED)
        .scalar_subquery()
    )


def by_channel(petition_id):
    """[Step] per channel that brought a visit or a signature, busiest first."""
    return _funnel(petition_id, ShareVisit.channel, Signature.share_channel)


def by_code(petition_id, limit=TOP_CODES):
    """[Step] per referral code, those that brought the most confirmed signers first (at most `limit`)."""
    return _funnel(petition_id, ShareVisit.referral_code, Signature.referred_by)[:limit]


def _funnel(petition_id, visit_key, signature_key):
    steps = {}
    visits = db.session.execute(
        select(visit_key, func.sum(ShareVisit.count))
        .where(ShareVisit.petition_id == petition_id, visit_key != "").group_by(visit_key)
    )
    for key, count in visits:
        steps[key] = Step(key, visits=int(count))
    signatures = db.session.execute(
        select(signature_key, func.count(), func.sum(case((Signature.state == SignatureState.CONFIRMED, 1), else_=0)))
        .where(Signature.petition_id == petition_id, signature_key != "").group_by(signature_key)
    )
    for key, count, confirmed in signatures:
        step = steps.setdefault(key, Step(key))
        step.signatures, step.confirmed = count, int(confirmed or 0)
    return sorted(steps.values(), key=lambda s: (-s.confirmed, -s.signatures, -s.visits, s.key))
