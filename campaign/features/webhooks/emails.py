"""The mail that tells an organizer their webhook was switched off."""
from flask import url_for

from campaign.base.extensions import db
from campaign.base.outbox.emails import FIRST, email, from_templates

from .models import Webhook


@email("webhook.disabled", priority=FIRST)
def webhook_disabled(webhook_id, reason):
    hook = db.session.get(Webhook, webhook_id)
    if hook is None:
        return None
    return from_templates("webhook_disabled", "Your webhook was switched off", hook=hook, reason=reason,
                          link=url_for("webhooks.index", _external=True))
