"""Unsubscribe links: signed tokens (itsdangerous), never stored, naming a mailbox by reference.

The token holds a signature's id and a digest of its mailbox key, not the address, so links
in mail and server logs reveal nobody. An opt-out covers the mailbox across every action.
Every mail to a signer is built by `to_signer`, so none goes out without the link and headers.
"""
from flask import url_for
from itsdangerous import BadSignature

from campaign.base.outbox.emails import from_templates
from campaign.base.signed import mailbox_digest, serializer

SALT = "unsubscribe"


# kind -> a function from a record's id to its mailbox key (None when gone); each domain that
# mails signers registers its records' kind ("s" signatures, "o" and "i" sign-ons).
KINDS = {}


def register(kind, mailbox_of):
    """Let unsubscribe tokens of `kind` name records whose mailbox key `mailbox_of(id)` gives."""
    KINDS[kind] = mailbox_of


def make(kind, record_id, email_key):
    """The token of an unsubscribe link for the mailbox of a record (a signature: kind "s")."""
    return serializer(SALT, timed=False).dumps([kind, record_id, mailbox_digest(email_key)])


def mailbox(token):
    """The mailbox key a token stands for, or None when it is not ours or the record is gone."""
    try:
        kind, record_id, digest = serializer(SALT, timed=False).loads(token)
        email_key = KINDS[kind](int(record_id))
    except (BadSignature, ValueError, TypeError, KeyError):
        return None
    if email_key is None or mailbox_digest(email_key) != digest:
        return None
    return email_key


def link(kind, record_id, email_key):
    return url_for("privacy.unsubscribe", token=make(kind, record_id, email_key), _external=True)


def headers(unsubscribe_link):
    """RFC 2369 and RFC 8058 headers: mail programs show an unsubscribe button that POSTs."""
    return {"List-Unsubscribe": f"<{unsubscribe_link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def to_signer(template, subject, kind, record_id, email_key, /, **context):
    """A mail to a signer (templates/email/<template>.txt and .html): its unsubscribe link in the
    context (the templates include email/_unsubscribe) and the List-Unsubscribe headers."""
    unsubscribe_link = link(kind, record_id, email_key)
    rendered = from_templates(template, subject, unsubscribe_link=unsubscribe_link, **context)
    rendered.headers.update(headers(unsubscribe_link))
    return rendered
