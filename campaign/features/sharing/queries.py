"""The sharing funnel: visits, signatures and confirmed signatures per channel and per referral code,
for a petition (its signatures) or a letter (its sign-ons, organizations' and individuals')."""
from dataclasses import dataclass

from sqlalchemy import case, func, literal, select

from campaign.base.extensions import db
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import Decision, OrganizationSignOn
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


def _signers(kind, action_id):
    """[(model, conditions of the action's signers, condition of a confirmed one)]: a petition's
    signatures; a letter's sign-ons, confirmed by their signer and neither flagged nor turned down."""
    if kind == "petition":
        return [(Signature, [Signature.petition_id == action_id], Signature.state == SignatureState.CONFIRMED)]
    return [(model, [model.letter_id == action_id],
             model.confirmed_at.is_not(None) & (model.flag_reasons == "")
             & model.decision.in_([Decision.WAITING, Decision.APPROVED]))
            for model in (OrganizationSignOn, IndividualSignOn)]


def brought(kind, action_id, code):
    """How many confirmed signers links carrying the referral `code` brought to the action, as an
    SQL expression (a scalar subquery; a letter's, the sum of two), read with other figures in one
    round trip."""
    if not code:
        return literal(0)
    first, *others = (select(func.count()).select_from(model)
                      .where(*conditions, model.referred_by == code, confirmed).scalar_subquery()
                      for model, conditions, confirmed in _signers(kind, action_id))
    return sum(others, first)


def by_channel(kind, action_id):
    """[Step] per channel that brought a visit or a signature, busiest first."""
    return _funnel(kind, action_id, "channel", "share_channel")


def by_code(kind, action_id, limit=TOP_CODES):
    """[Step] per referral code, those that brought the most confirmed signers first (at most `limit`)."""
    return _funnel(kind, action_id, "referral_code", "referred_by")[:limit]


def _funnel(kind, action_id, visit_column, signer_column):
    steps = {}
    visit_key = getattr(ShareVisit, visit_column)
    visits = db.session.execute(
        select(visit_key, func.sum(ShareVisit.count))
        .where(ShareVisit.action_kind == kind, ShareVisit.action_id == action_id, visit_key != "")
        .group_by(visit_key)
    )
    for key, count in visits:
        steps[key] = Step(key, visits=int(count))
    for model, conditions, confirmed in _signers(kind, action_id):
        signer_key = getattr(model, signer_column)
        signers = db.session.execute(
            select(signer_key, func.count(), func.sum(case((confirmed, 1), else_=0)))
            .where(*conditions, signer_key != "").group_by(signer_key)
        )
        for key, count, confirmed_count in signers:
            step = steps.setdefault(key, Step(key))
            step.signatures += count
            step.confirmed += int(confirmed_count or 0)
    return sorted(steps.values(), key=lambda s: (-s.confirmed, -s.signatures, -s.visits, s.key))
