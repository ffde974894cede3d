"""The actions updates and answers belong to: petitions and letters, by (kind, id)."""
from flask import url_for

from campaign.base.extensions import db
from campaign.core.letters.models import Letter
from campaign.core.petitions.models import Petition

MODELS = {"petition": Petition, "letter": Letter}
PUBLIC_PAGES = {"petition": "petitions.show", "letter": "letters.show"}
ORGANIZER_PAGES = {"petition": ("organize.petition", "petition_id"), "letter": ("organize_letters.letter", "letter_id")}


def load(kind, action_id):
    """The petition or letter; None when there is none."""
    model = MODELS.get(kind)
    return db.session.get(model, action_id) if model is not None else None


def public_url(kind, action):
    return url_for(PUBLIC_PAGES[kind], slug=action.slug, _external=True)


def organizer_url(kind, action_id):
    endpoint, argument = ORGANIZER_PAGES[kind]
    return url_for(endpoint, **{argument: action_id})
