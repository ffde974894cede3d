"""The export log: who downloaded which signer list, when, with which filters, how many rows."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.columns import BigId
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.accounts.models import Organizer


class ExportLog(db.Model):
    """One export (or partner download). Holds filters and counts, never personal data."""

    __tablename__ = "export_logs"
    __table_args__ = (Index("ix_export_logs_action_kind_action_id", "action_kind", "action_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    organizer_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    # How the export was made: "web", "api", "cli" or "partner" (a partner's download link).
    channel: Mapped[str] = mapped_column(String(20), default="web")
    # "petition" (and "letter" once letters exist), and the action's id.
    action_kind: Mapped[str] = mapped_column(String(20))
    action_id: Mapped[int] = mapped_column(Integer)
    preset: Mapped[str] = mapped_column(String(20))
    filters: Mapped[dict] = mapped_column(JSON, default=dict)
    # The rows written, counted as they went out: set with finished_at when the file is complete.
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the last row went out; None while the file is being written, and for good when the
    # download broke off (the log shows it as not finished).
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A partner's download (channel "partner"): the endorsing organization that downloaded.
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("organization_sign_ons.id", ondelete="SET NULL"))

    organizer: Mapped[Organizer | None] = relationship()
    partner = relationship("OrganizationSignOn")
