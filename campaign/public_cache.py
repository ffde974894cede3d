"""What the public reads most, built at most once a second per process, however many ask.

A viral petition's page and count are requested thousands of times a second. Each process builds
them once per PUBLIC_RENDER_CACHE_SECONDS and serves the copy: the count JSON as it is, the page
with its per-visitor parts (the CSRF token of the visitor's session, the `source` of the link,
the referrer) filled into holes left in the copy. Organizers, and visitors with a message waiting,
get a page of their own.
"""
import hashlib
import json
import secrets

from flask import current_app, request, session
from flask_login import current_user
from markupsafe import escape

from . import caches

_memos = {}
# Placeholders for the per-visitor values, unlike anything a page could contain.
HOLES = {name: f"\ue000{name}-{secrets.token_hex(8)}\ue001" for name in ("csrf", "source", "referrer")}


def remembered(key, build):
    """`build()`, or the copy this process built less than PUBLIC_RENDER_CACHE_SECONDS ago."""
    seconds = current_app.config["PUBLIC_RENDER_CACHE_SECONDS"]
    if not seconds:
        return build()
    memo = _memos.get(seconds) or _memos.setdefault(seconds, caches.for_seconds(seconds))
    return memo.get(key, build)


def json_body(payload):
    """(body, ETag) of a public JSON payload."""
    body = json.dumps(payload, separators=(",", ":"))
    return body, hashlib.sha256(body.encode()).hexdigest()[:32]


def json_response(body, etag):
    """A conditional JSON response, briefly cacheable by browsers and proxies, open to other sites (CORS)."""
    result = current_app.response_class(body, mimetype="application/json")
    result.set_etag(etag)
    result.cache_control.public = True
    result.cache_control.max_age = current_app.config["PUBLIC_CACHE_SECONDS"]
    result.headers["Access-Control-Allow-Origin"] = "*"
    return result.make_conditional(request)


def is_shared_view():
    """Whether this visitor sees the page everybody sees (anonymous, no message waiting)."""
    return current_user.is_anonymous and "_flashes" not in session


def fill(html, **values):
    """The shared copy of a page with this visitor's values in its holes, escaped."""
    for name, value in values.items():
        html = html.replace(HOLES[name], str(escape(value)))
    return html
