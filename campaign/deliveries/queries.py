"""Read-side queries of deliveries: lists and the delivery log's counts."""
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
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
