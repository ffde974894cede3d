"""Read-side queries about petitions for public pages and organizers."""
from sqlalchemy import select

from campaign.base import slugs
from campaign.base.extensions import db

from .models import Petition, PetitionSlug, PetitionState


def by_slug(slug):
    """(petition, None) for a current slug, (petition, current slug) for an old one, or (None, None)."""
    return slugs.by_slug(Petition, PetitionSlug, slug)


def listed():
    """Open and scheduled-to-close petitions for the home page, newest first."""
    petitions = db.session.scalars(
        select(Petition).where(Petition.state == PetitionState.OPEN)
        .order_by(Petition.opened_at.desc(), Petition.id.desc())
    )
    return [petition for petition in petitions if petition.public_state() == "open"]


def slug_taken(slug, petition_id=None):
    """Whether `slug` is, or was, another petition's slug."""
    return slugs.slug_taken(Petition, PetitionSlug, slug, petition_id)
