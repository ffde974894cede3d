"""Who an update is mailed to, per kind of action: as SQL, so 100,000 recipients are one statement.

A source is (record kind, model, conditions): the records of one table that may be mailed. A
petition has two (its signatures, then its endorsing organizations' contacts); a letter two
(organizations' contacts, then individuals). All of them: confirmed, agreed to updates, not
erased, not opted out, not suppressed.

Who may be chosen by place: a petition's signers by state and congressional district (their
address), its endorsing organizations by state. A letter's sign-ons have no address: an
organization gives the state it is based in, an individual gives none, so a letter's update may
be sent to some states' organizations, and never by district.
"""
from dataclasses import dataclass

from sqlalchemy import exists, func, select, union_all

from campaign.base.extensions import db
from campaign.base.mail.models import Suppression
from campaign.core.consent.queries import opted_out
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import Decision, OrganizationSignOn
from campaign.core.signatures.models import Signature, SignatureState
from campaign.features.exports.queries import district_choices, district_condition, regions as petition_regions

KINDS = ("petition", "letter")


@dataclass
class Source:
    record_kind: str  # privacy.unsubscribe's kind of record: "s", "o", "i"
    model: type
    conditions: list


def _mailable(model):
    """Not opted out, not suppressed, an address still there."""
    return [
        model.email != "",
        ~opted_out(model.email_key),
        ~exists().where(Suppression.email_key == model.email_key, Suppression.lifted_at.is_(None)),
    ]


def sources(action_kind, action_id, regions=(), districts=()):
    """The Sources of an action's recipients: a petition's signers (in `regions`, US states, and
    `districts`, "NY-13", when given) and the contacts of its endorsing organizations (in
    `regions`; none when districts are chosen); a letter's organizations' contacts (in `regions`)
    and individuals (none when states are chosen)."""
    if action_kind == "petition":
        conditions = [Signature.petition_id == action_id, Signature.state == SignatureState.CONFIRMED,
                      Signature.has_consented.is_(True), Signature.erased_at.is_(None), *_mailable(Signature)]
        if regions:
            conditions.append(Signature.region.in_(list(regions)))
        if districts:
            conditions.append(district_condition(list(districts)))
            return [Source("s", Signature, conditions)]
        endorsers = _sign_ons(OrganizationSignOn, OrganizationSignOn.petition_id == action_id)
        if regions:
            endorsers.append(OrganizationSignOn.region.in_(list(regions)))
        return [Source("s", Signature, conditions), Source("o", OrganizationSignOn, endorsers)]
    if action_kind == "letter":
        organizations = _sign_ons(OrganizationSignOn, OrganizationSignOn.letter_id == action_id)
        if regions:  # individuals give no state: only the organizations based in those states
            return [Source("o", OrganizationSignOn, [*organizations, OrganizationSignOn.region.in_(list(regions))])]
        return [Source("o", OrganizationSignOn, organizations),
                Source("i", IndividualSignOn, _sign_ons(IndividualSignOn, IndividualSignOn.letter_id == action_id))]
    raise KeyError(action_kind)


def choices(action_kind, action_id):
    """(states, districts) an update of the action may be sent to: a petition's signers' states and
    districts; the states a letter's organizations are based in, and no districts."""
    if action_kind == "petition":
        return petition_regions(action_id), district_choices(action_id)
    return db.session.scalars(
        select(OrganizationSignOn.region).where(OrganizationSignOn.letter_id == action_id,
                                                OrganizationSignOn.region != "")
        .group_by(OrganizationSignOn.region).order_by(OrganizationSignOn.region)).all(), []


def _sign_ons(model, parent):
    """Confirmed sign-ons, not turned down, whose signer agreed to updates."""
    return [parent, model.confirmed_at.is_not(None), model.decision.in_([Decision.WAITING, Decision.APPROVED]),
            model.wants_updates.is_(True), *_mailable(model)]


def count(action_kind, action_id, regions=(), districts=()):
    """How many mailboxes the update would go to (each once, however often it signed)."""
    keys = union_all(*(select(source.model.email_key.label("email_key")).where(*source.conditions)
                       for source in sources(action_kind, action_id, regions, districts))).subquery()
    return db.session.scalar(select(func.count(func.distinct(keys.c.email_key))))
