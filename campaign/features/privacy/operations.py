"""Consent and erasure workflows. They flush, never commit; log lines name no personal data."""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from campaign.base import events
from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.mail.models import MailReturn, Suppression
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.base.timeutil import utcnow
from campaign.core.consent.models import OptOut

from . import erasure

log = logging.getLogger(__name__)


def opt_out(email_key, method="link"):
    """Record that a mailbox wants no more mail (once; a second opt-out changes nothing)."""
    existing = db.session.scalar(select(OptOut).where(OptOut.email_key == email_key))
    if existing is not None:
        return existing
    entry = OptOut(email_key=email_key, method=method)
    db.session.add(entry)
    db.session.flush()
    events.person_unsubscribed.send(email_key)
    log.info("opt-out %s recorded (%s)", entry.id, method)
    return entry


def forget(email):
    """Erase a person's personal data across every action: their signatures (counts stay),
    queued mail to them, the address on mail already sent, their opt-out, and their bounces,
    complaints and suppression."""
    email_key = mailbox_key(email)
    events.person_erased.send(email)  # first: a webhook's payload names the address, not the rows erased
    rows, actions, addresses = 0, 0, {email}
    for source in erasure.SOURCES:
        erased, action_ids, typed = source.forget(email)
        rows, actions = rows + erased, actions + len(action_ids)
        addresses |= typed
    lowered = {address.lower() for address in addresses}
    mail = db.session.execute(
        delete(OutboxMessage)
        .where(func.lower(OutboxMessage.recipient).in_(lowered),
               OutboxMessage.status.in_([OutboxStatus.QUEUED, OutboxStatus.FAILED, OutboxStatus.IN_DOUBT]))
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.execute(
        update(OutboxMessage).where(func.lower(OutboxMessage.recipient).in_(lowered)).values(recipient="")
        .execution_options(synchronize_session=False)
    )
    db.session.execute(delete(OptOut).where(OptOut.email_key == email_key))
    db.session.execute(delete(Suppression).where(Suppression.email_key == email_key))
    db.session.execute(delete(MailReturn).where(MailReturn.email_key == email_key))
    log.info("forget: erased %d signatures across %d actions; %d queued emails dropped", rows, actions, mail)
    return rows, actions


def apply_retention(now=None):
    """Erase the personal data of actions closed longer than SIGNATURE_RETENTION_DAYS (unless
    kept), IP addresses older than IP_RETENTION_DAYS, addresses on old sent mail, and bounces and
    complaints older than SIGNATURE_RETENTION_DAYS."""
    now = now or utcnow()
    config = current_app.config
    closed_before = now - timedelta(days=config["SIGNATURE_RETENTION_DAYS"])
    ip_before = now - timedelta(days=config["IP_RETENTION_DAYS"])
    rows = ips = 0
    actions = set()
    for source in erasure.SOURCES:
        erased, action_ids = source.expire(closed_before)
        rows += erased
        actions |= {(source.kind, action_id) for action_id in action_ids}
        ips += source.drop_ips(ip_before)
    mail = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.recipient != "", OutboxMessage.created_at < closed_before,
               OutboxMessage.status.in_([OutboxStatus.SENT, OutboxStatus.CANCELLED, OutboxStatus.SUPPRESSED]))
        .values(recipient="")
        .execution_options(synchronize_session=False)
    ).rowcount
    # Old bounces and complaints go too (the suppressions they made stay: that is their use).
    returns = db.session.execute(
        delete(MailReturn).where(MailReturn.created_at < closed_before).execution_options(synchronize_session=False)
    ).rowcount
    log.info("retention: erased %d signatures of %d actions; dropped %d IP addresses; blanked %d old mail addresses; "
             "dropped %d old bounces and complaints", rows, len(actions), ips, mail, returns)
    return {"signatures": rows, "actions": len(actions), "ip_addresses": ips, "mail": mail, "returns": returns}
