"""Read-side queries about partner opt-in: the partners a petition's sign form offers."""
from typing import NamedTuple

from sqlalchemy import select

from campaign.base import caches
from campaign.base.extensions import db
from campaign.core.organizations.models import OrganizationSignOn


class Offer(NamedTuple):
    """A partner a sign form offers: its sign-on's id and the question asked about it."""

    id: int
    wording: str


def offers(petition_id):
    """The Offers of a petition's sign form, by name; this process's copy, at most
    PUBLIC_RENDER_CACHE_SECONDS old, so signing costs no query for them."""
    return caches.remembered(
        ("partner-offers", petition_id),
        lambda: tuple(Offer(partner.id, wording(partner)) for partner in offered(petition_id)),
    )


def offered(petition_id):
    """The approved endorsements of a petition that its sign form offers, by name."""
    partners = db.session.scalars(
        select(OrganizationSignOn).where(
            OrganizationSignOn.petition_id == petition_id,
            OrganizationSignOn.public_condition(),
            OrganizationSignOn.is_offered_to_signers.is_(True),
        )
    ).all()
    return sorted(partners, key=lambda partner: (partner.public_name.casefold(), partner.id))


def wording(partner):
    """The question a signer answers about `partner`, stored with each answer."""
    return f"Let {partner.public_name} contact me about this campaign"
