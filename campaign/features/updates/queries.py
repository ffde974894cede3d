"""Read-side queries: an action's timeline and answers, an update's progress, targets' statuses."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from campaign.base.extensions import db
from campaign.base.mail.models import MailReturn
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.base.timeutil import utcnow
from campaign.core.consent.models import OptOut
from campaign.core.targets.models import Target
from campaign.features.deliveries.models import Delivery, DeliveryRecipient

from .emails import RECORDS
from .models import ResponseState, TargetResponse, Update, UpdateRecipient


def _iso(value):
    return value.isoformat().replace("+00:00", "Z")


def timeline(action_kind, action_id):
    """The action's updates, newest first."""
    return db.session.scalars(select(Update).where(Update.action_kind == action_kind, Update.action_id == action_id)
                              .order_by(Update.published_at.desc(), Update.id.desc())).all()


def public_responses(action_kind, action_id):
    """The approved answers of targets, newest first."""
    return db.session.scalars(
        select(TargetResponse).where(TargetResponse.action_kind == action_kind, TargetResponse.action_id == action_id,
                                     TargetResponse.state == ResponseState.APPROVED)
        .order_by(TargetResponse.created_at.desc(), TargetResponse.id.desc())).all()


def public_json(action_kind, action_id):
    """The action JSON's `updates` and `responses`."""
    return {
        "updates": [{"kind": u.kind.value, "title": u.title, "published_at": _iso(u.published_at), "html": u.body_html}
                    for u in timeline(action_kind, action_id)],
        "responses": [{"target": r.target.name, "responder": r.responder, "responded_at": _iso(r.created_at),
                       "html": r.body_html}
                      for r in public_responses(action_kind, action_id)],
    }


# How the update's page groups its messages' outbox statuses.
PROGRESS = {"queued": "queued", "sending": "queued", "in flight": "queued", "sent": "sent", "failed": "bounced",
            "in doubt": "queued", "suppressed": "suppressed", "cancelled": "cancelled"}


def progress(update):
    """Counter of the update's messages: queued, sent, bounced (refused, or returned after being
    sent), suppressed, cancelled; and unsubscribed: recipients who opted out since it was queued."""
    ours = select(UpdateRecipient.outbox_message_id).where(UpdateRecipient.update_id == update.id)
    counts = Counter()
    for status, count in db.session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.id.in_(ours)).group_by(OutboxMessage.status)):
        counts[PROGRESS[status.value]] += count
    returned = db.session.scalar(select(func.count(func.distinct(MailReturn.outbox_message_id))).where(
        MailReturn.outbox_message_id.in_(ours)))
    counts["sent"] -= returned
    counts["bounced"] += returned
    if update.queued_at is not None:
        for kind, model in RECORDS.items():
            counts["unsubscribed"] += db.session.scalar(
                select(func.count()).select_from(UpdateRecipient)
                .join(model, model.id == UpdateRecipient.record_id)
                .join(OptOut, OptOut.email_key == model.email_key)
                .where(UpdateRecipient.update_id == update.id, UpdateRecipient.record_kind == kind,
                       OptOut.created_at >= update.queued_at))
    return counts


@dataclass
class TargetStatus:
    target: Target
    delivered_at: datetime | None
    response: TargetResponse | None  # the latest answer, whatever its state

    @property
    def text(self):
        """delivered N days ago, awaiting an answer; answer waiting for approval; answered; declined."""
        response = self.response
        if response is not None and response.state is ResponseState.APPROVED:
            return "declined" if response.is_declined else "answered"
        if response is not None and response.state is ResponseState.WAITING:
            return "an answer waits for your approval"
        if self.delivered_at is None:
            return "not delivered yet"
        days = (utcnow() - self.delivered_at).days
        when = "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago"
        return f"delivered {when}, awaiting an answer"


def target_statuses(action_kind, action_id):
    """TargetStatus of each target the action was delivered to (or that answered), by name."""
    delivered = dict(db.session.execute(
        select(DeliveryRecipient.target_id, func.min(OutboxMessage.sent_at))
        .join(Delivery, Delivery.id == DeliveryRecipient.delivery_id)
        .join(OutboxMessage, OutboxMessage.id == DeliveryRecipient.outbox_message_id)
        .where(Delivery.action_kind == action_kind, Delivery.action_id == action_id,
               OutboxMessage.status == OutboxStatus.SENT)
        .group_by(DeliveryRecipient.target_id)).all())
    latest = {}
    for response in db.session.scalars(
            select(TargetResponse).where(TargetResponse.action_kind == action_kind,
                                         TargetResponse.action_id == action_id)
            .order_by(TargetResponse.id)):
        if response.state is not ResponseState.REJECTED or response.target_id not in latest:
            latest[response.target_id] = response
    ids = set(delivered) | set(latest)
    targets = db.session.scalars(select(Target).where(Target.id.in_(ids)).order_by(Target.name)).all() if ids else []
    return [TargetStatus(t, delivered.get(t.id), latest.get(t.id)) for t in targets]


def waiting_responses(action_kind, action_id):
    return db.session.scalars(
        select(TargetResponse).where(TargetResponse.action_kind == action_kind, TargetResponse.action_id == action_id,
                                     TargetResponse.state == ResponseState.WAITING).order_by(TargetResponse.id)).all()


def public_context(action_kind, action_id):
    """The template context of the public timeline (templates/updates/_public.html)."""
    return {"updates": timeline(action_kind, action_id), "responses": public_responses(action_kind, action_id)}


@dataclass
class OrganizerSummary:
    kind: str
    action_id: int
    updates: list
    statuses: list


def organizer_summary(action_kind, action_id):
    """What the action's organizer page shows of updates and targets (templates/updates/_organizer.html)."""
    return OrganizerSummary(action_kind, action_id, timeline(action_kind, action_id),
                            target_statuses(action_kind, action_id))
