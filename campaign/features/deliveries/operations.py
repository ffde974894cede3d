"""Deliveries: compose, resolve targets, queue every recipient's message, retry. They flush, never commit."""
import logging

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from campaign.base import events
from campaign.base.extensions import db
from campaign.base.outbox.operations import enqueue, requeue_failed
from campaign.base.outbox.worker import every
from campaign.base.states import WrongState
from campaign.base.timeutil import utcnow
from campaign.core.signatures import tallies
from campaign.core.targets.models import Target, TargetKind

from . import actions
from .models import Delivery, DeliveryRecipient, DeliveryState, Selection

log = logging.getLogger(__name__)

KIND = "delivery.message"


def save(delivery, form, organizer=None):
    """Apply a validated DeliveryForm to `delivery` (new or a draft)."""
    delivery.from_name = form.from_name.data or ""
    delivery.reply_to = form.reply_to.data or ""
    delivery.subject = form.subject.data
    delivery.message = form.message.data
    delivery.selection = Selection(form.selection.data)
    delivery.selection_state = form.selection_state.data or ""
    delivery.min_constituents = form.min_constituents.data or 1
    delivery.target_ids = sorted(int(i) for i in form.target_ids.data or [])
    delivery.milestone = form.milestone.data or None
    delivery.state = DeliveryState.SCHEDULED if delivery.milestone else DeliveryState.DRAFT
    if organizer is not None and delivery.created_by_id is None:
        delivery.created_by_id = organizer.id
    db.session.add(delivery)
    db.session.flush()
    return delivery


def targets_of(delivery):
    """The active targets the delivery's selection names now, in a stable order."""
    query = (select(Target).where(Target.is_active.is_(True)).options(selectinload(Target.contacts))
             .order_by(Target.state, Target.kind, Target.district, Target.name))
    selection = delivery.selection
    if selection is Selection.HAND:
        query = query.where(Target.id.in_(delivery.target_ids or [-1]))
    elif selection is Selection.STATE_SENATORS:
        query = query.where(Target.kind == TargetKind.SENATOR, Target.state == delivery.selection_state)
    elif selection is Selection.SENATE:
        query = query.where(Target.kind == TargetKind.SENATOR)
    elif selection is Selection.HOUSE:
        query = query.where(Target.kind == TargetKind.REPRESENTATIVE)
    targets = db.session.scalars(query).all()
    if selection is Selection.MIN_CONSTITUENTS:
        targets = _with_constituents(delivery, targets)
    return targets


def _with_constituents(delivery, targets):
    """Members of Congress with at least `min_constituents` confirmed constituent signers (one read of the tallies)."""
    if delivery.action_kind != "petition":
        return []
    counts = tallies.by_district(delivery.action_id)
    chosen = []
    for target in targets:
        seat = actions.district_of(target)
        if seat and counts.get((*seat, False), 0) >= delivery.min_constituents:
            chosen.append(target)
    return chosen


def queue(delivery):
    """Put one outbox message per recipient in the session; each is sent once by the outbox worker.

    The state changes by one conditional UPDATE, so two presses of Send queue the delivery once.
    Returns the number of messages queued.
    """
    delivery.check_queueable()
    claimed = db.session.execute(
        update(Delivery)
        .where(Delivery.id == delivery.id, Delivery.state.in_(Delivery.QUEUEABLE))
        .values(state=DeliveryState.QUEUED, queued_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.expire(delivery)
        delivery.check_queueable()
    recipients = []
    for target in targets_of(delivery):
        contacts = target.contacts or [None]
        recipients += [
            DeliveryRecipient(delivery_id=delivery.id, target_id=target.id, name=c.name if c else "",
                              email=c.email if c else None)
            for c in contacts
        ]
    db.session.add_all(recipients)
    db.session.flush()
    mailed = [r for r in recipients if r.email]
    for recipient in mailed:
        recipient.outbox_message_id = enqueue(KIND, recipient.email, recipient_id=recipient.id)
    db.session.flush()
    db.session.expire(delivery)
    events.delivery_sent.send(delivery.id)
    log.info("delivery %s: %d messages queued, %d targets without an address",
             delivery.id, len(mailed), len(recipients) - len(mailed))
    return len(mailed)


def retry(delivery):
    """Queue the delivery's failed messages again. Returns how many."""
    ids = select(DeliveryRecipient.outbox_message_id).where(DeliveryRecipient.delivery_id == delivery.id)
    return requeue_failed(ids)


# How often each outbox worker looks for milestones reached.
MILESTONE_CHECK_SECONDS = 30


@every(MILESTONE_CHECK_SECONDS)
def due_milestones():
    """Queue every scheduled delivery whose action's count has reached its milestone. Returns them.

    Every outbox worker runs this every MILESTONE_CHECK_SECONDS (and `flask deliveries milestones`
    on demand); a delivery another worker queued first is left alone.
    """
    sent = []
    for delivery in db.session.scalars(select(Delivery).where(Delivery.state == DeliveryState.SCHEDULED)).all():
        action = actions.get(delivery.action_kind)
        if action.results(delivery.action_id).total >= delivery.milestone:
            try:
                queue(delivery)
            except WrongState:
                continue  # queued by another worker meanwhile
            sent.append(delivery)
    return sent


