"""Webhooks: an organizer's URL, its secret and the events it takes; and the durable queue of
what to send to it.

A `WebhookDelivery` row is written in the transaction of the event that causes it (as the outbox
writes mail), one per subscribed webhook. Its life: `queued` → `sending` (claimed by a worker,
with a lease) → `sent`, or `queued` again after a backoff, or `failed` after the last attempt or
when its webhook was switched off. `flask webhooks replay` and the log's Replay button queue a row
again.
"""
import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.columns import BigId, enum_type
from campaign.base.extensions import db
from campaign.base.outbox.models import QueueRow
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.accounts.models import Organizer

EVENTS = ("signature.confirmed", "signon.approved", "endorsement.approved", "delivery.sent",
          "person.unsubscribed", "person.erased")
TEST_EVENT = "webhook.test"


class DeliveryStatus(enum.Enum):
    """Where an event's delivery to a webhook is: queued (again, after a failure), being sent, sent,
    or failed for good (WEBHOOKS_MAX_ATTEMPTS tried, or the webhook switched off)."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Webhook(db.Model):
    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    organizer_id: Mapped[int] = mapped_column(ForeignKey("organizers.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Kept as given: the worker signs every batch with it (a hash could not sign).
    secret: Mapped[str] = mapped_column(String(200))
    # The events it takes, space-separated (names from EVENTS).
    events: Mapped[str] = mapped_column(String(500))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Failed POSTs since the last one that succeeded; at WEBHOOKS_MAX_FAILURES it is switched off.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organizer: Mapped[Organizer] = relationship()

    @property
    def event_names(self):
        return self.events.split()

    def takes(self, event):
        return self.is_active and event in self.event_names


class WebhookDelivery(QueueRow, db.Model):
    """One event to send to one webhook (several go in one POST)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_webhook_id_id", "webhook_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    # The mailbox the payload is about, so erasing a person deletes it (None: about no one).
    email_key: Mapped[str | None] = mapped_column(String(254), index=True)
    status: Mapped[DeliveryStatus] = mapped_column(enum_type(DeliveryStatus), default=DeliveryStatus.QUEUED)
    # The HTTP status of the last try (None: no answer).
    last_status: Mapped[int | None] = mapped_column(Integer)

    webhook: Mapped[Webhook] = relationship()
