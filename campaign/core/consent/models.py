"""Consent wordings (the exact text a person answered, kept once and never changed) and opt-outs
(a mailbox that asked for no more mail, across every action)."""
import hashlib
from datetime import datetime

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class ConsentWording(db.Model):
    """One wording of a consent question. Rows are immutable: an edit makes a new row."""

    __tablename__ = "consent_wordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    wording: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @classmethod
    def id_for(cls, wording):
        """The id of the row for `wording` (made when new), or None for no question."""
        row = cls.for_text(wording)
        return row.id if row else None

    @classmethod
    def for_text(cls, wording):
        """The row for `wording`, created (and flushed) when it is new; None for no question."""
        if not wording:
            return None
        digest = hashlib.sha256(wording.encode("utf-8")).hexdigest()
        row = db.session.scalar(select(cls).where(cls.digest == digest))
        if row is None:
            row = cls(digest=digest, wording=wording)
            db.session.add(row)
            db.session.flush()
        return row


class OptOut(db.Model):
    """A mailbox (by its key, see addresses.mailbox_key) that unsubscribed."""

    __tablename__ = "opt_outs"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    # "link" (the page's button) or "one-click" (RFC 8058 List-Unsubscribe-Post).
    method: Mapped[str] = mapped_column(String(20), default="link")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
