"""The outbox worker: claims queued mail in batches, sends it over several connections at once,
and records what happened in batches.

One process runs OUTBOX_CONNECTIONS connections to the mail server (threads with smtplib, through
Flask-Mail's connection code: sending is waiting on the network, which threads do well, and the
rest of the code stays plain and synchronous). The main thread claims a batch of due rows in one
committed UPDATE (PostgreSQL skips rows another worker has locked, so several workers on several
hosts never claim the same row; the most urgent kind first, then the oldest), renders and builds
each message outside any write transaction and puts it on the board (outbox.board: per-domain
rates and pauses), where a free connection takes it. Results are written by the recorder
(outbox.recorder), many rows per transaction. Temporary failures are retried with backoff up to
OUTBOX_MAX_ATTEMPTS, permanent ones recorded; a domain that answers 421 or 451 is paused for
OUTBOX_DOMAIN_PAUSE_SECONDS, with all of its queued mail.

Only the message being handed to the server when a worker dies can be in doubt: each connection
marks its message `in flight` (committed) before the hand-over, and outbox.liveness turns a dead
worker's in-flight rows to `in doubt` and returns its other claimed rows to the queue at once.
"""
import logging
import threading
import time
from contextlib import ExitStack
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from campaign.base.extensions import db
from campaign.base.mail.models import ReturnKind
from campaign.base.mail.suppressions import record as record_return, suppressed_among
from campaign.base.sqlite import read_only_transaction
from campaign.base.timeutil import utcnow

from . import emails, liveness, transports
from .board import Board, Job
from .models import OutboxMessage, OutboxStatus
from .recorder import Recorder

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
RECOVER_EVERY_SECONDS = 5  # how often each worker looks for the claims of dead workers
PAUSE_CODES = {421, 451}  # "service not available", "local error": the domain wants us to slow down
URGENT_POLL_SECONDS = 0.1  # how often a worker whose board is full of bulk mail looks for urgent mail


def backoff(attempts):
    """How long to wait before the next try after `attempts` failed tries."""
    return min(timedelta(minutes=1) * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


CLAIMED_COLUMNS = (OutboxMessage.id, OutboxMessage.kind, OutboxMessage.recipient, OutboxMessage.params,
                   OutboxMessage.attempts, OutboxMessage.next_attempt_at, OutboxMessage.last_error,
                   OutboxMessage.priority)


def claim(batch_size, worker_id, more_urgent_than=None):
    """Claim up to `batch_size` due rows for `worker_id`, most urgent first (only those more urgent
    than the priority `more_urgent_than`, when given), and commit the claim. Returns the claimed
    rows (CLAIMED_COLUMNS) in that order."""
    now = utcnow()
    conditions = [OutboxMessage.status == OutboxStatus.QUEUED, OutboxMessage.next_attempt_at <= now]
    if more_urgent_than is not None:
        conditions.append(OutboxMessage.priority < more_urgent_than)
    due = (
        select(OutboxMessage.id)
        .where(*conditions)
        .order_by(OutboxMessage.priority, OutboxMessage.id)
        .limit(batch_size)
    )
    claim_rows = update(OutboxMessage).values(status=OutboxStatus.SENDING, claimed_by=worker_id, claimed_at=now)
    if db.session.get_bind().dialect.name == "postgresql":
        # A CTE runs once. A locking subquery in the UPDATE's WHERE may be scanned again, see the
        # rows this UPDATE already changed fail its condition, and let LIMIT take further rows.
        due = due.with_for_update(skip_locked=True).cte("due")
        claim_rows = claim_rows.where(OutboxMessage.id == due.c.id)
    else:
        # SQLite has one writer at a time (BEGIN IMMEDIATE), so a plain subquery is safe.
        claim_rows = claim_rows.where(OutboxMessage.id.in_(due.scalar_subquery()))
    rows = db.session.execute(
        claim_rows.where(OutboxMessage.status == OutboxStatus.QUEUED)
        .returning(*CLAIMED_COLUMNS)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return sorted(rows, key=lambda row: (row.priority, row.id))


# A row's result, as the recorder writes it: every column it sets.

def _result(job, status, error, attempts=None, **changes):
    values = {"status": status, "attempts": job.attempts + 1 if attempts is None else attempts,
              "last_error": error, "next_attempt_at": job.next_attempt_at, "sent_at": None,
              "claimed_by": None, "claimed_at": None}
    values.update(changes)
    return values


def sent(job):
    return _result(job, OutboxStatus.SENT, None, sent_at=utcnow())


def refused(job, error):
    return _result(job, OutboxStatus.FAILED, error)


def cancelled(job, error):
    return _result(job, OutboxStatus.CANCELLED, error)


def suppressed(job):
    return _result(job, OutboxStatus.SUPPRESSED, "the mailbox bounced or complained; not sent")


def retry_later(job, error, max_attempts):
    """Queued again after a backoff, or failed after the last attempt."""
    attempts = job.attempts + 1
    if attempts >= max_attempts:
        return _result(job, OutboxStatus.FAILED, error)
    return _result(job, OutboxStatus.QUEUED, error, next_attempt_at=utcnow() + backoff(attempts))


def released(job, not_before=None):
    """Back to the queue untried (the server was unreachable, its domain paused, the worker stopping)."""
    return _result(job, OutboxStatus.QUEUED, job.last_error, attempts=job.attempts,
                   next_attempt_at=max(job.next_attempt_at, not_before) if not_before else job.next_attempt_at)


def _job(row):
    return Job(row.id, row.kind, row.recipient, row.attempts, row.next_attempt_at, row.last_error, row.priority)


def _read_only(rollback=False):
    """Begin the session's next transaction as one that only reads (after ending a failed one)."""
    if rollback:
        db.session.rollback()
    db.session.connection(execution_options=read_only_transaction())


class Worker:
    """One worker process's parts: its presence, recorder, board and connections."""

    def __init__(self, app):
        self.app, config = app, app.config
        self.config = config
        self.id = liveness.new_worker_id()
        self.presence = liveness.Presence(db.engine, self.id)
        self.recorder = Recorder(db.engine, self.id, config["OUTBOX_LEASE_SECONDS"])
        self.board = Board(config["OUTBOX_DOMAIN_RATES"], config["OUTBOX_DOMAIN_RATE"])
        self.unreachable_until = 0.0  # time.monotonic() before which the server is not tried again
        self.connections = [
            threading.Thread(target=self._connection, name=f"outbox-connection-{n}", daemon=True)
            for n in range(max(config["OUTBOX_CONNECTIONS"], 1))
        ]

    def start(self):
        self.recorder.start()
        for thread in self.connections:
            thread.start()

    def stop(self):
        """Let each connection finish its message, put back what was not tried, write the rest."""
        self.board.close()
        for thread in self.connections:
            thread.join()
        for job in self.board.clear():
            self.recorder.finish(job.id, released(job))
        self.recorder.stop()
        self.presence.close()

    @property
    def server_unreachable(self):
        return time.monotonic() < self.unreachable_until

    def fill(self, more_urgent_than=None):
        """Claim a batch (of mail more urgent than that priority, when given), build its messages
        and put them on the board. Returns rows claimed.

        Whatever goes wrong after the claim, no claimed row is left `sending`: one message that
        cannot be loaded, rendered or built is recorded (retried or refused) on its own, and should
        the batch itself fail, its rows not yet on the board go straight back to the queue."""
        rows = claim(self.config["OUTBOX_BATCH_SIZE"], self.id, more_urgent_than)
        if not rows:
            return 0
        waiting = {row.id: _job(row) for row in rows}  # claimed, neither on the board nor recorded
        try:
            # Rendering reads (signatures, deliveries...) and never holds SQLite's write lock.
            _read_only()
            loaded = self._preload(rows)  # noqa: F841  (kept alive: the session holds them weakly)
            unwanted = suppressed_among(row.recipient for row in rows)  # one query a batch
            for row in rows:
                job = waiting[row.id]
                if row.recipient in unwanted:
                    self.recorder.finish(job.id, suppressed(job))
                elif self._build(job, row) and (paused_until := self.board.add(job)):
                    self.recorder.finish(job.id, released(job, paused_until))
                del waiting[row.id]
        except BaseException:
            for job in waiting.values():
                self.recorder.finish(job.id, released(job))
            raise
        finally:
            db.session.remove()
        return len(rows)

    def _preload(self, rows):
        """The batch's records loaded at once; none (each message loads its own) if that fails."""
        try:
            return emails.preload(rows)
        except Exception:
            log.exception("outbox: the records of a batch could not be loaded at once; loading them one by one")
            _read_only(rollback=True)
            return []

    def _build(self, job, row):
        """Render and build `job`'s message; False (its result recorded) when there is none to send."""
        if not emails.is_kind(row.kind):
            self.recorder.finish(job.id, refused(job, f"unknown kind of email: {row.kind}"))
            return False
        try:
            rendered = emails.render(row.kind, row.params)
            if rendered is None:
                self.recorder.finish(job.id, cancelled(job, "nothing to send any more"))
                return False
            job.data = transports.build_message(row, rendered)
            job.envelope_from = transports.envelope_sender(row, rendered)
        except transports.PermanentFailure as error:  # a header with a line break, say
            self.recorder.finish(job.id, refused(job, str(error)))
            return False
        except Exception as error:  # a bug in one kind of mail, or one bad record, must not stop the others
            log.exception("outbox: message %s could not be rendered", job.id)
            _read_only(rollback=True)  # a failed query ends PostgreSQL's transaction for the rest
            self.recorder.finish(job.id, retry_later(job, f"could not be rendered: {error!r}",
                                                     self.config["OUTBOX_MAX_ATTEMPTS"]))
            return False
        return True

    def _connection(self):
        """A connection's thread: take a job, mark it in flight, send it, record the result."""
        with self.app.app_context(), ExitStack() as connection:
            send = None
            while (job := self.board.take()) is not None:
                try:
                    if send is None:
                        send = connection.enter_context(transports.connect())
                    if not self.recorder.hand_over(job.id):
                        self.recorder.finish(job.id, released(job))
                        continue
                    self.recorder.finish(job.id, self._send(send, job))
                except transports.ConnectionLost as error:
                    connection.close()
                    if send is None:  # could not connect: everything waits, untried
                        self._unreachable(error, job)
                    else:
                        self.recorder.finish(job.id, retry_later(job, str(error), self.config["OUTBOX_MAX_ATTEMPTS"]))
                    send = None
                except Exception as error:  # one message must never end a sending thread
                    log.exception("outbox: message %s could not be sent", job.id)
                    self.recorder.finish(job.id, retry_later(job, f"could not be sent: {error!r}",
                                                             self.config["OUTBOX_MAX_ATTEMPTS"]))
                finally:
                    self.board.done()

    def _send(self, send, job):
        """Hand `job` to the server; its result. ConnectionLost passes through."""
        try:
            send(job.envelope_from, [job.recipient], job.data)
        except transports.ConnectionLost:
            raise
        except transports.TemporaryFailure as error:
            if error.code in PAUSE_CODES:
                self._pause(job.domain, str(error))
            if error.code == 421:  # "closing the transmission channel": the next message needs a new one
                raise transports.ConnectionLost(str(error)) from error
            return retry_later(job, str(error), self.config["OUTBOX_MAX_ATTEMPTS"])
        except transports.PermanentFailure as error:
            log.info("outbox: message %s refused permanently", job.id)
            if error.recipient_refused:
                self._mailbox_refused(job, error)
            return refused(job, str(error))
        return sent(job)

    def _mailbox_refused(self, job, error):
        """The server refused the mailbox itself while sending: a hard bounce (suppressed from now on)."""
        try:
            record_return(ReturnKind.HARD, job.recipient, "smtp", str(error)[:3], job.id)
            db.session.commit()
        except Exception:  # the result is still recorded; the next bounce suppresses the mailbox
            db.session.rollback()
            log.exception("outbox: the refusal of message %s could not be recorded as a bounce", job.id)

    def _pause(self, domain, error):
        seconds = self.config["OUTBOX_DOMAIN_PAUSE_SECONDS"]
        log.warning("outbox: %s answered %s; its mail waits %s s", domain, error, seconds)
        until = utcnow() + timedelta(seconds=seconds)
        for held in self.board.pause(domain, until):
            self.recorder.finish(held.id, released(held, until))
        self.recorder.pause_domain(domain, until)

    def _unreachable(self, error, job):
        log.warning("outbox: mail server unavailable (%s); the claimed mail goes back to the queue", error)
        self.unreachable_until = time.monotonic() + self.config["OUTBOX_POLL_SECONDS"]
        for held in [job, *self.board.clear()]:
            self.recorder.finish(held.id, released(held))


def process_batch():
    """Claim one batch of due mail and send it all. Returns the number of rows claimed."""
    worker = Worker(current_app._get_current_object())
    worker.start()
    try:
        claimed = worker.fill()
        while not worker.board.idle:
            time.sleep(0.005)
    finally:
        worker.stop()
    return claimed


# Work besides mail that every worker does every so often: (seconds, function).
_periodic = []


def every(seconds):
    """Register the decorated function (no arguments; it flushes, the worker commits) to be run
    by each worker at most once in `seconds`. It must be safe to run in several workers at once."""

    def register(function):
        _periodic.append((seconds, function))
        return function

    return register


def _run_periodic(last_runs):
    """Run what is due of the periodic work; `last_runs` is this worker's record of it."""
    now = time.monotonic()
    for seconds, function in _periodic:
        if function in last_runs and now - last_runs[function] < seconds:
            continue
        last_runs[function] = now
        try:
            function()
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("outbox worker: periodic %s failed", function.__name__)


def _recover(worker):
    """Return dead workers' claims (see outbox.liveness); commits."""
    queued, in_doubt = liveness.recover(worker.id, worker.config["OUTBOX_LEASE_SECONDS"])
    db.session.commit()
    if queued or in_doubt:
        log.warning("outbox: a worker died; %d of its messages queued again, %d in doubt", queued, in_doubt)


def run(once=False, stop=None):
    """Send mail until stopped; with `once`, until nothing is due. Returns rows claimed."""
    stop = stop or threading.Event()
    config = current_app.config
    worker = Worker(current_app._get_current_object())
    worker.start()
    total, last_runs, recovered = 0, {}, 0.0
    try:
        while not stop.is_set():
            if worker.recorder.error is not None:
                raise RuntimeError("outbox: results can no longer be recorded") from worker.recorder.error
            _run_periodic(last_runs)
            if time.monotonic() - recovered > RECOVER_EVERY_SECONDS:
                _recover(worker)
                recovered = time.monotonic()
            if worker.server_unreachable:
                if once:
                    break
                stop.wait(config["OUTBOX_POLL_SECONDS"])
                continue
            claimed = _fill(worker, once)
            total += claimed
            if claimed:
                worker.presence.has_mail()
                _wait_for_room(worker, config)
            elif not worker.board.idle:
                time.sleep(0.005)  # the last messages are on their way
            elif once:
                break
            else:
                worker.presence.wait_for_mail(config["OUTBOX_POLL_SECONDS"], stop)
    finally:
        worker.stop()
        db.session.remove()
    return total


def _wait_for_room(worker, config):
    """Wait until the board has room for a batch. While bulk mail fills it, take the more urgent
    mail queued meanwhile every URGENT_POLL_SECONDS: a confirmation queued during a 100,000-message
    update is claimed at once and goes before the bulk mail waiting on the board."""
    deadline = time.monotonic() + config["OUTBOX_POLL_SECONDS"]
    while time.monotonic() < deadline:
        if worker.board.wait_for_room(config["OUTBOX_BATCH_SIZE"], URGENT_POLL_SECONDS):
            return
        if worker.board.holds_priority(emails.BULK):
            _fill(worker, once=False, more_urgent_than=emails.BULK)


def _fill(worker, once, more_urgent_than=None):
    try:
        return worker.fill(more_urgent_than)
    except Exception:
        db.session.rollback()
        if once:
            raise
        log.exception("outbox: batch failed; trying again shortly")
        time.sleep(current_app.config["OUTBOX_POLL_SECONDS"])
        return 0


def run_inline(app):
    """Send mail from a daemon thread of the web process (development), from its first request on.

    Started by a request, not by create_app, so that CLI commands never start a worker.
    """
    started = threading.Event()
    lock = threading.Lock()
    stop = app.extensions["outbox_inline_stop"] = threading.Event()

    def work():
        with app.app_context():
            run(stop=stop)

    @app.before_request
    def start_outbox_thread():
        if started.is_set():
            return
        with lock:
            if not started.is_set():
                threading.Thread(target=work, name="outbox-worker", daemon=True).start()
                started.set()
