"""Signed tokens in links (itsdangerous), never stored: the serializer keyed by SECRET_KEY, and the
digest that names a mailbox in a token without its address. Confirmation links
(base.tokens) and unsubscribe links (core.consent.unsubscribe) are both made with these."""
import hashlib

from flask import current_app
from itsdangerous import URLSafeSerializer, URLSafeTimedSerializer


def serializer(salt, timed=True):
    """The serializer of tokens of one kind (`salt`); a timed one's tokens carry their age."""
    kind = URLSafeTimedSerializer if timed else URLSafeSerializer
    return kind(current_app.config["SECRET_KEY"], salt=salt, signer_kwargs={"digest_method": hashlib.sha256})


def mailbox_digest(email_key):
    """A short digest of a mailbox key: a token bound to a mailbox holds this, not the address."""
    return hashlib.sha256(email_key.encode("utf-8")).hexdigest()[:16]
