"""The delivery message, rendered by the outbox worker when it is sent: the target's results and CSV."""
from email.utils import parseaddr, quote

from flask import current_app

from campaign.base.extensions import db
from campaign.base.outbox.emails import DELIVERY, email, from_templates

from . import actions, answer_links, messages
from .models import DeliveryRecipient


def _organizer_language(recipient_id):
    """Deliveries go to targets in the organizer's language: their action's default language."""
    recipient = db.session.get(DeliveryRecipient, recipient_id)
    if recipient is None:
        return None
    return messages.language_of(recipient.delivery)


@email("delivery.message", priority=DELIVERY, language=_organizer_language)
def delivery_message(recipient_id):
    """One recipient's message with the target's aggregated results and attachments."""
    recipient = db.session.get(DeliveryRecipient, recipient_id)
    if recipient is None:
        return None
    delivery, target = recipient.delivery, recipient.target
    results = actions.get(delivery.action_kind).results(delivery.action_id)
    packet = messages.packet(delivery, target, results)
    rendered = from_templates("delivery_message", packet.subject, packet=packet, recipient=recipient,
                              answer_link=answer_links.link(recipient))
    rendered.attachments = messages.attachments(delivery, target)
    if delivery.from_name:
        # The site's own sending address (mail from an organizer's domain would fail its DMARC) under
        # the delivery's name, quoted so that a comma stays in the name (Flask-Mail would join a
        # (name, address) pair unquoted; it encodes a name that is not ASCII itself).
        address = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1]
        rendered.sender = f'"{quote(delivery.from_name)}" <{address}>'
    rendered.reply_to = delivery.reply_to or None
    return rendered
