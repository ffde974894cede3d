"""Signatures of petitions, and the kept tallies of confirmed ones."""
import enum
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import BigId, enum_type
from ..consent.models import ConsentWording
from ..extensions import db
from ..petitions.models import Petition
from ..timeutil import UTCDateTime, utcnow

class SignatureState(enum.Enum):
    PENDING = "pending"
    CONFIRMED = "confirmed"


class Signature(db.Model):
    __tablename__ = "signatures"
    __table_args__ = (
        # One signature per person per petition, whatever the concurrency.
        UniqueConstraint("petition_id", "email_key"),
        Index("ix_signatures_petition_id_state_created_at", "petition_id", "state", "created_at"),
        Index("ix_signatures_petition_id_confirmed_at", "petition_id", "confirmed_at"),
        {"sqlite_autoincrement": True},  # an erased signature's id is never given to another
    )

    COUNTED = {SignatureState.CONFIRMED}

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"))
    state: Mapped[SignatureState] = mapped_column(enum_type(SignatureState), default=SignatureState.PENDING)
    # The address as typed (domain normalised), and the key that identifies the mailbox.
    email: Mapped[str] = mapped_column(String(254))
    email_key: Mapped[str] = mapped_column(String(254))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    # US state (or territory) code, from the ZIP code; empty when unknown.
    region: Mapped[str] = mapped_column(String(2), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    is_public: Mapped[bool] = mapped_column(default=False)
    has_consented: Mapped[bool] = mapped_column(default=False)
    consent_wording_id: Mapped[int | None] = mapped_column(ForeignKey("consent_wordings.id"))
    source: Mapped[str] = mapped_column(String(100), default="")
    referrer: Mapped[str] = mapped_column(String(500), default="")
    ip_address: Mapped[str | None] = mapped_column(String(45))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the mailbox owner was last mailed about this signature (repeat sign-ups are throttled).
    last_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the one reminder to confirm was queued (`flask signatures remind`); never twice.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the personal data was erased (forgotten or past retention); state and region stay.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    petition: Mapped[Petition] = relationship()
    consent_wording: Mapped[ConsentWording | None] = relationship()

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def is_confirmed(self):
        return self.state is SignatureState.CONFIRMED

    @property
    def public_name(self):
        """First name and last initial, as shown to the public."""
        initial = self.last_name[:1].upper()
        return f"{self.first_name} {initial}." if initial else self.first_name

    @property
    def public_place(self):
        return self.city or self.region or self.country

    def confirm(self):
        """Mark the signature confirmed; returns False when it already was."""
        if self.state is SignatureState.CONFIRMED:
            return False
        self.state = SignatureState.CONFIRMED
        self.confirmed_at = utcnow()
        return True

    def __repr__(self):
        return f"<Signature {self.id} petition={self.petition_id} {self.state.value}>"


class SignatureTally(db.Model):
    """Confirmed signatures per petition and state, in shards.

    A confirmation adds one to a randomly chosen shard, so no single row is updated by every
    confirmation of a popular petition; readers sum a handful of small rows.
    """

    __tablename__ = "signature_tallies"

    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True)
    region: Mapped[str] = mapped_column(String(2), primary_key=True)
    shard: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
