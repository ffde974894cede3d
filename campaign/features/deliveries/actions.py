"""What a delivery can deliver: a registry of kinds of action (petitions here; letters plug in
from letter_action, imported by the app factory).

An action kind provides, for one action id:
- `title(action_id)`: its title; None when the action does not exist;
- `language(action_id)`: its default language, the organizer's, in which deliveries are written;
- `results(action_id)`: Results (total, endorsing organizations, counts per state, the public page
  and what makes a signature count, said in the language being rendered), from kept counts;
- `constituents(action_id, target)`: (confirmed, possible) constituent signers of a member of
  Congress (district for a representative, state for a senator), from kept counts;
- `signers(action_id, target)`: rows for the target's CSV (SIGNER_COLUMNS), email only with consent;
- `attachments(action_id, target)`: further files [(filename, content type, bytes)], e.g. a letter's PDF;
- `without_district(action_id)`: confirmed signers whose ZIP code put them in no congressional district.
"""
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import null, select

from campaign.base.extensions import db
from campaign.core.geo.districts import STATEWIDE
from campaign.core.organizations.queries import public_organizations
from campaign.core.petitions.models import Petition
from campaign.core.signatures import queries as signature_queries, tallies
from campaign.core.signatures.models import Signature, SignatureDistrict, SignatureState
from campaign.core.targets.models import TargetKind

SIGNER_COLUMNS = ("name", "city", "zip", "state", "constituent", "email")

_KINDS = {}


@dataclass
class Results:
    title: str
    total: int
    by_state: dict = field(default_factory=dict)
    organizations: list = field(default_factory=list)
    page: tuple = ()  # (endpoint, slug) of the action's public page
    counted: str = ""  # what makes a signature count, said to the target

    @property
    def url(self):
        """The public page's absolute address (built when a message is rendered, in a request)."""
        endpoint, slug = self.page
        return url_for(endpoint, slug=slug, _external=True)


def register(kind, action):
    """Make `action` (an object with the methods above) deliverable as `kind`."""
    _KINDS[kind] = action


def get(kind):
    """The action of `kind`; KeyError when nothing registered it."""
    return _KINDS[kind]


def choices():
    return sorted(_KINDS)


def district_of(target):
    """The (state, district) whose constituents a member of Congress represents; None for others."""
    if target.kind is TargetKind.SENATOR:
        return target.state, STATEWIDE
    if target.kind is TargetKind.REPRESENTATIVE:
        return target.state, target.district
    return None


class ActionKind:
    """What every kind reads off its model (`model`): an action's title and language."""

    model = None

    def title(self, action_id):
        action = db.session.get(self.model, action_id)
        return action.title if action else None

    def language(self, action_id):
        action = db.session.get(self.model, action_id)
        return action.language if action else None


class PetitionAction(ActionKind):
    """A petition: signatures confirmed by email, and the organizations that endorse it."""

    model = Petition

    def results(self, action_id):
        petition = db.session.get(Petition, action_id)
        regions, total, _districts = tallies.by_region(action_id)
        endorsers = public_organizations(petition_id=action_id).listed
        return Results(title=petition.title, total=total, by_state=regions,
                       organizations=[sign_on.public_name for sign_on in endorsers],
                       page=("petitions.show", petition.slug),
                       counted=_("Only confirmed signatures count: each signer confirmed by answering an email "
                                 "sent to the address they gave, so each address counts once."))

    def constituents(self, action_id, target):
        seat = district_of(target)
        return tallies.district_counts(action_id, *seat) if seat else (0, 0)

    def signers(self, action_id, target):
        seat = district_of(target)
        columns = (Signature.first_name, Signature.last_name, Signature.city, Signature.postcode, Signature.region,
                   Signature.email, Signature.shares_email)
        if seat is None:
            query = select(*columns, null()).where(Signature.petition_id == action_id)
        else:
            query = (
                select(*columns, SignatureDistrict.is_possible)
                .join(SignatureDistrict, SignatureDistrict.signature_id == Signature.id)
                .where(SignatureDistrict.petition_id == action_id, SignatureDistrict.state == seat[0],
                       SignatureDistrict.district == seat[1])
            )
        query = query.where(Signature.state == SignatureState.CONFIRMED).order_by(Signature.id)
        for first, last, city, postcode, region, email, shares_email, is_possible in db.session.execute(
                query.execution_options(yield_per=2000)):
            constituent = "" if seat is None else ("possible" if is_possible else "confirmed")
            yield (f"{first} {last}", city, postcode, region, constituent, email if shares_email else "")

    def attachments(self, action_id, target):
        return []

    def without_district(self, action_id):
        return signature_queries.confirmed_without_district(action_id)


register("petition", PetitionAction())
