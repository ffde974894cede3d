"""Error pages: a clear message, never a traceback; under /api/, the API's JSON error instead."""
import logging

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from campaign.base.i18n import DEFAULT, in_language, lazy_gettext as _l

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Go back, reload the page and try again.")),
    403: (_l("Not allowed"), _l("Your account does not have access to this page.")),
    404: (_l("Page not found"), _l("There is no page at this address. Check the link, or start from the home page.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    409: (_l("Not possible now"), _l("That cannot be done in the current state.")),
    410: (_l("Gone"), _l("This link has expired.")),
    413: (_l("Too large"), _l("What you sent is too large.")),
    415: (_l("Unsupported"), _l("That kind of content is not accepted here.")),
    422: (_l("Check your answers"), _l("Some of what you sent could not be accepted.")),
    429: (_l("Too many requests"), _l("You have made too many requests. Wait a minute, then try again.")),
    500: (_l("Something went wrong"),
          _l("Something went wrong on our side. Nothing you sent was half-saved; try again shortly.")),
}
# The JSON API answers every error, whether its view, the routing or an unexpected failure raised
# it, as {"error": ..., "message": ...}: the Error schema of campaign/features/api/openapi.json.
JSON_PREFIX = "/api/"


def register(app):
    """Install the handlers on `app`."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _answer(error, _l("The form had expired. Reload the page and send it again."))

    @app.errorhandler(HTTPException)
    def http_error(error):
        # A message given to abort() is shown; Werkzeug's stock descriptions are not.
        custom = error.description if error.description != type(error).description else None
        return _answer(error, custom)

    @app.errorhandler(Exception)
    def unexpected(error):
        # The rule, not the path: a path can hold a confirmation token.
        rule = request.url_rule.rule if request.url_rule else "(no route)"
        log.exception("unhandled error on %s %s", request.method, rule)
        return _answer(InternalServerError())


def _answer(error, message=None):
    """The error page, or the API's JSON error; with the error's own headers (Allow,
    Retry-After, WWW-Authenticate)."""
    code = error.code or 500
    headers = [(k, v) for k, v in error.get_headers() if k.lower() not in {"content-type", "content-length"}]
    if request.path.startswith(JSON_PREFIX):
        with in_language(DEFAULT):  # the API is read by programs: its errors are English (README, Languages)
            return jsonify({"error": error.name, "message": str(message or error.description)}), code, headers
    title, default = MESSAGES.get(code, (_l("Error"), _l("The request could not be completed.")))
    return render_template("error.html", code=code, title=title, message=message or default), code, headers
