"""The outbox worker: claims queued mail, sends it, and records what happened.

Several workers may run at once: a row is claimed by one worker in a committed UPDATE before it
is sent (PostgreSQL skips rows another worker has locked), so no row is sent twice. A row left
in `sending` by a worker that died is not sent again automatically, because nobody can know
whether the server accepted it; it is marked failed and can be retried by hand.
"""
import logging
import threading
import time
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from ..extensions import db
from ..deliverability.models import ReturnKind
from ..deliverability.suppressions import record as record_return, suppressed_among
from ..timeutil import utcnow
from . import emails, transports
from .models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=15)
MAX_BACKOFF = timedelta(hours=6)


def backoff(attempts):
    """How long to wait before the next try after `attempts` failed tries."""
    return min(timedelta(minutes=1) * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def claim(batch_size, worker_id):
    """Claim up to `batch_size` due rows for `worker_id` and commit the claim."""
    now = utcnow()
    due = (
        select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.QUEUED, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
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
    db.session.execute(
        claim_rows.where(OutboxMessage.status == OutboxStatus.QUEUED).execution_options(synchronize_session=False)
    )
    db.session.commit()
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.claimed_by == worker_id, OutboxMessage.status == OutboxStatus.SENDING)
            .order_by(OutboxMessage.id)
        )
    )


def fail_stale():
    """Mark rows whose worker died while sending as failed (never resent on their own)."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_at < utcnow() - STALE_AFTER)
        .values(status=OutboxStatus.FAILED, last_error="interrupted while sending; not resent automatically")
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


def process_batch(worker_id=None):
    """Send one batch of due mail. Returns the number of rows claimed."""
    worker_id = worker_id or uuid.uuid4().hex
    config = current_app.config
    rows = claim(config["OUTBOX_BATCH_SIZE"], worker_id)
    if not rows:
        return 0
    remaining = list(rows)
    suppressed = suppressed_among(row.recipient for row in rows)
    try:
        with transports.connect() as send:
            while remaining:
                row = remaining[0]
                if row.recipient in suppressed:
                    _finish(row, OutboxStatus.SUPPRESSED, "the mailbox bounced or complained; not sent")
                else:
                    _deliver(row, send, config)
                remaining.pop(0)
                db.session.commit()
    except transports.ConnectionLost as error:
        log.warning("outbox: mail server unavailable (%s); %d rows wait", error, len(remaining))
        if remaining and remaining[0].status is OutboxStatus.SENDING:
            _retry_later(remaining.pop(0), str(error), config)
        for row in remaining:
            row.status, row.claimed_by, row.claimed_at = OutboxStatus.QUEUED, None, None
        db.session.commit()
    return len(rows)


def _deliver(row, send, config):
    try:
        rendered = emails.render(row.kind, row.params)
    except KeyError:
        _finish(row, OutboxStatus.FAILED, f"unknown kind of email: {row.kind}")
        return
    if rendered is None:
        _finish(row, OutboxStatus.CANCELLED, "nothing to send any more")
        return
    try:
        send(transports.build_message(row, rendered))
    except transports.ConnectionLost:
        raise
    except transports.TemporaryFailure as error:
        _retry_later(row, str(error), config)
    except transports.PermanentFailure as error:
        log.info("outbox: message %s refused permanently", row.id)
        _finish(row, OutboxStatus.FAILED, str(error))
        if error.recipient_refused:
            record_return(ReturnKind.HARD, row.recipient, "smtp", str(error)[:3], row.id)
    else:
        row.sent_at = utcnow()
        _finish(row, OutboxStatus.SENT, None)


def _finish(row, status, error):
    row.status, row.last_error, row.claimed_by = status, error, None
    row.attempts += 1


def _retry_later(row, error, config):
    row.attempts += 1
    row.last_error = error
    row.claimed_by, row.claimed_at = None, None
    if row.attempts >= config["OUTBOX_MAX_ATTEMPTS"]:
        row.status = OutboxStatus.FAILED
    else:
        row.status = OutboxStatus.QUEUED
        row.next_attempt_at = utcnow() + backoff(row.attempts)


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


def run(once=False, stop=None):
    """Send mail until stopped; with `once`, until nothing is due. Returns rows claimed."""
    stop = stop or threading.Event()
    worker_id = uuid.uuid4().hex
    total = 0
    fail_stale()
    last_runs = {}
    while not stop.is_set():
        _run_periodic(last_runs)
        try:
            claimed = process_batch(worker_id)
        except Exception:
            db.session.rollback()
            if once:
                raise
            log.exception("outbox: batch failed; trying again shortly")
            claimed = 0
        finally:
            db.session.remove()
        total += claimed
        if claimed == 0:
            if once:
                break
            stop.wait(current_app.config["OUTBOX_POLL_SECONDS"])
    return total


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
