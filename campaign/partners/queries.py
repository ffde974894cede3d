"""Read-side queries about partner opt-in: the partners a petition's sign form offers."""
from sqlalchemy import select

from ..extensions import db
from ..organizations.models import OrganizationSignOn


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
