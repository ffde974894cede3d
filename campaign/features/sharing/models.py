"""Visits that shared links brought to a petition's page, per channel and referral code."""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class ShareVisit(db.Model):
    """How many times a petition's page was opened from a link with this channel and referral
    code ('' when the link carried none): the first step of the sharing funnel."""

    __tablename__ = "share_visits"

    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    referral_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
