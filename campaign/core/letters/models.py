"""Letters: their text, who may sign, states and transitions; and their individual signers."""
import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, synonym

from campaign.base.columns import enum_type
from campaign.base.extensions import db
from campaign.base.slugs import OldSlug, Renamable
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.multilingual import Multilingual
from campaign.core.organizations.models import Moderated, OrganizationSignOn
from campaign.core.publishing import ActionState, Publishable

# Letters share their states and transitions with petitions.
LetterState = ActionState


class Signers(enum.Enum):
    """Who may sign a letter."""

    ORGANIZATIONS = "organizations"
    INDIVIDUALS = "individuals"
    BOTH = "both"


class Ordering(enum.Enum):
    """How the public list of organizations is ordered."""

    BY_SCOPE = "by_scope"  # national, then state, then local; alphabetically within each
    ALPHABETICAL = "alphabetical"


class Letter(Renamable, Publishable, Multilingual, db.Model):
    __tablename__ = "letters"

    # Written per language (multilingual).
    TRANSLATED = ("title", "body_markdown", "body_html", "addressees", "affiliation_question")

    NOUN = "letter"
    CLOSING_NAME = "sign-on deadline"
    closes_at_field = "deadline_at"
    # A letter has no opening date, so it is never "scheduled".

    # One addressee per line.
    addressees: Mapped[str] = mapped_column(Text, default="")
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signers: Mapped[Signers] = mapped_column(enum_type(Signers), default=Signers.ORGANIZATIONS)
    ordering: Mapped[Ordering] = mapped_column(enum_type(Ordering), default=Ordering.BY_SCOPE)
    # Asked of individuals in the organizer's words, e.g. "Your role at the company". Empty: not asked.
    affiliation_question: Mapped[str] = mapped_column(String(200), default="")
    # Moderation on: a sign-on is public once confirmed and approved. Off: once confirmed.
    is_moderated: Mapped[bool] = mapped_column(default=True)

    old_slugs: Mapped[list["LetterSlug"]] = relationship(back_populates="action", cascade="all, delete-orphan")

    @property
    def addressee_lines(self):
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]

    @property
    def takes_organizations(self):
        return self.signers in {Signers.ORGANIZATIONS, Signers.BOTH}

    @property
    def takes_individuals(self):
        return self.signers in {Signers.INDIVIDUALS, Signers.BOTH}

    @property
    def dated(self):
        """The date the letter bears: when it closed, or today while it is open."""
        if self.public_state() == "closed":
            return self.closed_at or self.deadline_at or utcnow()
        return utcnow()


class LetterSlug(OldSlug, db.Model):
    """A slug the letter had before; requests for it redirect to the current one."""

    __tablename__ = "letter_slugs"

    ACTION = "Letter"


class IndividualSignOn(Moderated, db.Model):
    """A person signing a letter; named publicly only if they chose to be."""

    __tablename__ = "individual_sign_ons"
    __table_args__ = (UniqueConstraint("letter_id", "email_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # The answer to the letter's affiliation question.
    affiliation: Mapped[str] = mapped_column(String(200), default="")
    # False: counted, never listed (not in HTML, JSON, print or PDF).
    is_named: Mapped[bool] = mapped_column(default=False)
    # When the mailbox owner was last mailed about it (signing again is throttled, as for petitions).
    last_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    letter: Mapped[Letter] = relationship()
    # The action it belongs to, under the name every kind of sign-on has.
    parent = synonym("letter")

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"

    def __repr__(self):
        return f"<IndividualSignOn {self.id} letter={self.letter_id} {self.decision.value}>"


def model_of(kind):
    """The sign-on model for a kind named in a URL, or None."""
    return {"organization": OrganizationSignOn, "individual": IndividualSignOn}.get(kind)
