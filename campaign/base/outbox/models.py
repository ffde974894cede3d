"""The durable outbox: one row per email, written in the transaction of the work that causes it.

A row's life: `queued` → `sending` (claimed by a worker, not yet tried) → `in flight` (being handed
to the mail server by one of the worker's connections) → `sent`, `failed`, or `queued` again for a
later try. A row found `in flight` after its worker died becomes `in doubt`: the server may or
may not have taken it, so it is never resent on its own (`flask outbox retry` does it). A row to
a mailbox on the suppression list is never sent: `suppressed`.
"""
import enum
from datetime import datetime

from sqlalchemy import JSON, Index, Integer, SmallInteger, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from campaign.base.columns import BigId, enum_type
from campaign.base.extensions import db
from campaign.base.timeutil import UTCDateTime, utcnow


class OutboxStatus(enum.Enum):
    QUEUED = "queued"
    SENDING = "sending"
    IN_FLIGHT = "in flight"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    SUPPRESSED = "suppressed"  # never sent: the mailbox bounced or complained (mail.suppressions)
    IN_DOUBT = "in doubt"


# Claimed by a worker: what returns to the queue, or becomes `in doubt`, when the worker dies.
CLAIMED = (OutboxStatus.SENDING, OutboxStatus.IN_FLIGHT)


class QueueRow:
    """The columns of a row of a durable queue (the outbox's mail, the webhooks' deliveries): a
    worker claims it with a lease (`claimed_by`, `claimed_at`), tries it, and on a temporary
    failure puts it back for `next_attempt_at` with the error."""

    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxMessage(QueueRow, db.Model):
    """An email to send. Its content is rendered by the worker from `kind` and `params`."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
        # The claim's order: the queued rows only, most urgent first, then oldest.
        Index("ix_outbox_messages_queue", "priority", "id",
              postgresql_where=text("status = 'queued'"), sqlite_where=text("status = 'queued'")),
        {"sqlite_autoincrement": True},  # ids are never reused: they make Message-IDs
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    recipient: Mapped[str] = mapped_column(String(254))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    # Lower is sooner (outbox.emails: FIRST, DELIVERY, BULK). Every path names it: a new row's
    # values come from outbox.operations.new_message.
    priority: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    status: Mapped[OutboxStatus] = mapped_column(enum_type(OutboxStatus), default=OutboxStatus.QUEUED)

    def __repr__(self):
        return f"<OutboxMessage {self.id} {self.kind} {self.status.value}>"


class OutboxSleeper(db.Model):
    """A worker waiting on LISTEN for mail (PostgreSQL): the trigger on outbox_messages notifies
    only while there is one (outbox.liveness.Presence)."""

    __tablename__ = "outbox_sleepers"

    worker_id: Mapped[str] = mapped_column(String(64), primary_key=True)
