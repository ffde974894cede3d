"""What each webhook event carries: the API's own OSDI resources (campaign/features/api/serializers)."""
from flask import url_for

from campaign.base.extensions import db
from campaign.core.signatures.models import Signature
from campaign.features.api import serializers
from campaign.features.deliveries.models import Delivery


def signature_confirmed(signature_id):
    """(payload, the mailbox's key) of a counted signature."""
    signature = db.session.get(Signature, signature_id, populate_existing=True)  # confirm() UPDATEs in Core
    return {"osdi:signature": serializers.signature(signature)}, signature.email_key


def sign_on_approved(sign_on):
    """An approved sign-on of a letter (an OSDI outreach) or endorsement of a petition."""
    kind = "organization" if hasattr(sign_on, "contact_name") else "individual"
    if getattr(sign_on, "letter_id", None):
        return {"osdi:outreach": serializers.outreach(sign_on, kind)}, sign_on.email_key
    return {"endorsement": serializers.endorsement(sign_on)}, sign_on.email_key


def delivery_sent(delivery_id):
    delivery = db.session.get(Delivery, delivery_id)
    action = (url_for("api.petition", petition_id=delivery.action_id, _external=True)
              if delivery.action_kind == "petition" else
              url_for("api.letter", letter_id=delivery.action_id, _external=True))
    return {"delivery": {
        "identifiers": [f"campaign:delivery:{delivery.id}"],
        "subject": delivery.subject,
        "sent_date": serializers.iso(delivery.queued_at),
        "recipients": len(delivery.recipients),
        "_links": {"action": {"href": action}},
    }}, None


def person(address):
    """A person known only by their address (unsubscribed, or erased)."""
    return {"osdi:person": {"email_addresses": [{"address": address}]}}
