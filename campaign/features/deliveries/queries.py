"""Read-side queries of deliveries: lists and the delivery log's counts."""
from collections import Counter, defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage

from .models import Delivery, DeliveryRecipient


def recent(limit=200):
    return db.session.scalars(select(Delivery).order_by(Delivery.id.desc()).limit(limit)).all()


def log(delivery):
    """(recipients with their targets and outbox rows, Counter of statuses)."""
    recipients = db.session.scalars(
        select(DeliveryRecipient)
        .where(DeliveryRecipient.delivery_id == delivery.id)
        .options(selectinload(DeliveryRecipient.target), selectinload(DeliveryRecipient.outbox_message))
        .order_by(DeliveryRecipient.id)
    ).all()
    return recipients, Counter(r.status for r in recipients)


def statuses(delivery_ids):
    """{delivery id: Counter of its recipients' statuses (as DeliveryRecipient.status)}, in one query."""
    counts = defaultdict(Counter)
    rows = db.session.execute(
        select(DeliveryRecipient.delivery_id, DeliveryRecipient.email.is_(None), OutboxMessage.status, func.count())
        .outerjoin(OutboxMessage, OutboxMessage.id == DeliveryRecipient.outbox_message_id)
        .where(DeliveryRecipient.delivery_id.in_(delivery_ids))
        .group_by(DeliveryRecipient.delivery_id, DeliveryRecipient.email.is_(None), OutboxMessage.status)
    )
    for delivery_id, no_address, status, count in rows:
        counts[delivery_id]["no address" if no_address else status.value if status else "queued"] += count
    return counts
