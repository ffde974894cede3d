"""Petitions: their text, settings, states and transitions."""
import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import enum_type
from ..extensions import db
from ..timeutil import UTCDateTime, utcnow


class PetitionState(enum.Enum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class FieldMode(enum.Enum):
    """How the sign form asks for an optional signer field."""

    OFF = "off"
    OPTIONAL = "optional"
    REQUIRED = "required"


# The signer fields an organizer can switch on; name and email are always asked.
SIGNER_FIELDS = ("postcode", "city", "country", "phone", "comment")


class WrongState(Exception):
    """A transition was asked of a petition in a state that does not allow it."""


class Petition(db.Model):
    __tablename__ = "petitions"

    # What the public sees, derived from the stored state and the dates.
    PUBLIC_STATES = {"open", "scheduled", "closed"}
    OPENABLE = {PetitionState.DRAFT, PetitionState.CLOSED}
    CLOSABLE = {PetitionState.OPEN}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500), default="")
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    # Rendered and sanitised once at save time, so no page view renders Markdown.
    body_html: Mapped[str] = mapped_column(Text, default="")
    target_text: Mapped[str] = mapped_column(String(300), default="")
    goal: Mapped[int] = mapped_column(Integer, default=1000)
    state: Mapped[PetitionState] = mapped_column(enum_type(PetitionState), default=PetitionState.DRAFT)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    postcode_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.REQUIRED)
    city_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OPTIONAL)
    country_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OFF)
    phone_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OFF)
    comment_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OPTIONAL)
    # Empty means the form asks no consent question.
    consent_question: Mapped[str] = mapped_column(String(500), default="")
    # Exempt from the retention period: signers' personal data is kept after closing.
    keep_personal_data: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    old_slugs: Mapped[list["PetitionSlug"]] = relationship(
        back_populates="petition", cascade="all, delete-orphan"
    )

    def field_mode(self, name):
        return getattr(self, f"{name}_field")

    def public_state(self, now=None):
        """'draft', 'scheduled', 'open' or 'closed', taking the open and close dates into account."""
        now = now or utcnow()
        if self.state is PetitionState.DRAFT:
            return "draft"
        if self.state is PetitionState.CLOSED:
            return "closed"
        if self.closes_at is not None and now >= self.closes_at:
            return "closed"
        if self.opens_at is not None and now < self.opens_at:
            return "scheduled"
        return "open"

    @property
    def is_signable(self):
        return self.public_state() == "open"

    @property
    def is_public(self):
        return self.public_state() in self.PUBLIC_STATES

    def open(self):
        """Publish the petition (or reopen a closed one)."""
        if self.state not in self.OPENABLE:
            raise WrongState(f"A {self.state.value} petition cannot be opened.")
        if self.closes_at is not None and self.closes_at <= utcnow():
            raise WrongState("The closing date has passed; move it before reopening.")
        self.state = PetitionState.OPEN
        self.opened_at = self.opened_at or utcnow()
        self.closed_at = None

    def close(self):
        """Stop taking signatures now."""
        if self.state not in self.CLOSABLE:
            raise WrongState(f"A {self.state.value} petition cannot be closed.")
        self.state = PetitionState.CLOSED
        self.closed_at = utcnow()

    def rename(self, new_slug):
        """Change the slug; the old one keeps redirecting."""
        if new_slug == self.slug:
            return
        self.old_slugs.append(PetitionSlug(slug=self.slug))
        for old in list(self.old_slugs):
            if old.slug == new_slug:
                self.old_slugs.remove(old)
        self.slug = new_slug

    def __repr__(self):
        return f"<Petition {self.id} {self.slug!r} {self.state.value}>"


class PetitionSlug(db.Model):
    """A slug the petition had before; requests for it redirect to the current one."""

    __tablename__ = "petition_slugs"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    petition: Mapped[Petition] = relationship(back_populates="old_slugs")
