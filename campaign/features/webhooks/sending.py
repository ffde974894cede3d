"""Sending webhook deliveries: `flask webhooks work`.

The outbox's design (campaign/base/outbox/worker.py): a worker claims due rows with one UPDATE and
commits the claim (PostgreSQL skips rows another worker has locked, so several workers never
claim one row); a claim older than WEBHOOKS_LEASE_SECONDS belongs to a worker that died and is
queued again. Delivery is at least once: a receiver tells a repeat by the event's `id`.

Each webhook's claimed rows go in POSTs of up to WEBHOOKS_BATCH_SIZE events: a JSON array, signed
(`sign`). A 2xx answer sends them all; anything else (or no answer) queues them again after the
outbox's backoff, until WEBHOOKS_MAX_ATTEMPTS; WEBHOOKS_MAX_FAILURES failed POSTs in a row switch
the webhook off and mail its organizer. Redirects are not followed.
"""
import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import threading
import time
import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from campaign.base.extensions import db
from campaign.base.outbox.worker import backoff
from campaign.base.timeutil import utcnow
from campaign.features.api.serializers import iso

from . import destinations, operations
from .models import DeliveryStatus, Webhook, WebhookDelivery

log = logging.getLogger(__name__)
TIMESTAMP_HEADER = "Campaign-Webhook-Timestamp"
SIGNATURE_HEADER = "Campaign-Webhook-Signature"


def sign(secret, timestamp, body):
    """The signature header's value: HMAC-SHA256, keyed by the secret, of "<timestamp>.<body>"."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def body_of(rows):
    """The JSON array one POST carries: each event with its id, name, date and payload."""
    return json.dumps([{"id": row.id, "event": row.event, "created_date": iso(row.created_at), **row.payload}
                       for row in rows], separators=(",", ":")).encode()


def post(url, body, headers, timeout, allow_private):
    """POST `body` to `url`, connected to the address checked (destinations.resolve); returns
    the HTTP status. RefusedDestination, OSError or HTTPException when it could not be sent."""
    scheme, host, port, path = destinations.check_url(url, allow_private)
    address = destinations.resolve(host, port, allow_private)
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    # Connect to the address checked, not to whatever the name resolves to next (DNS rebinding);
    # TLS still checks the certificate against the host name.
    connection._create_connection = lambda _, *args, **kwargs: socket.create_connection((address, port), *args,
                                                                                         **kwargs)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return response.status
    finally:
        connection.close()


def claim(batch_size, worker_id):
    """Claim up to `batch_size` due rows for `worker_id`, oldest first, and commit the claim."""
    now = utcnow()
    due = (select(WebhookDelivery.id)
           .where(WebhookDelivery.status == DeliveryStatus.QUEUED, WebhookDelivery.next_attempt_at <= now)
           .order_by(WebhookDelivery.id).limit(batch_size))
    claim_rows = update(WebhookDelivery).values(status=DeliveryStatus.SENDING, claimed_by=worker_id, claimed_at=now)
    if db.session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True).cte("due")
        claim_rows = claim_rows.where(WebhookDelivery.id == due.c.id)
    else:  # SQLite has one writer at a time
        claim_rows = claim_rows.where(WebhookDelivery.id.in_(due.scalar_subquery()))
    ids = db.session.scalars(claim_rows.where(WebhookDelivery.status == DeliveryStatus.QUEUED)
                             .returning(WebhookDelivery.id).execution_options(synchronize_session=False)).all()
    db.session.commit()
    return db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.id.in_(ids))
                              .order_by(WebhookDelivery.id)).all()


def recover(lease_seconds):
    """Queue again the claims of workers that died (older than the lease). Returns how many."""
    expired = utcnow() - timedelta(seconds=lease_seconds)
    return db.session.execute(
        update(WebhookDelivery).where(WebhookDelivery.status == DeliveryStatus.SENDING,
                                      WebhookDelivery.claimed_at < expired)
        .values(status=DeliveryStatus.QUEUED, claimed_by=None, claimed_at=None)
        .execution_options(synchronize_session=False)).rowcount


def send_batch(hook, rows, config):
    """One POST of `rows` to `hook`; records the result on the rows and the webhook (commits)."""
    body = body_of(rows)
    timestamp = str(int(time.time()))
    headers = {"Content-Type": "application/json", "User-Agent": "campaign-webhooks",
               TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: sign(hook.secret, timestamp, body)}
    status, error = None, None
    try:
        status = post(hook.url, body, headers, config["WEBHOOKS_TIMEOUT_SECONDS"], config["WEBHOOKS_ALLOW_PRIVATE"])
        if not 200 <= status < 300:
            error = f"the receiver answered {status}"
    except (destinations.RefusedDestination, OSError, http.client.HTTPException) as failure:
        error = str(failure) or type(failure).__name__
    now = utcnow()
    for row in rows:
        row.attempts += 1
        row.last_status, row.last_error, row.claimed_by, row.claimed_at = status, error, None, None
        if error is None:
            row.status, row.sent_at = DeliveryStatus.SENT, now
        elif row.attempts >= config["WEBHOOKS_MAX_ATTEMPTS"]:
            row.status = DeliveryStatus.FAILED
        else:
            row.status, row.next_attempt_at = DeliveryStatus.QUEUED, now + backoff(row.attempts)
    hook.failures = 0 if error is None else hook.failures + 1
    db.session.flush()
    if error is not None:
        log.warning("webhook %s: %d events not sent: %s", hook.id, len(rows), error)
        if hook.failures >= config["WEBHOOKS_MAX_FAILURES"]:
            operations.switch_off(hook, f"{hook.failures} tries in a row failed; the last: {error}")
            log.warning("webhook %s switched off", hook.id)
    db.session.commit()
    return error is None


def send_due(worker_id):
    """Recover dead workers' claims, claim what is due and send it, a POST per webhook and
    batch. Returns how many rows it handled."""
    config = current_app.config
    recover(config["WEBHOOKS_LEASE_SECONDS"])
    db.session.commit()
    rows = claim(config["WEBHOOKS_BATCH_SIZE"] * 4, worker_id)
    by_hook = {}
    for row in rows:
        by_hook.setdefault(row.webhook_id, []).append(row)
    for hook_id, hook_rows in by_hook.items():
        hook = db.session.get(Webhook, hook_id)
        if not operations.may_receive(hook):
            reason = ("the webhook was switched off" if not hook.is_active
                      else "its organizer's account is closed or may no longer edit")
            for row in hook_rows:
                row.status, row.last_error, row.claimed_by, row.claimed_at = DeliveryStatus.FAILED, reason, None, None
            db.session.commit()
            continue
        size = config["WEBHOOKS_BATCH_SIZE"]
        for start in range(0, len(hook_rows), size):
            if not send_batch(hook, hook_rows[start:start + size], config) or not hook.is_active:
                break  # the receiver is failing: its other batches wait for their turn again
    leftover = [row.id for row in rows if row.status is DeliveryStatus.SENDING]
    if leftover:
        db.session.execute(update(WebhookDelivery).where(WebhookDelivery.id.in_(leftover))
                           .values(status=DeliveryStatus.QUEUED, claimed_by=None, claimed_at=None)
                           .execution_options(synchronize_session=False))
        db.session.commit()
    return len(rows)


def run(once=False, stop=None):
    """Send webhook deliveries until stopped; with `once`, until nothing is due. Returns rows handled."""
    stop = stop or threading.Event()
    worker_id = f"{socket.gethostname()}-{uuid.uuid4().hex[:8]}"
    total = 0
    try:
        while not stop.is_set():
            handled = send_due(worker_id)
            total += handled
            if not handled:
                if once:
                    break
                stop.wait(current_app.config["WEBHOOKS_POLL_SECONDS"])
    finally:
        db.session.remove()
    return total
