"""Updates on an action (shown in public, optionally mailed to its signers) and targets' answers.

An update's mailing has its own states: not mailed (`draft`), `scheduled` for a time, `queued`
(its outbox rows are written; the outbox sends them) and `cancelled`. Each mailbox gets an update
once: one UpdateRecipient a mailbox, whose outbox message id is chosen when the row is written.
A target's answer waits for an organizer, who approves it (then it is public) or rejects it.
"""
import enum
from datetime import datetime

from flask_babel import gettext
from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campaign.base.columns import BigId, enum_type
from campaign.base.extensions import db
from campaign.base.i18n import N_
from campaign.base.states import WrongState
from campaign.base.timeutil import UTCDateTime, utcnow
from campaign.core.targets.models import Target


class UpdateKind(enum.Enum):
    """What an update tells the signers, its label on the public timeline."""

    NEWS = "news"
    DELIVERED = "delivered"
    RESPONSE = "response"
    VICTORY = "victory"


class MailingState(enum.Enum):
    DRAFT = "draft"  # not mailed (yet)
    SCHEDULED = "scheduled"  # queued by `flask updates send-due` once `send_at` has come
    QUEUED = "queued"  # its recipients' mail is in the outbox
    CANCELLED = "cancelled"


class Update(db.Model):
    __tablename__ = "updates"
    __table_args__ = (Index("ix_updates_action", "action_kind", "action_id", "published_at"),)

    MAILABLE = {MailingState.DRAFT, MailingState.SCHEDULED}
    CANCELLABLE = {MailingState.SCHEDULED, MailingState.QUEUED}

    id: Mapped[int] = mapped_column(primary_key=True)
    # ('petition', petition id) or ('letter', letter id).
    action_kind: Mapped[str] = mapped_column(String(20))
    action_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[UpdateKind] = mapped_column(enum_type(UpdateKind), default=UpdateKind.NEWS)
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    # Rendered and sanitised once at save time (campaign.base.markdown).
    body_html: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    mailing: Mapped[MailingState] = mapped_column(enum_type(MailingState), default=MailingState.DRAFT)
    # Who gets it: US states and districts ("NY-13"); empty lists mean everyone who agreed.
    mail_regions: Mapped[list] = mapped_column(JSON, default=list)
    mail_districts: Mapped[list] = mapped_column(JSON, default=list)
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recipient_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_mailable(self):
        return self.mailing in self.MAILABLE

    @property
    def is_cancellable(self):
        return self.mailing in self.CANCELLABLE

    def schedule(self, send_at, regions, districts):
        self._check(self.MAILABLE)
        self.mailing, self.send_at = MailingState.SCHEDULED, send_at
        self.mail_regions, self.mail_districts = list(regions), list(districts)

    def mark_queued(self, count):
        self._check(self.MAILABLE)
        self.mailing, self.queued_at, self.recipient_count = MailingState.QUEUED, utcnow(), count

    def cancel(self):
        self._check(self.CANCELLABLE)
        self.mailing, self.cancelled_at = MailingState.CANCELLED, utcnow()

    def _check(self, allowed):
        if self.mailing not in allowed:
            raise WrongState(self.mailing_refused())

    def mailing_refused(self):
        """Why this update's mail cannot change now, in the reader's language: a whole sentence
        for each state, marked here, translated when said."""
        return gettext({
            MailingState.DRAFT: N_("This update's mail is not scheduled or queued: there is nothing to cancel."),
            MailingState.SCHEDULED: N_("This update's mail is scheduled already."),
            MailingState.QUEUED: N_("This update's mail is queued already."),
            MailingState.CANCELLED: N_("This update's mail is cancelled already."),
        }[self.mailing])

    def __repr__(self):
        return f"<Update {self.id} {self.action_kind}:{self.action_id} {self.kind.value} {self.mailing.value}>"


class UpdateRecipient(db.Model):
    """One mailbox an update is mailed to, named by the record it signed with (no address here:
    erasing the signature erases the person). Its outbox row's id is `outbox_message_id`."""

    __tablename__ = "update_recipients"
    __table_args__ = (UniqueConstraint("update_id", "record_kind", "record_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("updates.id", ondelete="CASCADE"))
    # "s" a signature, "o" an organization's sign-on, "i" an individual's (privacy.unsubscribe's kinds).
    record_kind: Mapped[str] = mapped_column(String(1))
    record_id: Mapped[int] = mapped_column(BigInteger)
    # Not a foreign key: the row is written first, with an id taken for it (updates.mailings).
    outbox_message_id: Mapped[int] = mapped_column(BigInteger, index=True)

    update: Mapped[Update] = relationship()


class ResponseState(enum.Enum):
    """A target's answer: waiting for an organizer, then approved (public) or rejected."""

    WAITING = "waiting"
    APPROVED = "approved"
    REJECTED = "rejected"


class TargetResponse(db.Model):
    """What a target wrote through the link in its delivery: public once an organizer approves."""

    __tablename__ = "target_responses"
    __table_args__ = (Index("ix_target_responses_action", "action_kind", "action_id"),)


    id: Mapped[int] = mapped_column(primary_key=True)
    action_kind: Mapped[str] = mapped_column(String(20))
    action_id: Mapped[int] = mapped_column(Integer)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    delivery_recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("delivery_recipients.id", ondelete="SET NULL"))
    # As the target wants them shown.
    responder_name: Mapped[str] = mapped_column(String(200))
    responder_title: Mapped[str] = mapped_column(String(200), default="")
    # The target declines to answer (its text, if any, says why).
    is_declined: Mapped[bool] = mapped_column(default=False)
    body_text: Mapped[str] = mapped_column(Text, default="")
    # Rendered and sanitised at save time by campaign.base.markdown, as organizers' text is.
    body_html: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ResponseState] = mapped_column(enum_type(ResponseState), default=ResponseState.WAITING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("organizers.id", ondelete="SET NULL"))
    # The update that mailed it to signers, once one did.
    update_id: Mapped[int | None] = mapped_column(ForeignKey("updates.id", ondelete="SET NULL"))

    target: Mapped[Target] = relationship()

    @property
    def responder(self):
        return ", ".join(part for part in (self.responder_name, self.responder_title) if part)

    def approve(self, organizer):
        self._decide(ResponseState.APPROVED, organizer)

    def reject(self, organizer):
        self._decide(ResponseState.REJECTED, organizer)

    def _decide(self, state, organizer):
        if self.state is ResponseState.APPROVED:
            raise WrongState(gettext("This answer is approved already."))
        if self.state is ResponseState.REJECTED:
            raise WrongState(gettext("This answer is rejected already."))
        self.state, self.decided_at = state, utcnow()
        self.decided_by_id = organizer.id if organizer is not None else None

    def __repr__(self):
        return f"<TargetResponse {self.id} target={self.target_id} {self.state.value}>"
