"""Which workers are alive, what a dead one leaves behind, and waking when mail is queued.

On PostgreSQL each worker holds a session advisory lock named by its id on a connection of its
own for as long as it runs; the server drops the lock the moment that connection ends, however
the worker died (kill -9, a lost host). A worker whose lock can be taken is dead. The same
connection LISTENs on `outbox` (a trigger notifies it whenever rows are queued), so an idle worker
wakes at once. On SQLite, and for a claim whose owner holds no lock, a worker is dead when it has
not renewed the lease on its rows (`claimed_at`) for OUTBOX_LEASE_SECONDS; idle workers poll.

A dead worker's rows `in flight` become `in doubt` (the server may have taken them: never resent on
their own); its other claimed rows, never tried, return to the queue at once.
"""
import secrets
from datetime import timedelta

from sqlalchemy import case, func, literal, select, text, update

from ..extensions import db
from ..timeutil import utcnow
from .models import CLAIMED, OutboxMessage, OutboxStatus

INTERRUPTED = "interrupted while sending; not resent automatically"


def new_worker_id():
    """A worker's id: a random positive 63-bit number, which is also its advisory lock's key."""
    return str(secrets.randbits(63))


class Presence:
    """A worker's connection of its own on PostgreSQL: its advisory lock and its LISTEN."""

    def __init__(self, engine, worker_id):
        self.connection = None
        if engine.dialect.name == "postgresql":
            self.connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self.connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": int(worker_id)})
            self.connection.execute(text("LISTEN outbox"))

    def wait_for_mail(self, seconds, stop):
        """Wait until mail is queued (PostgreSQL), `stop` is set, or `seconds` pass."""
        if self.connection is None:
            stop.wait(seconds)
            return
        driver = self.connection.connection.driver_connection
        for _ in driver.notifies(timeout=seconds, stop_after=1):
            pass
        # Several notifications may have queued up while the worker was busy: one claim serves them all.
        for _ in driver.notifies(timeout=0):
            pass

    def close(self):
        if self.connection is not None:
            self.connection.close()  # ends the session, and with it the lock


def recover(own_id, lease_seconds):
    """Return the claims of dead workers: in flight → in doubt, the rest → queued. Flushes;
    returns (queued, in doubt)."""
    owners = db.session.scalars(
        select(OutboxMessage.claimed_by).where(OutboxMessage.status.in_(CLAIMED)).distinct()
    ).all()
    dead = [owner for owner in owners if owner != own_id and _is_dead(owner)]
    expired = utcnow() - timedelta(seconds=lease_seconds)
    lapsed = OutboxMessage.claimed_at < expired
    if db.session.get_bind().dialect.name == "postgresql":
        lapsed = lapsed & ~OutboxMessage.claimed_by.regexp_match("^[0-9]+$")  # a worker with a lock
    counts = db.session.execute(
        select(OutboxMessage.status, func.count())
        .where(OutboxMessage.status.in_(CLAIMED), OutboxMessage.claimed_by.in_(dead) | lapsed)
        .group_by(OutboxMessage.status)
    ).all()
    if not counts:
        return 0, 0
    in_flight = OutboxMessage.status == OutboxStatus.IN_FLIGHT
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status.in_(CLAIMED), OutboxMessage.claimed_by.in_(dead) | lapsed)
        .values(status=case((in_flight, literal(OutboxStatus.IN_DOUBT, OutboxMessage.status.type)),
                            else_=literal(OutboxStatus.QUEUED, OutboxMessage.status.type)),
                last_error=case((in_flight, INTERRUPTED), else_=OutboxMessage.last_error),
                claimed_by=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    counted = dict(counts)
    return counted.get(OutboxStatus.SENDING, 0), counted.get(OutboxStatus.IN_FLIGHT, 0)


def _is_dead(owner):
    """On PostgreSQL: whether the worker `owner`'s advisory lock is free (taken and let go at commit)."""
    if db.session.get_bind().dialect.name != "postgresql" or not owner or not owner.isdigit():
        return False  # judged by its lease
    return db.session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": int(owner)})
