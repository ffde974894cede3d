"""Sign-ons and their moderation: organizations signing a letter or endorsing a petition."""
import enum
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, false
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from campaign.base import i18n
from campaign.base.columns import enum_type
from campaign.base.extensions import db
from campaign.base.i18n import N_
from campaign.base.states import WrongState
from campaign.base.timeutil import UTCDateTime, utcnow


class Scope(enum.Enum):
    """Where an organization works; the public list is grouped in this order."""

    NATIONAL = "national"
    STATE = "state"
    LOCAL = "local"


SCOPE_ORDER = {Scope.NATIONAL: 0, Scope.STATE: 1, Scope.LOCAL: 2}


class Decision(enum.Enum):
    """The organizer's word on a sign-on."""

    WAITING = "waiting"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


# Why a sign-on cannot be decided on again, by its decision: whole sentences, translated when said.
DECIDED_ALREADY = {
    Decision.WAITING: N_("This sign-on waits for a decision."),
    Decision.APPROVED: N_("This sign-on is approved already."),
    Decision.REJECTED: N_("This sign-on is rejected already."),
    Decision.WITHDRAWN: N_("This sign-on is withdrawn already."),
    Decision.MERGED: N_("This sign-on is merged already."),
}


class Moderated:
    """Columns and transitions shared by every kind of sign-on.

    A sign-on is public only when it is both confirmed (its signer answered the email) and
    approved (an organizer said yes).
    """

    DECIDABLE = {Decision.WAITING}
    WITHDRAWABLE = {Decision.WAITING, Decision.APPROVED}
    # Decisions that keep a sign-on out for good: signing again changes nothing.
    SETTLED_AGAINST = {Decision.REJECTED, Decision.WITHDRAWN}

    decision: Mapped[Decision] = mapped_column(enum_type(Decision), default=Decision.WAITING)
    # The mailbox of the person who confirms (the contact, for an organization).
    email: Mapped[str] = mapped_column(String(254))
    email_key: Mapped[str] = mapped_column(String(254))
    # How the name is shown publicly; the organizer may edit it. Empty means the name as typed.
    display_name: Mapped[str] = mapped_column(String(200), default="")
    ip_address: Mapped[str | None] = mapped_column(String(45))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Any change to the row (the API's modified_date; `filter=modified_date gt ...` syncs by it).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, index=True)
    # Why it tripped a rule at the door, comma-separated (see abuse.door.REASONS); empty for
    # an ordinary sign-on. A flagged sign-on is never public nor approved on its own; an
    # organizer who approves it lets it in.
    flag_reasons: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # Agreed to get the action's updates by mail (updates.audiences mails those who did). The
    # database's default only: an INSERT that does not name it works on a schema without it.
    wants_updates: Mapped[bool] = mapped_column(server_default=false())
    # The language the signer signed in: every later mail to them is in it (multilingual).
    language: Mapped[str] = mapped_column(String(8), default=i18n.DEFAULT, server_default=i18n.DEFAULT)
    # A letter's sign-on, as a petition's signature (signatures.referrals): its own referral code,
    # random, carried by the links its signer shares; the channel and the referral code of the link
    # that brought it ('' for none). Filled for letters' sign-ons only.
    share_code: Mapped[str | None] = mapped_column(String(16))
    share_channel: Mapped[str] = mapped_column(String(20), default="", server_default="")
    referred_by: Mapped[str] = mapped_column(String(16), default="", server_default="")

    @declared_attr
    def decided_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))

    @property
    def public_name(self):
        """The name shown publicly: the organizer's `display_name`, or the `name` as typed."""
        return self.display_name or self.name

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def is_flagged(self):
        return bool(self.flag_reasons)

    @property
    def is_public(self):
        """Counted publicly: confirmed, approved and not flagged."""
        return self.is_confirmed and self.decision is Decision.APPROVED and not self.is_flagged

    @classmethod
    def public_condition(cls):
        """The SQL twin of `is_public`, for the public lists and counts."""
        return (cls.decision == Decision.APPROVED) & cls.confirmed_at.is_not(None) & (cls.flag_reasons == "")

    @classmethod
    def waiting_condition(cls):
        """Confirmed by its signer and not yet decided: it waits for an organizer (the queue's Approve)."""
        return (cls.decision == Decision.WAITING) & cls.confirmed_at.is_not(None)

    def confirm(self):
        """Record the signer's confirmation; False when it was confirmed already."""
        if self.confirmed_at is not None:
            return False
        self.confirmed_at = utcnow()
        return True

    def _decide(self, decision, allowed, organizer):
        if self.decision not in allowed:
            raise WrongState(_(DECIDED_ALREADY[self.decision]))
        self.decision = decision
        self.decided_at = utcnow()
        self.decided_by_id = organizer.id if organizer is not None else None

    def approve(self, organizer=None):
        if not self.is_confirmed:
            raise WrongState(_("This sign-on cannot be approved until its signer confirms by email."))
        self._decide(Decision.APPROVED, self.DECIDABLE, organizer)
        self.flag_reasons = ""  # an organizer looked at it and let it in

    def reject(self, organizer=None):
        self._decide(Decision.REJECTED, self.DECIDABLE, organizer)

    def withdraw(self, organizer=None):
        self._decide(Decision.WITHDRAWN, self.WITHDRAWABLE, organizer)

    def mark_merged(self, organizer=None):
        self._decide(Decision.MERGED, self.WITHDRAWABLE, organizer)


class OrganizationSignOn(Moderated, db.Model):
    """An organization signing a letter, or endorsing a petition: exactly one of the two."""

    __tablename__ = "organization_sign_ons"
    __table_args__ = (
        CheckConstraint("(letter_id IS NULL) <> (petition_id IS NULL)", name="one_parent"),
        Index("ix_organization_sign_ons_letter_id_decision", "letter_id", "decision"),
        Index("ix_organization_sign_ons_petition_id_decision", "petition_id", "decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
    petition_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    # The name and the website's domain, normalised, to find the same organization signing twice.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    scope: Mapped[Scope] = mapped_column(enum_type(Scope), default=Scope.NATIONAL)
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    domain: Mapped[str] = mapped_column(String(253), default="")
    # A re-encoded image under LOGO_DIR, by a random name; empty when none was given.
    logo: Mapped[str] = mapped_column(String(64), default="")
    contact_name: Mapped[str] = mapped_column(String(200))
    contact_title: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    # Consent to be named publicly; without it the organization is counted but not listed.
    is_listed: Mapped[bool] = mapped_column(default=False)
    # An endorsement only: the petition's sign form asks signers "Let <name> contact me".
    is_offered_to_signers: Mapped[bool] = mapped_column(default=False, server_default=false())
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("organization_sign_ons.id", ondelete="SET NULL"))

    letter = relationship("Letter")
    petition = relationship("Petition")

    @property
    def place(self):
        return ", ".join(part for part in (self.city, self.region) if part)

    @property
    def parent(self):
        return self.letter or self.petition

    def __repr__(self):
        return f"<OrganizationSignOn {self.id} {self.name!r} {self.decision.value}>"
