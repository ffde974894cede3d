"""Returned mail: each bounce and complaint as it came back, and the mailboxes no longer mailed."""
import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.columns import BigId, enum_type
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class ReturnKind(enum.Enum):
    HARD = "hard"  # the mailbox does not exist or never will accept (5.x.x, SES Permanent)
    SOFT = "soft"  # full, over quota, greylisted (4.x.x, SES Transient)
    COMPLAINT = "complaint"  # the recipient pressed "this is spam" (ARF, SES Complaint)


class MailReturn(db.Model):
    """One bounce or complaint about one mailbox, kept for the rates and the soft-bounce count."""

    __tablename__ = "mail_returns"
    __table_args__ = (Index("ix_mail_returns_email_key_created_at", "email_key", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[ReturnKind] = mapped_column(enum_type(ReturnKind))
    email_key: Mapped[str] = mapped_column(String(254))
    domain: Mapped[str] = mapped_column(String(254), index=True)
    outbox_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="SET NULL"), index=True)
    # Where it came from ("dsn", "arf", "ses") and what it said (a DSN Status such as 5.1.1).
    source: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Suppression(db.Model):
    """A mailbox (by its key, see addresses.mailbox_key) the outbox no longer mails.

    Lifting keeps the row with `lifted_at` set, so soft bounces from before the lift do not count
    again; a new hard bounce, complaint or run of soft bounces suppresses it once more."""

    __tablename__ = "mail_suppressions"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    reason: Mapped[ReturnKind] = mapped_column(enum_type(ReturnKind))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_active(self):
        return self.lifted_at is None
