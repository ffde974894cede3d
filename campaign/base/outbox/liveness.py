"""Which workers are alive, what a dead one leaves behind, and waking when mail is queued.

On PostgreSQL each worker holds a session advisory lock named by its id on a connection of its
own for as long as it runs; the server drops the lock the moment that connection ends, however
the worker died (kill -9, a lost host). A worker whose lock can be taken is dead. On SQLite, and
for a claim whose owner holds no lock, a worker is dead when it has not renewed the lease on its
rows (`claimed_at`) for OUTBOX_LEASE_SECONDS.

Waking: for NAP_FOR seconds after its last mail an idle worker claims again every NAP_SECONDS.
Then, on PostgreSQL, it writes its id into outbox_sleepers, claims once more, and waits on LISTEN
`outbox` (the same connection as its lock); the trigger on outbox_messages notifies only while
some worker sleeps, because PostgreSQL makes the transactions that NOTIFY commit one at a time,
and a notification in every signing would do that to signing. Mail queued by a transaction that
was already under way when a worker fell asleep may wait for the next notification or the end of
OUTBOX_POLL_SECONDS, whichever comes first. On SQLite idle workers poll every OUTBOX_POLL_SECONDS.

A dead worker's rows `in flight` become `in doubt` (the server may have taken them: never resent on
their own); its other claimed rows, never tried, return to the queue at once.
"""
import secrets
import time
from datetime import timedelta

from sqlalchemy import case, delete, func, literal, select, text, update

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow

from .models import CLAIMED, OutboxMessage, OutboxSleeper, OutboxStatus

INTERRUPTED = "interrupted while sending; not resent automatically"
NAP_SECONDS = 0.05  # an idle worker's claims while mail came lately: mail waits at most this long
NAP_FOR = 2.0  # seconds after its last mail that a worker naps before it sleeps on LISTEN
SLEEPERS = OutboxSleeper.__table__


def new_worker_id():
    """A worker's id: a random positive 63-bit number, which is also its advisory lock's key."""
    return str(secrets.randbits(63))


class Presence:
    """A worker's connection of its own on PostgreSQL: its advisory lock and its LISTEN."""

    def __init__(self, engine, worker_id):
        self.connection, self.worker_id = None, worker_id
        self.asleep, self.last_mail_at = False, time.monotonic()
        if engine.dialect.name == "postgresql":
            self.connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            self.connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": int(worker_id)})
            self.connection.execute(text("LISTEN outbox"))

    def wait_for_mail(self, seconds, stop):
        """Wait until mail may be queued (see the module's docstring), `stop` is set, or `seconds` pass;
        the caller claims after each return."""
        if self.connection is None:
            stop.wait(seconds)
            return
        if not self.asleep:
            if time.monotonic() - self.last_mail_at < NAP_FOR:
                stop.wait(NAP_SECONDS)
                return
            self.connection.execute(SLEEPERS.insert().values(worker_id=self.worker_id))
            self.asleep = True
            return  # one more claim: mail queued before our row was seen brings no notification
        driver = self.connection.connection.driver_connection
        for _ in driver.notifies(timeout=seconds, stop_after=1):
            pass
        # Several notifications may have queued up: one claim serves them all.
        for _ in driver.notifies(timeout=0):
            pass

    def has_mail(self):
        """The worker claimed mail: it naps from now on rather than sleeps."""
        self.last_mail_at = time.monotonic()
        if self.asleep:
            self._wake()

    def _wake(self):
        self.connection.execute(SLEEPERS.delete().where(SLEEPERS.c.worker_id == self.worker_id))
        self.asleep = False

    def close(self):
        if self.connection is not None:
            if self.asleep:
                self._wake()
            self.connection.close()  # ends the session, and with it the lock


def recover(own_id, lease_seconds):
    """Return the claims of dead workers: in flight → in doubt, the rest → queued. Flushes;
    returns (queued, in doubt)."""
    owners = db.session.scalars(
        select(OutboxMessage.claimed_by).where(OutboxMessage.status.in_(CLAIMED)).distinct()
    ).all()
    dead = [owner for owner in owners if owner != own_id and _is_dead(owner)]
    sleepers = db.session.scalars(select(OutboxSleeper.worker_id)).all()
    gone = [sleeper for sleeper in sleepers if sleeper != own_id and _is_dead(sleeper)]
    if gone:  # a worker killed in its sleep: the trigger would notify for nobody
        db.session.execute(delete(OutboxSleeper).where(OutboxSleeper.worker_id.in_(gone)))
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
