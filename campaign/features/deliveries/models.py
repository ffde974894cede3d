"""Deliveries: an action's results sent to its targets, one outbox message per recipient."""
import enum
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.columns import BigId, enum_type
from campaign.base.extensions import db
from campaign.base.i18n import N_
from campaign.base.outbox.models import OutboxMessage
from campaign.base.plurals import counted
from campaign.base.states import WrongState
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.targets.models import Target


class DeliveryState(enum.Enum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"  # waits for the count to reach `milestone`
    QUEUED = "queued"  # every recipient's message is in the outbox


class Selection(enum.Enum):
    """How the targets of a delivery are chosen; resolved when it is queued."""

    HAND = "hand"
    STATE_SENATORS = "state_senators"
    SENATE = "senate"
    HOUSE = "house"
    MIN_CONSTITUENTS = "min_constituents"


# The words of a delivery's progress and of its recipients' statuses, translated when shown (`said`).
STATUS_WORDS = {
    "draft": N_("draft"), "scheduled": N_("scheduled"), "queued": N_("queued"), "sending": N_("sending"),
    "in flight": N_("in flight"), "sent": N_("sent"), "failed": N_("failed"), "in doubt": N_("in doubt"),
    "suppressed": N_("suppressed"), "cancelled": N_("cancelled"), "no address": N_("no address"),
}


def said(status):
    """A progress or a recipient's status ("in doubt") in the language being used."""
    return gettext(STATUS_WORDS[status])


class Delivery(db.Model):
    __tablename__ = "deliveries"

    EDITABLE = {DeliveryState.DRAFT, DeliveryState.SCHEDULED}
    QUEUEABLE = {DeliveryState.DRAFT, DeliveryState.SCHEDULED}

    id: Mapped[int] = mapped_column(primary_key=True)
    # What is delivered: ('petition', petition id); a letter plugs in as ('letter', letter id).
    action_kind: Mapped[str] = mapped_column(String(20))
    action_id: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    # The name the mail comes from (its address is MAIL_DEFAULT_SENDER's; empty: that sender's
    # name), and where answers go (the organizer's address, unless changed).
    from_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    reply_to: Mapped[str] = mapped_column(String(254), default="", server_default="")
    selection: Mapped[Selection] = mapped_column(enum_type(Selection, length=30), default=Selection.HAND)
    selection_state: Mapped[str] = mapped_column(String(2), default="")
    min_constituents: Mapped[int] = mapped_column(Integer, default=1)
    target_ids: Mapped[list] = mapped_column(JSON, default=list)
    # Send on its own once the confirmed count reaches this number (`flask deliveries milestones`).
    milestone: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[DeliveryState] = mapped_column(enum_type(DeliveryState), default=DeliveryState.DRAFT)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    recipients: Mapped[list["DeliveryRecipient"]] = relationship(
        back_populates="delivery", cascade="all, delete-orphan", order_by="DeliveryRecipient.id"
    )

    @property
    def is_editable(self):
        return self.state in self.EDITABLE

    def progress(self, counts):
        """How far it has gone, given the Counter of its recipients' statuses: draft, scheduled,
        queued (nothing sent yet), sending, sent, or "sent, N failed" (", N in doubt", ", N suppressed")
        once nothing waits; in the language being used."""
        if self.state is not DeliveryState.QUEUED:
            return said(self.state.value)
        if counts["queued"] + counts["sending"] + counts["in flight"]:
            return said("sending" if counts["sent"] + counts["failed"] + counts["in doubt"] else "queued")
        parts = [said("sent")]
        if counts["failed"]:
            parts.append(counted(counts["failed"], "%(num)s failed", "%(num)s failed"))
        if counts["in doubt"]:
            parts.append(counted(counts["in doubt"], "%(num)s in doubt", "%(num)s in doubt"))
        if counts["suppressed"]:
            parts.append(counted(counts["suppressed"], "%(num)s suppressed", "%(num)s suppressed"))
        return ", ".join(parts)

    def check_queueable(self):
        if self.state not in self.QUEUEABLE:
            raise WrongState(gettext("This delivery is queued already."))  # the one state not queueable

    def __repr__(self):
        return f"<Delivery {self.id} {self.action_kind}:{self.action_id} {self.state.value}>"


class DeliveryRecipient(db.Model):
    """One person at one target. Its outbox message is the unit that is sent once, and only once."""

    __tablename__ = "delivery_recipients"
    __table_args__ = (UniqueConstraint("delivery_id", "target_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    # None: the target has no email address on file; its packet is delivered by hand.
    email: Mapped[str | None] = mapped_column(String(254))
    outbox_message_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("outbox_messages.id", ondelete="SET NULL"))

    delivery: Mapped[Delivery] = relationship(back_populates="recipients")
    target: Mapped[Target] = relationship()
    outbox_message: Mapped[OutboxMessage | None] = relationship()

    @property
    def email_key(self):
        """The mailbox an answer link is bound to (deliveries.answer_links)."""
        return (self.email or "").lower()

    @property
    def status(self):
        """'no address', or the outbox row's status: 'queued', 'sending', 'in flight', 'sent', 'failed',
        'in doubt', 'cancelled'."""
        if self.email is None:
            return "no address"
        return self.outbox_message.status.value if self.outbox_message else "queued"

    @property
    def error(self):
        return self.outbox_message.last_error if self.outbox_message else None
