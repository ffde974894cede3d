"""The delivery message, rendered by the outbox worker when it is sent: the target's results and CSV."""
from ..extensions import db
from ..outbox.emails import email, from_templates
from . import actions, messages
from .models import DeliveryRecipient


@email("delivery.message")
def delivery_message(recipient_id):
    """One recipient's message with the target's aggregated results and attachments."""
    recipient = db.session.get(DeliveryRecipient, recipient_id)
    if recipient is None:
        return None
    delivery, target = recipient.delivery, recipient.target
    results = actions.get(delivery.action_kind).results(delivery.action_id)
    packet = messages.packet(delivery, target, results)
    rendered = from_templates("delivery_message", packet.subject, packet=packet, recipient=recipient)
    rendered.attachments = messages.attachments(delivery, target)
    return rendered
