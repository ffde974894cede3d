"""Confirmation tokens: signed (never stored), bound to a record and its mailbox, expiring.

Signatures use them as they are; other things confirmed by email (sign-ons of letters and
endorsements) pass their own `salt`, so a token made for one kind never confirms another. Any
record with `id` and `email_key` can be confirmed this way.
"""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired

from campaign.base.extensions import db
from campaign.base.signed import mailbox_digest, serializer

SALT = "signature-confirmation"


class InvalidToken(Exception):
    """The token was not made by us, or was altered."""


class ExpiredToken(Exception):
    """The token was ours but is too old; `signature_id` says whose it was."""

    def __init__(self, signature_id):
        super().__init__(signature_id)
        self.signature_id = signature_id


def make(signature, salt=SALT):
    """A token that confirms `signature` (or another record, with its own `salt`)."""
    return serializer(salt).dumps([signature.id, mailbox_digest(signature.email_key)])


def read(token, salt=SALT, max_age_days=None):
    """The (record id, mailbox digest) a token stands for; InvalidToken or ExpiredToken once
    older than `max_age_days` (CONFIRMATION_MAX_AGE_DAYS unless given)."""
    if max_age_days is None:
        max_age_days = current_app.config["CONFIRMATION_MAX_AGE_DAYS"]
    max_age = max_age_days * 86400
    tokens = serializer(salt)
    try:
        signature_id, digest = tokens.loads(token, max_age=max_age)
    except SignatureExpired as error:
        try:
            signature_id = tokens.load_payload(error.payload)[0]
        except (BadSignature, TypeError, IndexError, KeyError):
            raise InvalidToken() from None
        raise ExpiredToken(signature_id) from None
    except (BadSignature, ValueError, TypeError):
        raise InvalidToken() from None
    return signature_id, digest


def matches(signature, digest):
    """Whether the token's mailbox digest is this record's (it is not once erased)."""
    return signature is not None and mailbox_digest(signature.email_key) == digest


def load(model, token, salt=SALT, max_age_days=None, **get):
    """The `model` record `token` stands for (loaded with `get`, Session.get's keywords): the one
    way every emailed link finds its record. InvalidToken when the token is not ours or was altered,
    or the record is gone or no longer has the token's mailbox (erased); ExpiredToken when old."""
    record_id, digest = read(token, salt, max_age_days)
    record = db.session.get(model, record_id, **get)
    if not matches(record, digest):
        raise InvalidToken()
    return record
