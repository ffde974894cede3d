"""Registering webhooks and writing their deliveries. They flush, never commit.

Every event the domain announces (campaign.base.events) becomes one `WebhookDelivery` per active
webhook that takes it, in the event's transaction: nothing is sent for a change that rolled back,
and nothing is lost when the change commits. The worker (campaign/features/webhooks/sending.py) sends them.
"""
import secrets

from flask import current_app
from sqlalchemy import delete, insert, select, update

from campaign.base import caches, events
from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.outbox.operations import enqueue
from campaign.base.timeutil import utcnow
from campaign.core.accounts.access import EDITORS
from campaign.core.accounts.models import Organizer

from . import destinations, payloads
from .models import TEST_EVENT, DeliveryStatus, Webhook, WebhookDelivery

DELIVERIES = WebhookDelivery.__table__


def register(organizer, url, event_names):
    """A new webhook of `organizer`'s and its secret (shown to them, kept to sign with)."""
    destinations.check_url(url, current_app.config["WEBHOOKS_ALLOW_PRIVATE"])
    hook = Webhook(organizer_id=organizer.id, url=url, secret="whsec_" + secrets.token_urlsafe(32),
                   events=" ".join(event_names))
    db.session.add(hook)
    db.session.flush()
    return hook


def record(event, build):
    """Queue `event` for every active webhook that takes it; `build()` gives (payload, mailbox key
    or None) and is called only when one does. Returns how many rows it wrote."""
    hooks = [hook_id for hook_id, names in caches.remembered(("active-webhooks",), _active) if event in names]
    if not hooks:
        return 0
    payload, email_key = build()
    db.session.execute(insert(DELIVERIES), [
        {"webhook_id": hook_id, "event": event, "payload": payload, "email_key": email_key,
         "status": DeliveryStatus.QUEUED, "attempts": 0, "next_attempt_at": utcnow(), "created_at": utcnow()}
        for hook_id in hooks])
    return len(hooks)


def _active():
    """[(webhook id, its event names)] of every active webhook, read at most PUBLIC_RENDER_CACHE_SECONDS
    ago (caches.remembered): a confirmation costs no webhook query. A webhook made or switched on
    that long ago may miss events; the worker checks at sending that its organizer may still have them.
    Personal data goes only to the webhooks of active owners and organizers (as the API's)."""
    return [(hook_id, frozenset(names.split())) for hook_id, names in db.session.execute(
        select(Webhook.id, Webhook.events).join(Webhook.organizer)
        .where(Webhook.is_active, Organizer.is_active, Organizer.role.in_(EDITORS)))]


def may_receive(hook):
    """Whether `hook` may be sent what it queued: it is on, and its organizer is active and may edit."""
    return hook.is_active and hook.organizer.is_active and hook.organizer.role in EDITORS


def send_test(hook):
    """Queue a test event for one webhook, whatever the events it takes."""
    db.session.add(WebhookDelivery(webhook_id=hook.id, event=TEST_EVENT,
                                   payload={"message": "A test from campaign: this webhook works."}))
    db.session.flush()


def replay(delivery_ids):
    """Queue these deliveries again (sent or failed: the receiver asked, or was down). Returns how many."""
    return db.session.execute(
        update(WebhookDelivery).where(WebhookDelivery.id.in_(delivery_ids), WebhookDelivery.status.in_(
            [DeliveryStatus.SENT, DeliveryStatus.FAILED]))
        .values(status=DeliveryStatus.QUEUED, attempts=0, last_error=None, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount


def switch_on(hook):
    """Send again to a webhook that was switched off (its failed deliveries stay failed: replay them)."""
    hook.is_active, hook.failures, hook.disabled_at = True, 0, None
    db.session.flush()


def switch_off(hook, reason):
    """Stop sending to a webhook that keeps failing; fail what it has queued; mail its organizer."""
    hook.is_active, hook.disabled_at = False, utcnow()
    db.session.execute(
        update(WebhookDelivery).where(WebhookDelivery.webhook_id == hook.id,
                                      WebhookDelivery.status == DeliveryStatus.QUEUED)
        .values(status=DeliveryStatus.FAILED, last_error="the webhook was switched off")
        .execution_options(synchronize_session=False))
    enqueue("webhook.disabled", hook.organizer.email, webhook_id=hook.id, reason=reason)
    db.session.flush()


# The domain's events, each queued for the webhooks that take it (the signal's name is the
# event's): what builds its (payload, mailbox key) from what the signal sends.
FORWARDED = {
    events.signature_confirmed: payloads.signature_confirmed,
    events.signon_approved: payloads.sign_on_approved,
    events.endorsement_approved: payloads.sign_on_approved,
    events.delivery_sent: payloads.delivery_sent,
    events.person_unsubscribed: lambda email_key: (payloads.person(email_key), email_key),
}


def _forward(signal, build):
    # weak=False: blinker would otherwise forget a receiver that nothing else holds.
    signal.connect(lambda sender: record(signal.name, lambda: build(sender)), weak=False)


for _signal, _build in FORWARDED.items():
    _forward(_signal, _build)


@events.person_erased.connect
def _person_erased(address):
    """Forget what the queue holds about the person (their signatures' payloads, sent or not),
    then tell the webhooks that take it whom to forget."""
    email_key = mailbox_key(address)
    db.session.execute(delete(WebhookDelivery).where(WebhookDelivery.email_key == email_key)
                       .execution_options(synchronize_session=False))
    record("person.erased", lambda: (payloads.person(address), None))
