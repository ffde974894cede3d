"""API tokens: shown once, stored only as a SHA-256 hash.

A token is 32 random bytes from `secrets`, so nobody can guess it or find it by trying hashes:
a fast hash is enough (a slow one like scrypt only protects low-entropy passwords), and it lets
every request find its token with one indexed look-up.
"""
import hashlib
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.accounts.models import Organizer


def token_hash(token):
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    organizer_id: Mapped[int] = mapped_column(ForeignKey("organizers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, so an organizer can tell tokens apart; not enough to use one.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organizer: Mapped[Organizer] = relationship()

    @property
    def is_active(self):
        return self.revoked_at is None and self.organizer.is_active

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = utcnow()
