"""What each organizer wants to be told by mail, and what was told already.

What was sent is kept here, in the database, so that "at most one an hour" and "once a day"
hold however many `flask alerts send` run at once, on however many hosts: each mail is claimed
by one conditional UPDATE (or one INSERT of a key) in the transaction that queues it.
"""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class AlertSettings(db.Model):
    """An organizer's choice of alerts (all off until chosen), and when each was last mailed."""

    __tablename__ = "alert_settings"

    organizer_id: Mapped[int] = mapped_column(ForeignKey("organizers.id", ondelete="CASCADE"), primary_key=True)
    # Sign-ons or endorsements wait for moderation: at most one mail an hour, with the count.
    on_waiting: Mapped[bool] = mapped_column(default=False)
    # A petition reached a milestone (alerts.milestones).
    on_milestone: Mapped[bool] = mapped_column(default=False)
    # Once a day, at ALERTS_DIGEST_HOUR in the site's time zone.
    daily_digest: Mapped[bool] = mapped_column(default=False)
    waiting_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    digest_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def chooses_any(self):
        return self.on_waiting or self.on_milestone or self.daily_digest


class MilestoneReached(db.Model):
    """A milestone a petition's count reached; the row's INSERT claims the alert about it."""

    __tablename__ = "petition_milestones"

    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), primary_key=True)
    milestone: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reached_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
