"""The record of each bulk invalidation: what it matched, who did it, its undo."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.accounts.models import Organizer
from campaign.core.petitions.models import Petition


class Invalidation(db.Model):
    """One bulk invalidation of a petition's signatures: what it matched, who did it, its undo."""

    __tablename__ = "invalidations"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    # What to remove; empty (or None) criteria match everything.
    ip_range: Mapped[str] = mapped_column(String(50), default="")
    email_domain: Mapped[str] = mapped_column(String(254), default="")
    name_pattern: Mapped[str] = mapped_column(String(100), default="")
    signed_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(20), default="")
    reason: Mapped[str] = mapped_column(String(200), default="")
    count: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))

    petition: Mapped[Petition] = relationship()
    created_by: Mapped[Organizer | None] = relationship(foreign_keys=[created_by_id])

    CRITERIA = ("ip_range", "email_domain", "name_pattern", "signed_from", "signed_until", "source", "state")

    @property
    def is_undone(self):
        return self.undone_at is not None

    def describe(self):
        """[(label, value)] of the criteria it was given."""
        labels = {"ip_range": "IP range", "email_domain": "Email domain", "name_pattern": "Name",
                  "signed_from": "Signed from", "signed_until": "Signed until", "source": "Source",
                  "state": "State"}
        return [(labels[name], getattr(self, name)) for name in self.CRITERIA if getattr(self, name)]

    def __repr__(self):
        return f"<Invalidation {self.id} petition={self.petition_id} count={self.count}>"
