"""The kinds of email the outbox knows: each renders a subject, a text and an HTML body.

A domain registers a kind with `@email("signature.confirm")` on a function that takes the outbox
row's params and returns a Rendered email, or None when it should no longer be sent (for example
because the signature it was about has been erased). Its priority says which mail goes first when
the queue is long: FIRST (someone is waiting for it, such as a confirmation), DELIVERY, then BULK.
A kind may also name a `preload` function, which the worker calls with the params of a whole batch
of its rows before rendering them: it loads their records in one query (into the session, where
the renderer's `db.session.get` finds them) and returns them, kept alive while the batch renders.
A kind mailed to a person who chose a language names a `language` function of the row's params
(the signer's language, kept with their signature or sign-on): its mail is rendered in it (i18n)
and says so (Content-Language).
"""
from dataclasses import dataclass, field

from flask import render_template

from campaign.base import i18n

_KINDS = {}
_PRIORITIES = {}
_PRELOADS = {}
_LANGUAGES = {}

FIRST, DELIVERY, BULK = 0, 1, 2  # outbox_messages.priority: lower is sooner


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    headers: dict = field(default_factory=dict)
    attachments: list = field(default_factory=list)  # (filename, content_type, bytes)
    sender: str | None = None  # "Name <address>"; None: MAIL_DEFAULT_SENDER
    reply_to: str | None = None


def email(kind, priority=FIRST, preload=None, language=None):
    """Register the decorated function as the renderer of `kind`, sent at `priority`, with the
    records of a batch loaded at once by `preload(list of params)`, rendered in the language
    `language(**params)` gives (None: the default)."""

    def register(function):
        _KINDS[kind] = function
        _PRIORITIES[kind] = priority
        if preload is not None:
            _PRELOADS[kind] = preload
        if language is not None:
            _LANGUAGES[kind] = language
        return function

    return register


def kinds():
    """Every registered kind of email."""
    return sorted(_KINDS)


def is_kind(kind):
    """Whether `kind` is a registered kind of email."""
    return kind in _KINDS


def priority(kind):
    """The priority of `kind`'s mail in the queue (FIRST for a kind not registered)."""
    return _PRIORITIES.get(kind, FIRST)


def preload(rows):
    """Load at once what rendering `rows` (each with kind and params) will read; returns what to keep alive."""
    by_kind = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row.params)
    return [_PRELOADS[kind](params) for kind, params in by_kind.items() if kind in _PRELOADS]


def render(kind, params):
    """Render an outbox row's email in its reader's language, which its Content-Language header
    names (`kind` must be registered)."""
    function = _KINDS[kind]
    language = i18n.valid(_LANGUAGES[kind](**params) if kind in _LANGUAGES else None) or i18n.DEFAULT
    with i18n.in_language(language):
        rendered = function(**params)
    if rendered is not None:
        rendered.headers.setdefault("Content-Language", language)
    return rendered


def from_templates(name, subject, **context):
    """Render templates/email/<name>.txt and .html with `context` into a Rendered email."""
    return Rendered(
        subject=subject,
        text=render_template(f"email/{name}.txt", **context),
        html=render_template(f"email/{name}.html", **context),
    )
