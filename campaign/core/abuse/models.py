"""Blocklists that organizers edit: email domains and IP networks whose signatures are flagged."""
import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.columns import enum_type
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.accounts.models import Organizer


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
