"""Putting mail in the outbox. The row joins the caller's transaction and is sent after commit."""
from ..extensions import db
from .models import OutboxMessage


def enqueue(kind, recipient, **params):
    """Queue an email of `kind` (see outbox.emails) to `recipient`; the worker renders it."""
    message = OutboxMessage(kind=kind, recipient=recipient, params=params)
    db.session.add(message)
    return message
