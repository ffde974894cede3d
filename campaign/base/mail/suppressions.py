"""The suppression list: mailboxes the outbox no longer mails, and the rules that fill it.

A hard bounce suppresses a mailbox at once; soft bounces once MAIL_SOFT_BOUNCE_LIMIT of them
came back within MAIL_SOFT_BOUNCE_DAYS (counting none from before a lift); a complaint
suppresses it (and deliverability.returns opts it out of all mail, as the unsubscribe link does).
Everything here flushes; views and commands commit.
"""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow

from .models import MailReturn, ReturnKind, Suppression

log = logging.getLogger(__name__)


def suppressed_among(addresses):
    """The addresses among `addresses` whose mailbox is suppressed: one query for a whole batch."""
    keys = {}
    for address in addresses:
        if address:
            keys.setdefault(mailbox_key(address), []).append(address)
    if not keys:
        return set()
    found = db.session.scalars(
        select(Suppression.email_key).where(Suppression.email_key.in_(keys), Suppression.lifted_at.is_(None))
    ).all()
    return {address for key in found for address in keys[key]}


def undeliverable(*groups):
    """The mailbox keys of the records in `groups` (signatures, sign-ons: anything with
    `email_key`) that are suppressed, in one query: pages mark those signers undeliverable."""
    email_keys = {record.email_key for records in groups for record in records}
    if not email_keys:
        return set()
    return set(db.session.scalars(
        select(Suppression.email_key).where(Suppression.email_key.in_(email_keys), Suppression.lifted_at.is_(None))
    ))


def record(kind, address, source, status="", outbox_message_id=None):
    """Keep one bounce or complaint about `address` and apply the rules. Returns the MailReturn."""
    email_key = mailbox_key(address)
    entry = MailReturn(kind=kind, email_key=email_key, domain=address.rpartition("@")[2].lower()[:254],
                       outbox_message_id=outbox_message_id, source=source, status=status[:40])
    db.session.add(entry)
    db.session.flush()
    if kind is ReturnKind.HARD:
        _suppress(email_key, kind)
    elif kind is ReturnKind.COMPLAINT:
        _suppress(email_key, kind)
    elif _soft_count(email_key) >= current_app.config["MAIL_SOFT_BOUNCE_LIMIT"]:
        _suppress(email_key, kind)
    return entry


def _soft_count(email_key):
    since = utcnow() - timedelta(days=current_app.config["MAIL_SOFT_BOUNCE_DAYS"])
    lifted = db.session.scalar(select(Suppression.lifted_at).where(Suppression.email_key == email_key))
    if lifted is not None and lifted > since:
        since = lifted
    return db.session.scalar(select(func.count()).where(
        MailReturn.email_key == email_key, MailReturn.kind == ReturnKind.SOFT, MailReturn.created_at > since))


def _suppress(email_key, reason):
    entry = db.session.scalar(select(Suppression).where(Suppression.email_key == email_key))
    if entry is None:
        entry = Suppression(email_key=email_key, reason=reason)
        db.session.add(entry)
    elif entry.lifted_at is not None:
        entry.reason, entry.created_at, entry.lifted_at = reason, utcnow(), None
    else:
        return entry
    db.session.flush()
    log.info("suppression %s: %s", entry.id, reason.value)
    return entry


def lift(suppression):
    """Mail the mailbox again (an organizer's decision: the address was mended, the box emptied)."""
    suppression.lifted_at = utcnow()
    db.session.flush()
    log.info("suppression %s lifted", suppression.id)


def lift_bounces(addresses):
    """Lift the suppressions that bounces (not complaints) put on the mailboxes of `addresses`."""
    keys = {mailbox_key(address) for address in addresses if address}
    for suppression in db.session.scalars(select(Suppression).where(
            Suppression.email_key.in_(keys), Suppression.lifted_at.is_(None),
            Suppression.reason != ReturnKind.COMPLAINT)) if keys else ():
        lift(suppression)
