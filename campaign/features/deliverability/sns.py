"""Amazon SES notifications through SNS: the message's signature checked, then its bounces and
complaints read.

SNS signs each message with the certificate at its SigningCertURL (SignatureVersion 1: SHA1 with
RSA, 2: SHA256 with RSA) over the fields AWS lists for its Type, each as "Name\\nvalue\\n". The
certificate is fetched only from a URL matching SNS_CERT_URL_PATTERN (https on an amazonaws.com
host), and a message counts only from a topic in SES_SNS_TOPIC_ARNS: anyone can sign messages
with SNS for a topic of their own.
"""
import base64
import json
import re
import urllib.request
from functools import lru_cache

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from flask import current_app

from campaign.base.mail import returnpath
from campaign.base.mail.models import ReturnKind

from .bounces import Returned

SIGNED_FIELDS = {
    "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
    "SubscriptionConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
    "UnsubscribeConfirmation": ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
}
HASHES = {"1": hashes.SHA1, "2": hashes.SHA256}
MAX_CERTIFICATE_BYTES = 64 * 1024


class InvalidMessage(ValueError):
    """Not a genuine SNS message from a topic of ours; the text says why (for the log)."""


def verified(body):
    """The SNS message in `body` (bytes or text) as a dict, once its signature and topic are
    checked; InvalidMessage otherwise."""
    try:
        message = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise InvalidMessage("not JSON") from None
    if not isinstance(message, dict) or not all(
            isinstance(message.get(name, ""), str) for name in ("Type", "SignatureVersion", "TopicArn")):
        raise InvalidMessage("not an SNS message")
    fields = SIGNED_FIELDS.get(message.get("Type"))
    algorithm = HASHES.get(message.get("SignatureVersion"))
    if fields is None or algorithm is None:
        raise InvalidMessage("unknown Type or SignatureVersion")
    if not all(isinstance(message.get(name, ""), str) for name in (*fields, "Signature", "SigningCertURL")):
        raise InvalidMessage("not an SNS message")
    if message.get("TopicArn") not in _topics():
        raise InvalidMessage("a topic not in SES_SNS_TOPIC_ARNS")
    signed = "".join(f"{name}\n{message[name]}\n" for name in fields if name in message).encode("utf-8")
    try:
        signature = base64.b64decode(message.get("Signature", ""), validate=True)
        public_key = _certificate(message.get("SigningCertURL", "")).public_key()
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise InvalidMessage("not an RSA certificate")
        public_key.verify(signature, signed, padding.PKCS1v15(), algorithm())
    except (InvalidSignature, ValueError, OSError) as error:
        raise InvalidMessage(f"bad signature ({error.__class__.__name__})") from None
    return message


def _topics():
    return {arn.strip() for arn in (current_app.config.get("SES_SNS_TOPIC_ARNS") or "").split(",") if arn.strip()}


def _certificate(url):
    if not re.fullmatch(current_app.config["SNS_CERT_URL_PATTERN"], url):
        raise InvalidMessage("SigningCertURL not on an allowed host")
    return _fetched(url)


@lru_cache(maxsize=16)
def _fetched(url):
    # The URL matched SNS_CERT_URL_PATTERN (https, amazonaws.com by default) just before.
    with urllib.request.urlopen(url, timeout=10) as response:  # nosec B310
        data = response.read(MAX_CERTIFICATE_BYTES)
    return x509.load_pem_x509_certificate(data)


def returns(message):
    """The bounces and complaints of a verified Notification (an SES event), as Returned."""
    try:
        event = json.loads(message["Message"])
    except ValueError:
        raise InvalidMessage("the Message is not an SES notification") from None
    if not isinstance(event, dict):
        raise InvalidMessage("the Message is not an SES notification")
    kind = event.get("notificationType") or event.get("eventType")
    mail = event.get("mail") if isinstance(event.get("mail"), dict) else {}
    outbox_id = returnpath.message_id(mail.get("source")) if isinstance(mail.get("source"), str) else None
    if kind == "Bounce":
        bounce = _dict(event.get("bounce"))
        returned = ReturnKind.HARD if bounce.get("bounceType") == "Permanent" else ReturnKind.SOFT
        recipients = _list(bounce.get("bouncedRecipients"))
    elif kind == "Complaint":
        returned, recipients = ReturnKind.COMPLAINT, _list(_dict(event.get("complaint")).get("complainedRecipients"))
    else:
        return []
    found = []
    for recipient in recipients:
        address = recipient.get("emailAddress") if isinstance(recipient, dict) else None
        if isinstance(address, str) and "@" in address:
            status = recipient.get("status") if isinstance(recipient.get("status"), str) else ""
            # One message may have several recipients; the return path names the message, not whom.
            found.append(Returned(returned, address, "ses", status, outbox_id if len(recipients) == 1 else None))
    return found


def _dict(value):
    return value if isinstance(value, dict) else {}


def _list(value):
    return value if isinstance(value, list) else []
