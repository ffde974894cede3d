"""What the public reads most, built at most once a second per process, however many ask.

A viral petition's page and count are requested thousands of times a second. Each process builds
them once per PUBLIC_RENDER_CACHE_SECONDS and serves the copy: the count JSON as a whole HTTP
response, kept by `SharedResponses` in front of Flask, so a copy costs no request context,
session or hook; the page with its per-visitor parts (the CSRF token of the visitor's session,
the `source`, `ref` and `channel` of the link, the referrer) filled into holes left in the copy. Organizers, and
visitors with a message waiting, get a page of their own. A page's copy is kept per language
(campaign.base.i18n): its key holds the language the visitor is served in.
"""
import hashlib
import json
import re
import secrets

from flask import current_app, request, session
from flask_login import current_user
from markupsafe import escape
from werkzeug.http import parse_etags

from campaign.base import caches
from campaign.web.hardening.encoding import is_text

# Placeholders for the per-visitor values, unlike anything a page could contain.
HOLES = {name: f"\ue000{name}-{secrets.token_hex(8)}\ue001"
         for name in ("csrf", "source", "referrer", "ref", "channel")}


def json_body(payload):
    """(body, ETag) of a public JSON payload."""
    body = json.dumps(payload, separators=(",", ":"))
    return body, hashlib.sha256(body.encode()).hexdigest()[:32]


def json_response(body, etag):
    """A conditional JSON response, briefly cacheable by browsers and proxies, open to other sites
    (CORS), and the same for everyone whatever the query string (the payload must not depend on
    it): SharedResponses keeps it for the next visitors, so a poller that adds `?t=<time>` to
    every request is served the copy too."""
    request.environ[SHARED] = True
    result = current_app.response_class(body, mimetype="application/json")
    result.set_etag(etag)
    result.cache_control.public = True
    result.cache_control.max_age = current_app.config["PUBLIC_CACHE_SECONDS"]
    result.headers["Access-Control-Allow-Origin"] = "*"
    return result.make_conditional(request)


def is_shared_view():
    """Whether this visitor sees the page everybody sees (anonymous, no message waiting). A
    request without cookies carries neither a login nor a message: that is the first visit of
    everyone a shared link brings, and their user is not looked up."""
    if not request.cookies:
        return True
    return current_user.is_anonymous and "_flashes" not in session


_HOLE = re.compile("(" + "|".join(map(re.escape, HOLES.values())) + ")")
_HOLE_NAMES = {marker: name for name, marker in HOLES.items()}


def with_holes(html):
    """A page rendered with HOLES in it, cut at them once for `fill`: its text and the names of
    its holes, alternately."""
    parts = _HOLE.split(html)
    return tuple(_HOLE_NAMES[part] if n % 2 else part for n, part in enumerate(parts))


def fill(page, **values):
    """The shared copy of a page (`with_holes`) with this visitor's values in its holes, escaped:
    one join, rather than a search of the whole page for each hole."""
    escaped = {name: str(escape(value)) for name, value in values.items()}
    return "".join(escaped[part] if n % 2 else part for n, part in enumerate(page))


SHARED = "campaign.shared_response"


class SharedResponses:
    """WSGI middleware in front of Flask: a GET answered 200 by a view that marked its response
    the same for everyone whatever the query string (`request.environ[SHARED] = True`, as
    `json_response` does) is kept, by scheme, host and path, for PUBLIC_RENDER_CACHE_SECONDS, and
    served to the next visitors as it was: its headers (ETag, Cache-Control, CORS, the security
    headers) and body, or 304 to a matching If-None-Match. A response that sets a cookie is never
    kept. Made-up query strings cannot bypass the copy; one that is not valid UTF-8 text (or holds
    a NUL) still goes to Flask, which refuses it.
    """

    def __init__(self, app, wsgi_app):
        self.config = app.config
        self.wsgi_app = wsgi_app
        self.memos = {}

    def __call__(self, environ, start_response):
        seconds = self.config["PUBLIC_RENDER_CACHE_SECONDS"]
        if not seconds or environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return self.wsgi_app(environ, start_response)
        memo = self.memos.get(seconds) or self.memos.setdefault(seconds, caches.for_seconds(seconds, maxsize=1000))
        key = (environ["wsgi.url_scheme"], environ.get("HTTP_HOST", ""), environ.get("PATH_INFO", ""))
        with memo.lock:
            kept = memo.cache.get(key)
        query = environ.get("QUERY_STRING", "")
        if kept is not None and (not query or is_text(query.encode("latin-1"))):
            return self._serve(kept, environ, start_response)
        answer = {}

        def capture(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, capture)
        if not (environ.get(SHARED) and answer.get("status", "").startswith("200")
                and not any(name.lower() == "set-cookie" for name, _ in answer["headers"])):
            return body
        try:
            chunks = list(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        if environ["REQUEST_METHOD"] == "GET":
            with memo.lock:
                memo.cache[key] = (answer["status"], answer["headers"], b"".join(chunks))
        return chunks

    @staticmethod
    def _serve(kept, environ, start_response):
        status, headers, body = kept
        etag = next((value for name, value in headers if name.lower() == "etag"), None)
        matches = environ.get("HTTP_IF_NONE_MATCH")
        if etag and matches and parse_etags(matches).contains_raw(etag):
            start_response("304 Not Modified", [(n, v) for n, v in headers if n.lower() not in _ENTITY_HEADERS])
            return []
        start_response(status, list(headers))
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]


_ENTITY_HEADERS = {"content-length", "content-type"}
