"""Queueing an update's mail: set-based, so 100,000 recipients take a few statements, not a loop.

For each source (updates.audiences) one INSERT … SELECT writes an UpdateRecipient a mailbox (the
first of its records, and none whose mailbox an earlier source took) with the id its outbox row
will have, taken from the outbox's own sequence (PostgreSQL's nextval; on SQLite, whose one writer
holds the lock for the whole transaction, the ids after the highest ever given). A second
INSERT … SELECT writes those outbox rows, at BULK priority: every confirmation queued later is
still sent first. Flushes, never commits.
"""
import logging

from sqlalchemy import Integer, cast, exists, func, insert, literal, select, text, update as sql_update
from sqlalchemy.dialects.postgresql import REGCLASS

from campaign.base.extensions import db
from campaign.base.outbox.emails import BULK
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.base.timeutil import UTCDateTime, utcnow

from . import audiences
from .models import UpdateRecipient

log = logging.getLogger(__name__)

MAIL_KIND = "update.mail"
OUTBOX = OutboxMessage.__table__
RECIPIENTS = UpdateRecipient.__table__
STATUS_TYPE = OUTBOX.c.status.type
# Claimed by no worker yet: what "cancel" takes back.
UNSENT = (OutboxStatus.QUEUED,)


def _postgres():
    return db.session.get_bind().dialect.name == "postgresql"


def _next_ids(record_id):
    """The SQL of the outbox id each chosen row takes."""
    if _postgres():
        sequence = db.session.scalar(select(func.pg_get_serial_sequence("outbox_messages", "id")))
        return func.nextval(cast(literal(sequence), REGCLASS))
    highest = db.session.execute(text(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox_messages'), 0),"
        " coalesce((SELECT max(id) FROM outbox_messages), 0),"
        " coalesce((SELECT max(outbox_message_id) FROM update_recipients), 0))")).scalar_one()
    return literal(highest, Integer) + func.row_number().over(order_by=record_id)


def _params(recipient_id):
    build = func.json_build_object if _postgres() else func.json_object
    return build("recipient_id", recipient_id)


def queue(update):
    """Write the recipients and outbox rows of `update`'s mail (its filters). Returns how many."""
    written = []
    now = utcnow()
    for source in audiences.sources(update.action_kind, update.action_id, update.mail_regions,
                                    update.mail_districts):
        model = source.model
        conditions = list(source.conditions)
        for kind, earlier in written:  # a mailbox an earlier source took gets nothing more
            conditions.append(~exists().where(
                RECIPIENTS.c.update_id == update.id, RECIPIENTS.c.record_kind == kind,
                RECIPIENTS.c.record_id == earlier.id, earlier.email_key == model.email_key))
        chosen = (select(func.min(model.id).label("record_id")).where(*conditions)
                  .group_by(model.email_key).subquery())
        db.session.execute(insert(RECIPIENTS).from_select(
            ["update_id", "record_kind", "record_id", "outbox_message_id"],
            select(literal(update.id), literal(source.record_kind), chosen.c.record_id,
                   _next_ids(chosen.c.record_id))))
        db.session.execute(insert(OUTBOX).from_select(
            ["id", "kind", "recipient", "params", "priority", "status", "attempts", "next_attempt_at", "created_at"],
            select(RECIPIENTS.c.outbox_message_id, literal(MAIL_KIND), model.email, _params(RECIPIENTS.c.id),
                   literal(BULK), literal(OutboxStatus.QUEUED, STATUS_TYPE), literal(0),
                   literal(now, UTCDateTime()), literal(now, UTCDateTime()))
            .join(model, model.id == RECIPIENTS.c.record_id)
            .where(RECIPIENTS.c.update_id == update.id, RECIPIENTS.c.record_kind == source.record_kind)))
        written.append((source.record_kind, model))
    count = db.session.scalar(select(func.count()).where(RECIPIENTS.c.update_id == update.id))
    log.info("update %s: %d messages queued", update.id, count)
    return count


def cancel(update):
    """Take back the update's mail that no worker has claimed. Returns how many."""
    cancelled = db.session.execute(
        sql_update(OutboxMessage)
        .where(OutboxMessage.id.in_(select(RECIPIENTS.c.outbox_message_id).where(RECIPIENTS.c.update_id == update.id)),
               OutboxMessage.status.in_(UNSENT))
        .values(status=OutboxStatus.CANCELLED, last_error="cancelled by an organizer")
        .execution_options(synchronize_session=False)
    ).rowcount
    log.info("update %s: %d messages cancelled", update.id, cancelled)
    return cancelled
