"""Opt-outs: a mailbox that asked for no more mail, across every action."""
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..timeutil import UTCDateTime, utcnow


class OptOut(db.Model):
    """A mailbox (by its key, see signatures.addresses.mailbox_key) that unsubscribed."""

    __tablename__ = "opt_outs"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    # "link" (the page's button) or "one-click" (RFC 8058 List-Unsubscribe-Post).
    method: Mapped[str] = mapped_column(String(20), default="link")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
