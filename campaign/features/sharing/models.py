"""Visits that shared links brought to an action's page, per channel and referral code."""
from datetime import datetime

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class ShareVisit(db.Model):
    """How many times a petition's or letter's page was opened from a link with this channel and
    referral code ('' when the link carried none): the first step of the sharing funnel."""

    __tablename__ = "share_visits"

    # ('petition', petition id) or ('letter', letter id), as updates name their action.
    action_kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    action_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    referral_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
