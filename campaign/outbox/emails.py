"""The kinds of email the outbox knows: each renders a subject, a text and an HTML body.

A domain registers a kind with `@email("signature.confirm")` on a function that takes the outbox
row's params and returns a Rendered email, or None when it should no longer be sent (for example
because the signature it was about has been erased).
"""
from dataclasses import dataclass, field

from flask import render_template

_KINDS = {}


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    headers: dict = field(default_factory=dict)
    attachments: list = field(default_factory=list)  # (filename, content_type, bytes)
    sender: str | None = None  # "Name <address>"; None: MAIL_DEFAULT_SENDER
    reply_to: str | None = None


def email(kind):
    """Register the decorated function as the renderer of `kind`."""

    def register(function):
        _KINDS[kind] = function
        return function

    return register


def kinds():
    """Every registered kind of email."""
    return sorted(_KINDS)


def render(kind, params):
    """Render an outbox row's email; KeyError for an unknown kind."""
    return _KINDS[kind](**params)


def from_templates(name, subject, **context):
    """Render templates/email/<name>.txt and .html with `context` into a Rendered email."""
    return Rendered(
        subject=subject,
        text=render_template(f"email/{name}.txt", **context),
        html=render_template(f"email/{name}.html", **context),
    )
