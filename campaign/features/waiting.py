"""What waits for an organizer's decision: confirmed sign-ons of letters and endorsements of
petitions, neither approved nor rejected yet, counted per letter and per petition for the menu,
the dashboard and the letters list."""
from collections import Counter
from dataclasses import dataclass, field

from flask import g
from sqlalchemy import func, select

from campaign.base.extensions import db
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import OrganizationSignOn


@dataclass
class Waiting:
    """Sign-ons waiting for moderation: {letter id: n} (organizations and individuals) and
    {petition id: n} (endorsements)."""

    letters: dict = field(default_factory=dict)
    petitions: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(self.letters.values()) + sum(self.petitions.values())


def waiting_for_moderation():
    """Every letter's and petition's sign-ons waiting for a decision, counted once a request (the
    page's view and the menu both ask)."""
    if "waiting_for_moderation" not in g:
        g.waiting_for_moderation = _count()
    return g.waiting_for_moderation


def _count():
    """Two grouped counts: organizations' sign-ons and endorsements, then individuals' sign-ons."""
    letters, petitions = Counter(), Counter()
    organizations = db.session.execute(
        select(OrganizationSignOn.letter_id, OrganizationSignOn.petition_id, func.count())
        .where(OrganizationSignOn.waiting_condition())
        .group_by(OrganizationSignOn.letter_id, OrganizationSignOn.petition_id)
    )
    for letter_id, petition_id, count in organizations:
        if letter_id is not None:
            letters[letter_id] += count
        else:
            petitions[petition_id] += count
    individuals = db.session.execute(
        select(IndividualSignOn.letter_id, func.count())
        .where(IndividualSignOn.waiting_condition())
        .group_by(IndividualSignOn.letter_id)
    )
    for letter_id, count in individuals:
        letters[letter_id] += count
    return Waiting(dict(letters), dict(petitions))
