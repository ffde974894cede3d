"""Blocklists that organizers edit, and the record of each bulk invalidation."""
import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Organizer
from ..columns import enum_type
from ..extensions import db
from ..petitions.models import Petition
from ..timeutil import UTCDateTime, utcnow


class BlockKind(enum.Enum):
    EMAIL_DOMAIN = "email_domain"
    IP_NETWORK = "ip_network"


class BlocklistEntry(db.Model):
    """An email domain, or an IP address or CIDR range, whose signatures are flagged."""

    __tablename__ = "blocklist_entries"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BlockKind] = mapped_column(enum_type(BlockKind))
    # A lower-case domain, or a network in ipaddress's normal form (a single address is a /32 or /128).
    value: Mapped[str] = mapped_column(String(254))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped[Organizer | None] = relationship()

    def __repr__(self):
        return f"<BlocklistEntry {self.id} {self.kind.value}>"


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
