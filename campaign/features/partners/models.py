"""A signer's answer to "Let <partner> contact me", with the exact wording asked."""
from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.columns import BigId
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class SignaturePartnerConsent(db.Model):
    """One signer's answer about one offered partner (an approved endorsement of the petition).

    Every offered partner gets a row, ticked or not, so the record says what was asked.
    """

    __tablename__ = "signature_partner_consents"
    __table_args__ = (UniqueConstraint("signature_id", "organization_sign_on_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    signature_id: Mapped[int] = mapped_column(ForeignKey("signatures.id", ondelete="CASCADE"))
    organization_sign_on_id: Mapped[int] = mapped_column(
        ForeignKey("organization_sign_ons.id", ondelete="CASCADE"), index=True)
    has_consented: Mapped[bool] = mapped_column(default=False)
    wording_id: Mapped[int] = mapped_column(ForeignKey("consent_wordings.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
