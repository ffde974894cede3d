"""Petitions: their text, settings, states and transitions."""
import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.columns import enum_type
from campaign.base.extensions import db
from campaign.base.slugs import OldSlug, Renamable
from campaign.base.timeutil import UTCDateTime
from campaign.core.consent.models import ConsentWording
from campaign.core.multilingual import Multilingual
from campaign.core.publishing import ActionState, Publishable

# Petitions share their states and transitions with letters.
PetitionState = ActionState


class FieldMode(enum.Enum):
    """How the sign form asks for an optional signer field."""

    OFF = "off"
    OPTIONAL = "optional"
    REQUIRED = "required"


# The signer fields an organizer can switch on; name and email are always asked.
SIGNER_FIELDS = ("postcode", "city", "country", "phone", "comment")


class Petition(Renamable, Publishable, Multilingual, db.Model):
    __tablename__ = "petitions"

    # Written per language (multilingual); a question's wording id goes with its wording.
    TRANSLATED = ("title", "summary", "body_markdown", "body_html", "target_text", "consent_question",
                  "share_email_question", "consent_wording_id", "share_email_wording_id")

    NOUN = "petition"
    CLOSING_NAME = "closing date"
    opens_at_field = "opens_at"
    closes_at_field = "closes_at"

    summary: Mapped[str] = mapped_column(String(500), default="")
    target_text: Mapped[str] = mapped_column(String(300), default="")
    goal: Mapped[int] = mapped_column(Integer, default=1000)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    postcode_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.REQUIRED)
    city_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OPTIONAL)
    country_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OFF)
    phone_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OFF)
    comment_field: Mapped[FieldMode] = mapped_column(enum_type(FieldMode), default=FieldMode.OPTIONAL)
    # Empty means the form asks no consent question.
    consent_question: Mapped[str] = mapped_column(String(500), default="")
    # Asked with a box left unticked; only signers who tick it have their email sent to targets.
    share_email_question: Mapped[str] = mapped_column(String(500), default="")
    # The immutable wording rows of the two questions, so signing needs no look-up.
    consent_wording_id: Mapped[int | None] = mapped_column(ForeignKey("consent_wordings.id"))
    share_email_wording_id: Mapped[int | None] = mapped_column(ForeignKey("consent_wordings.id"))

    old_slugs: Mapped[list["PetitionSlug"]] = relationship(
        back_populates="action", cascade="all, delete-orphan"
    )

    def field_mode(self, name):
        return getattr(self, f"{name}_field")

    def record_questions(self):
        """Point at the wording rows of the current questions (made when new); call after editing them."""
        self.consent_wording_id = ConsentWording.id_for(self.consent_question)
        self.share_email_wording_id = ConsentWording.id_for(self.share_email_question)
        self.translations = {
            language: {**text, "consent_wording_id": ConsentWording.id_for(text.get("consent_question")),
                       "share_email_wording_id": ConsentWording.id_for(text.get("share_email_question"))}
            for language, text in (self.translations or {}).items()
        }

    def lacks_wording_ids(self):
        """Whether this petition was saved before its questions' wording ids were kept."""
        return bool((self.consent_question and not self.consent_wording_id) or
                    (self.share_email_question and not self.share_email_wording_id))

    def wording_ids(self):
        """(consent wording id, share-email wording id) of the questions asked now."""
        if self.lacks_wording_ids():
            self.record_questions()
        return self.consent_wording_id, self.share_email_wording_id


class PetitionSlug(OldSlug, db.Model):
    """A slug the petition had before; requests for it redirect to the current one."""

    __tablename__ = "petition_slugs"

    ACTION = "Petition"
