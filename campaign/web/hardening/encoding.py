"""Refuse, with a clear 400, query strings and form bodies that are not valid UTF-8 text or that
hold a NUL character.

Werkzeug would quietly replace the bad bytes; a clear refusal is better than storing mangled
text. NUL is refused here once for every view, as PostgreSQL rejects it in any text it is given
(a search, a slug to look up, a value to store) and it has no meaning in a form. Multipart bodies
(the forms with a logo) are left to their views, which raise the body limit before reading them;
their fields are LineFields, which drop control characters.
"""
from urllib.parse import unquote_to_bytes

from flask import abort, request

from campaign.base.i18n import lazy_gettext as _l  # said when shown: on a page, or in English by the API

FORM = "application/x-www-form-urlencoded"


def is_text(raw):
    """Whether a URL-encoded query string or form body decodes as UTF-8 text without NUL."""
    try:
        text = unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def check_encoding():
    if not is_text(request.query_string):
        abort(400, _l("The address has characters that are not valid text."))
    if request.mimetype == FORM and request.method in {"POST", "PUT", "PATCH"}:
        # Read (and cache) the body; form parsing then uses the cached copy. Oversized bodies
        # are refused with 413 before this reads them (MAX_CONTENT_LENGTH).
        if not is_text(request.get_data(cache=True)):
            abort(400, _l("The form has characters that are not valid text."))


def init_app(app):
    app.before_request(check_encoding)
