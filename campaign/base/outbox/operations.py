"""Putting mail in the outbox. The row joins the caller's transaction and is sent after commit."""
from sqlalchemy import insert, select, update

from campaign.base.extensions import db
from campaign.base.mail.suppressions import lift_bounces
from campaign.base.timeutil import utcnow

from . import emails
from .models import OutboxMessage, OutboxStatus

MESSAGES = OutboxMessage.__table__
INSERT_MESSAGE = insert(MESSAGES).returning(MESSAGES.c.id)  # built once: its cache key is kept


def new_message(kind, recipient, params, now=None):
    """The values of a new outbox row, every column with a default named: the one builder of the
    row, used by `enqueue` and by signing's one-statement INSERT (signatures.operations, which
    passes SQL for `recipient`, `params` and `now`), so no path can write a different default."""
    now = utcnow() if now is None else now
    return {"kind": kind, "recipient": recipient, "params": params, "priority": emails.priority(kind),
            "status": OutboxStatus.QUEUED, "attempts": 0, "next_attempt_at": now, "created_at": now}


def enqueue(kind, recipient, **params):
    """Queue an email of `kind` (see outbox.emails) to `recipient`; the worker renders it.
    Returns the message's id.

    One Core INSERT on the session's connection, at once: the row is in the caller's transaction
    and costs no ORM unit of work (signing queues one per signature).
    """
    return db.session.connection().execute(INSERT_MESSAGE, new_message(kind, recipient, params)).scalar_one()


def requeue_failed(ids=None, statuses=(OutboxStatus.FAILED,)):
    """Queue failed messages (or those in `statuses`, e.g. in doubt) again: those whose id is in
    `ids` (a list or a subquery), or all. Returns how many.

    Retrying by hand says the address works now: a bounce's suppression of its mailbox is lifted
    (a complaint's is not)."""
    failed = [OutboxMessage.status.in_(statuses), OutboxMessage.recipient != ""]  # never an erased address
    if ids is not None:
        failed.append(OutboxMessage.id.in_(ids))
    lift_bounces(db.session.scalars(select(OutboxMessage.recipient).where(*failed)))
    result = db.session.execute(
        update(OutboxMessage).where(*failed)
        .values(status=OutboxStatus.QUEUED, attempts=0, last_error=None, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
