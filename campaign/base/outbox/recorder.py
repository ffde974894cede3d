"""What a worker's connections did, written to the outbox many rows per transaction.

Each connection marks its next message `in flight` before handing it to the server, and waits
until that mark is committed: a worker that dies leaves exactly those rows in flight, which
become `in doubt` (liveness.recover). The results of messages already tried ride in the same
transaction, so a busy worker commits once for every few messages, not twice for each.

On PostgreSQL these transactions commit with `synchronous_commit = off`: a commit is seen by every
other session at once (which is all a worker's death needs), without waiting for the disk, which
would otherwise hold each message a few milliseconds. Only a crash of PostgreSQL itself may forget
the last fraction of a second of results; those messages may then be sent again. There a round
is one statement (the results as arrays, unnested, and the marks, as data-modifying CTEs) on the
recorder's own connection in autocommit: one round trip, where BEGIN, the setting, the results,
the marks and COMMIT took five.
"""
import threading
import time

from sqlalchemy import ARRAY, BigInteger, Integer, String, Text, any_, bindparam, column, func, select, update

from campaign.base import postgres
from campaign.base.timeutil import UTCDateTime, utcnow

from .models import CLAIMED, OutboxMessage, OutboxStatus

MESSAGES = OutboxMessage.__table__
_COLUMNS = ("status", "attempts", "last_error", "next_attempt_at", "sent_at", "claimed_by", "claimed_at")

# One row's result; every result gives every column, so that one executemany writes them all.
RECORD_RESULT = (
    update(MESSAGES)
    .where(MESSAGES.c.id == bindparam("row_id"), MESSAGES.c.claimed_by == bindparam("worker"))
    .values({name: bindparam(f"new_{name}", type_=MESSAGES.c[name].type) for name in _COLUMNS})
)
MARK_IN_FLIGHT = (
    update(MESSAGES)
    .where(MESSAGES.c.id.in_(bindparam("ids", expanding=True)), MESSAGES.c.claimed_by == bindparam("worker"))
    .values(status=OutboxStatus.IN_FLIGHT)
)
RENEW_LEASE = (
    update(MESSAGES)
    .where(MESSAGES.c.claimed_by == bindparam("worker"), MESSAGES.c.status.in_(CLAIMED))
    .values(claimed_at=bindparam("now", type_=MESSAGES.c.claimed_at.type))
)


def pause(domain, until):
    """Hold every queued message to `domain` until `until`."""
    return (
        update(MESSAGES)
        .where(MESSAGES.c.status == OutboxStatus.QUEUED, MESSAGES.c.next_attempt_at < until,
               func.lower(MESSAGES.c.recipient).endswith(f"@{domain}", autoescape=True))
        .values(next_attempt_at=until)
    )


def _round_statement():
    """PostgreSQL: a round's results (arrays named after RECORD_RESULT's parameters, unnested) and
    in-flight marks (`ids`) as one statement; selects how many rows each changed."""
    types = {"row_id": BigInteger, "status": String, "attempts": Integer, "last_error": Text,
             "next_attempt_at": UTCDateTime, "sent_at": UTCDateTime, "claimed_by": String, "claimed_at": UTCDateTime}
    result = func.unnest(*(bindparam(f"{name}s", type_=ARRAY(type_)) for name, type_ in types.items())).table_valued(
        *(column(name, type_) for name, type_ in types.items())).render_derived(name="result")
    worker = bindparam("worker", type_=String)
    results = (
        update(MESSAGES).where(MESSAGES.c.id == result.c.row_id, MESSAGES.c.claimed_by == worker)
        .values({name: result.c[name] for name in _COLUMNS}).returning(MESSAGES.c.id).cte("results")
    )
    marks = (
        update(MESSAGES).where(MESSAGES.c.id == any_(bindparam("ids", type_=ARRAY(BigInteger))),
                               MESSAGES.c.claimed_by == worker)
        .values(status=OutboxStatus.IN_FLIGHT).returning(MESSAGES.c.id).cte("marks")
    )
    counted = select(func.count()).select_from(results).scalar_subquery()
    return postgres.DriverStatement(select(counted, select(func.count()).select_from(marks).scalar_subquery()))


ROUND = _round_statement()


def _arrays(results):
    """RECORD_RESULT's parameter rows as the arrays of ROUND (an enum as its stored value)."""
    names = ("row_id", *(f"new_{name}" for name in _COLUMNS))
    columns = {name: [row[name] for row in results] for name in names}
    columns["new_status"] = [status.value for status in columns["new_status"]]
    return {f"{name.removeprefix('new_')}s": values for name, values in columns.items()}


class Recorder:
    """Collects results and in-flight marks from the connections; a thread of its own writes them."""

    def __init__(self, engine, worker_id, lease_seconds):
        self.engine, self.worker_id, self.lease_seconds = engine, worker_id, lease_seconds
        self._condition = threading.Condition()
        self._results, self._in_flight, self._pauses = [], [], []
        self._queued_round = self._written_round = 0
        self._stopping = False
        self.error = None
        self._own = None  # on PostgreSQL, the recorder's own connection (_write_apart)
        self._thread = threading.Thread(target=self._run, name="outbox-recorder", daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        """Write what is left, then end the thread."""
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self._thread.join()

    def finish(self, row_id, values):
        """Record a row's result (`values` of every column in _COLUMNS); written soon, not waited for."""
        with self._condition:
            self._results.append({"row_id": row_id, "worker": self.worker_id,
                                  **{f"new_{name}": values[name] for name in _COLUMNS}})
            self._condition.notify_all()

    def pause_domain(self, domain, until):
        """Hold every queued message to `domain` until `until`, whichever worker claims it."""
        with self._condition:
            self._pauses.append((domain, until))
            self._condition.notify_all()

    def hand_over(self, row_id):
        """Mark a row in flight and wait until the mark is committed (False if it could not be)."""
        with self._condition:
            self._in_flight.append(row_id)
            round_ = self._queued_round + 1
            self._condition.notify_all()
            while self._written_round < round_ and self.error is None:
                self._condition.wait()
            return self.error is None

    def _run(self):
        try:
            self._loop()
        finally:
            self._close()

    def _loop(self):
        renewed = time.monotonic()
        while True:
            with self._condition:
                while not (self._results or self._in_flight or self._pauses or self._stopping):
                    if not self._condition.wait(timeout=max(self.lease_seconds / 4, 0.05)):
                        break
                results, in_flight, pauses = self._results, self._in_flight, self._pauses
                self._results, self._in_flight, self._pauses = [], [], []
                self._queued_round += 1
                round_, stopping = self._queued_round, self._stopping
            try:
                renew = time.monotonic() - renewed > self.lease_seconds / 4
                self._write(results, in_flight, pauses, renew)
                if renew:
                    renewed = time.monotonic()
            except Exception as error:  # the database is gone: connections stop handing over
                with self._condition:
                    self.error = error
                    self._condition.notify_all()
                raise
            with self._condition:
                self._written_round = round_
                self._condition.notify_all()
            if stopping and not (self._results or self._in_flight or self._pauses):
                return

    def _write(self, results, in_flight, pauses, renew):
        if not (results or in_flight or pauses or renew):
            return
        if self.engine.dialect.name == "postgresql":
            self._write_apart(results, in_flight, pauses, renew)
            return
        with self.engine.begin() as connection:
            if results:
                connection.execute(RECORD_RESULT, results)
            if in_flight:
                connection.execute(MARK_IN_FLIGHT, {"ids": in_flight, "worker": self.worker_id})
            for domain, until in pauses:
                connection.execute(pause(domain, until))
            if renew:
                connection.execute(RENEW_LEASE, {"worker": self.worker_id, "now": utcnow()})

    def _write_apart(self, results, in_flight, pauses, renew):
        """PostgreSQL: the round as one statement on the recorder's own connection (autocommit,
        `synchronous_commit = off` for all it writes; closed at the end, never pooled again), then any
        pause or lease renewal (rare) each as its own."""
        if self._own is None:
            self._own = postgres.autocommit(self.engine).connect()
            self._own.exec_driver_sql("SET synchronous_commit = off")
        if results or in_flight:
            ROUND.first_row(self._own, {**_arrays(results), "ids": in_flight, "worker": self.worker_id})
        for domain, until in pauses:
            self._own.execute(pause(domain, until))
        if renew:
            self._own.execute(RENEW_LEASE, {"worker": self.worker_id, "now": utcnow()})

    def _close(self):
        if self._own is not None:
            self._own.invalidate()  # closed, not pooled: its setting must not reach the pool's other users
            self._own.close()
            self._own = None
