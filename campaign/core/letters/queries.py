"""Read-side queries about letters: by slug, the home list, and the public list of signatories."""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from campaign.base import slugs
from campaign.base.extensions import db
from campaign.base.plurals import counted
from campaign.core.organizations import queries as organization_queries

from .models import IndividualSignOn, Letter, LetterSlug, LetterState, Ordering


def by_slug(slug):
    """(letter, None) for a current slug, (letter, current slug) for an old one, or (None, None)."""
    return slugs.by_slug(Letter, LetterSlug, slug)


def slug_taken(slug, letter_id=None):
    """Whether `slug` is, or was, another letter's slug."""
    return slugs.slug_taken(Letter, LetterSlug, slug, letter_id)


def listed():
    """Letters open for sign-ons, newest first, for the home page."""
    letters = db.session.scalars(
        select(Letter).where(Letter.state == LetterState.OPEN).order_by(Letter.opened_at.desc(), Letter.id.desc())
    )
    return [letter for letter in letters if letter.is_signable]


@dataclass
class Signatories:
    """What the public may see of a letter's signers: counts, and the names that may be shown.

    Every public form of the letter (page, JSON, print, PDF) is made from this, so an unnamed
    individual or an unlisted organization is counted but can never be listed.
    """

    organization_count: int
    individual_count: int
    organization_groups: list  # [(heading, [OrganizationSignOn])]
    named_individuals: list  # [IndividualSignOn]

    @property
    def count_line(self):
        """"Signed by 3 organizations and 12 individuals", in the language being used."""
        organizations = counted(self.organization_count, "%(num)s organization", "%(num)s organizations")
        individuals = counted(self.individual_count, "%(num)s individual", "%(num)s individuals")
        if self.organization_count and self.individual_count:
            return _("Signed by %(organizations)s and %(individuals)s", organizations=organizations,
                     individuals=individuals)
        if self.organization_count or self.individual_count:
            return _("Signed by %(who)s", who=organizations if self.organization_count else individuals)
        return _("No signatories yet")


def signatories(letter):
    """The approved, confirmed signatories of `letter`, in the organizer's order."""
    organizations = organization_queries.public_organizations(
        letter_id=letter.id, by_scope=letter.ordering is Ordering.BY_SCOPE
    )
    individuals = public_individuals(letter.id)
    named = sorted((i for i in individuals if i.is_named),
                   key=lambda i: (i.last_name.casefold(), i.first_name.casefold()))
    return Signatories(organizations.count, len(individuals), organizations.groups, named)


def public_individuals(letter_id):
    return db.session.scalars(
        select(IndividualSignOn).where(
            IndividualSignOn.letter_id == letter_id,
            IndividualSignOn.public_condition(),
        )
    ).all()


def individual_queue(letter_id):
    """Every individual sign-on of a letter, newest first, for organizers."""
    return db.session.scalars(
        select(IndividualSignOn).where(IndividualSignOn.letter_id == letter_id)
        .order_by(IndividualSignOn.created_at.desc(), IndividualSignOn.id.desc())
    ).all()
