"""Confirmation tokens: signed (never stored), bound to a record and its mailbox, expiring.

Signatures use them as they are; other things confirmed by email (sign-ons of letters and
endorsements) pass their own `salt`, so a token made for one kind never confirms another. Any
record with `id` and `email_key` can be confirmed this way.
"""
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

SALT = "signature-confirmation"


class InvalidToken(Exception):
    """The token was not made by us, or was altered."""


class ExpiredToken(Exception):
    """The token was ours but is too old; `signature_id` says whose it was."""

    def __init__(self, signature_id):
        super().__init__(signature_id)
        self.signature_id = signature_id


def _serializer(salt):
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt=salt, signer_kwargs={"digest_method": hashlib.sha256}
    )


def _mailbox_digest(email_key):
    return hashlib.sha256(email_key.encode("utf-8")).hexdigest()[:16]


def make(signature, salt=SALT):
    """A token that confirms `signature` (or another record, with its own `salt`)."""
    return _serializer(salt).dumps([signature.id, _mailbox_digest(signature.email_key)])


def read(token, salt=SALT, max_age_days=None):
    """The (record id, mailbox digest) a token stands for; InvalidToken or ExpiredToken once
    older than `max_age_days` (CONFIRMATION_MAX_AGE_DAYS unless given)."""
    if max_age_days is None:
        max_age_days = current_app.config["CONFIRMATION_MAX_AGE_DAYS"]
    max_age = max_age_days * 86400
    serializer = _serializer(salt)
    try:
        signature_id, digest = serializer.loads(token, max_age=max_age)
    except SignatureExpired as error:
        try:
            signature_id = serializer.load_payload(error.payload)[0]
        except (BadSignature, TypeError, IndexError, KeyError):
            raise InvalidToken() from None
        raise ExpiredToken(signature_id) from None
    except (BadSignature, ValueError, TypeError):
        raise InvalidToken() from None
    return signature_id, digest


def matches(signature, digest):
    """Whether the token's mailbox digest is this record's (it is not once erased)."""
    return signature is not None and _mailbox_digest(signature.email_key) == digest
