"""Signatures of petitions, and the kept tallies of confirmed ones."""
import enum
from datetime import datetime

from sqlalchemy import BigInteger, Computed, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base import i18n
from campaign.base.columns import BigId, enum_type
from campaign.base.csvfile import starts_like_formula_sql
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.consent.models import ConsentWording
from campaign.core.petitions.models import Petition


class SignatureState(enum.Enum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    # Tripped a rule at the door (reasons in flag_reasons): never counted, kept for review.
    FLAGGED = "flagged"
    # Removed by an organizer's bulk invalidation (invalidation_id), which can be undone.
    INVALIDATED = "invalidated"


# The signer's text cells an export writes (the others are numbers, yes/no, times and fixed words).
TEXT_CELLS = ("first_name", "last_name", "email", "postcode", "city", "region", "country", "phone", "comment",
              "source", "referrer")


class Signature(db.Model):
    __tablename__ = "signatures"
    __table_args__ = (
        # One signature per person per petition, whatever the concurrency.
        UniqueConstraint("petition_id", "email_key"),
        Index("ix_signatures_petition_id_state_created_at", "petition_id", "state", "created_at"),
        Index("ix_signatures_petition_id_confirmed_at", "petition_id", "confirmed_at"),
        Index("ix_signatures_petition_id_updated_at", "petition_id", "updated_at"),
        # The signers a referral code brought (the confirmed page and the sharing funnel count them).
        Index("ix_signatures_petition_id_referred_by", "petition_id", "referred_by"),
        {
            "sqlite_autoincrement": True,  # an erased signature's id is never given to another
            # exports.copy_out checks these cells for a formula only in rows where the flag is set.
            "info": {"formula_flag": ("starts_like_formula", TEXT_CELLS)},
        },
    )

    COUNTED = {SignatureState.CONFIRMED}
    INVALIDATABLE = {SignatureState.PENDING, SignatureState.CONFIRMED, SignatureState.FLAGGED}

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
    # Whether the signer let the targets see their email address, and the question they answered.
    shares_email: Mapped[bool] = mapped_column(default=False)
    shares_email_wording_id: Mapped[int | None] = mapped_column(ForeignKey("consent_wordings.id"))
    source: Mapped[str] = mapped_column(String(100), default="")
    referrer: Mapped[str] = mapped_column(String(500), default="")
    ip_address: Mapped[str | None] = mapped_column(String(45))
    # This signature's own referral code, random (signatures.referrals), carried by the links its
    # signer shares; the channel and the referral code of the link that brought it ('' for none).
    share_code: Mapped[str | None] = mapped_column(String(16), unique=True, index=True)
    share_channel: Mapped[str] = mapped_column(String(20), default="", server_default="")
    referred_by: Mapped[str] = mapped_column(String(16), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Any change to the row (the API's modified_date; `filter=modified_date gt ...` syncs by it):
    # the ORM's and Core's UPDATEs set it, signing's INSERT names it (operations._values).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # When the mailbox owner was last mailed about this signature (repeat sign-ups are throttled).
    last_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why a FLAGGED signature was flagged, comma-separated (see abuse.door.REASONS).
    flag_reasons: Mapped[str] = mapped_column(String(200), default="")
    # The language the signer signed in: every later mail to them is in it (multilingual).
    language: Mapped[str] = mapped_column(String(8), default=i18n.DEFAULT, server_default=i18n.DEFAULT)
    # The bulk invalidation that removed it, and the state that undoing it restores.
    invalidation_id: Mapped[int | None] = mapped_column(ForeignKey("invalidations.id", ondelete="SET NULL"),
                                                        index=True)
    invalidated_from: Mapped[SignatureState | None] = mapped_column(enum_type(SignatureState))
    # When the one reminder to confirm was queued (`flask signatures remind`); never twice.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the personal data was erased (forgotten or past retention); state and region stay.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Whether any of TEXT_CELLS starts like a spreadsheet formula (campaign.base.csvfile): kept by the
    # database on every write, whatever writes (stored; on SQLite the migration makes it computed
    # when read), so a million-row export evaluates one flag a row instead of a test a cell. Never
    # loaded with the signature.
    starts_like_formula: Mapped[bool | None] = mapped_column(
        Computed(starts_like_formula_sql(TEXT_CELLS), persisted=True), deferred=True)

    petition: Mapped[Petition] = relationship()
    consent_wording: Mapped[ConsentWording | None] = relationship(foreign_keys=[consent_wording_id])

    @property
    def is_erased(self):
        return self.erased_at is not None

    @property
    def is_confirmed(self):
        """Whether the mailbox owner confirmed it (a flagged or invalidated one may be confirmed,
        uncounted: its signer sees exactly what any other signer sees)."""
        return self.confirmed_at is not None

    @property
    def is_counted(self):
        return self.state in self.COUNTED

    @property
    def public_name(self):
        """First name and last initial, as shown to the public."""
        initial = self.last_name[:1].upper()
        return f"{self.first_name} {initial}." if initial else self.first_name

    @property
    def public_place(self):
        return self.city or self.region or self.country

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


class SignatureDistrict(db.Model):
    """A district (or, with district STATEWIDE, a state) a signer belongs to, from the ZIP.

    Set when the signature is made and rebuilt by `flask geo assign-districts`; the district tallies
    are what these rows add up to for confirmed signatures.
    """

    __tablename__ = "signature_districts"
    __table_args__ = (
        Index("ix_signature_districts_petition_id_state_district", "petition_id", "state", "district"),
    )

    signature_id: Mapped[int] = mapped_column(ForeignKey("signatures.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(2), primary_key=True)
    district: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"))
    is_possible: Mapped[bool] = mapped_column(default=False)


class DistrictTally(db.Model):
    """Confirmed signers per petition, state and district, confirmed or possible, in shards.

    Kept like SignatureTally; a delivery to every office reads these, never the signatures.
    """

    __tablename__ = "district_tallies"

    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True)
    state: Mapped[str] = mapped_column(String(2), primary_key=True)
    district: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    is_possible: Mapped[bool] = mapped_column(primary_key=True)
    shard: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
