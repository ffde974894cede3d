"""One reminder to confirm, for signatures left pending longer than a configured delay."""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import not_, or_, select, update

from campaign.base.extensions import db
from campaign.base.outbox.operations import enqueue
from campaign.base.timeutil import utcnow
from campaign.core.consent.queries import opted_out
from campaign.core.petitions.models import Petition, PetitionState

from .models import Signature, SignatureState

log = logging.getLogger(__name__)


def due(limit):
    """Ids of pending signatures that should get their reminder now (up to `limit`).

    Old enough (SIGNATURE_REMINDER_DELAY_HOURS), young enough for a link to mean something
    (CONFIRMATION_MAX_AGE_DAYS), not reminded, not erased, not opted out, petition open.
    """
    config = current_app.config
    now = utcnow()
    return list(db.session.scalars(
        select(Signature.id)
        .join(Petition, Petition.id == Signature.petition_id)
        .where(
            Signature.state == SignatureState.PENDING,
            Signature.reminded_at.is_(None),
            Signature.erased_at.is_(None),
            Signature.created_at <= now - timedelta(hours=config["SIGNATURE_REMINDER_DELAY_HOURS"]),
            Signature.created_at > now - timedelta(days=config["CONFIRMATION_MAX_AGE_DAYS"]),
            Petition.state == PetitionState.OPEN,
            or_(Petition.closes_at.is_(None), Petition.closes_at > now),
            not_(opted_out(Signature.email_key)),
        )
        .order_by(Signature.id)
        .limit(limit)
    ))


def remind(signature_ids):
    """Queue the reminder of each signature not reminded yet; returns how many were queued.

    The conditional UPDATE makes two runs at once remind each signature once.
    """
    queued = 0
    for signature_id in signature_ids:
        result = db.session.execute(
            update(Signature)
            .where(Signature.id == signature_id, Signature.reminded_at.is_(None))
            .values(reminded_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            recipient = db.session.scalar(select(Signature.email).where(Signature.id == signature_id))
            enqueue("signature.remind", recipient, signature_id=signature_id)
            queued += 1
    return queued
