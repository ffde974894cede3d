"""Read-side queries about sign-ons: the public list, the moderation queue, likely duplicates."""
from dataclasses import dataclass, field

from sqlalchemy import select

from campaign.base.extensions import db

from .models import SCOPE_ORDER, Decision, OrganizationSignOn, Scope

SCOPE_HEADINGS = {Scope.NATIONAL: "National organizations", Scope.STATE: "State organizations",
                  Scope.LOCAL: "Local organizations"}
# Sign-ons the queue still shows in its main part.
LIVE = {Decision.WAITING, Decision.APPROVED}


@dataclass
class PublicOrganizations:
    """Approved organizations: all of them counted, only those who consented listed."""

    count: int = 0
    groups: list = field(default_factory=list)  # [(heading or "", [OrganizationSignOn])]

    @property
    def listed(self):
        return [sign_on for _, sign_ons in self.groups for sign_on in sign_ons]


def _parent_filter(letter_id=None, petition_id=None):
    if letter_id is not None:
        return OrganizationSignOn.letter_id == letter_id
    return OrganizationSignOn.petition_id == petition_id


def public_organizations(letter_id=None, petition_id=None, by_scope=True):
    """The approved, confirmed organizations of a letter or petition, grouped and ordered."""
    sign_ons = db.session.scalars(
        select(OrganizationSignOn).where(
            _parent_filter(letter_id, petition_id),
            OrganizationSignOn.public_condition(),
        )
    ).all()
    listed = sorted((s for s in sign_ons if s.is_listed), key=lambda s: s.public_name.casefold())
    if by_scope:
        groups = [(SCOPE_HEADINGS[scope], [s for s in listed if s.scope is scope])
                  for scope in sorted(SCOPE_ORDER, key=SCOPE_ORDER.get)]
        groups = [(heading, members) for heading, members in groups if members]
    else:
        groups = [("", listed)] if listed else []
    return PublicOrganizations(count=len(sign_ons), groups=groups)


def queue(letter_id=None, petition_id=None):
    """Every organization sign-on of a letter or petition, newest first, for organizers."""
    return db.session.scalars(
        select(OrganizationSignOn)
        .where(_parent_filter(letter_id, petition_id))
        .order_by(OrganizationSignOn.created_at.desc(), OrganizationSignOn.id.desc())
    ).all()


def duplicates(sign_ons):
    """{sign-on id: [other live sign-ons with the same normalised name or website domain]}."""
    live = [s for s in sign_ons if s.decision in LIVE]
    found = {}
    for sign_on in live:
        others = [
            other for other in live
            if other.id != sign_on.id
            and (other.name_key == sign_on.name_key or (sign_on.domain and other.domain == sign_on.domain))
        ]
        if others:
            found[sign_on.id] = others
    return found
