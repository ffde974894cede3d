"""Security headers on every response (HSTS too when BASE_URL is https), and `@frameable` for the
views meant to be embedded."""
from functools import cache, wraps

from flask import current_app, request

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def frameable(view):
    """Let other sites frame this view (an embed): frame-ancestors * and no X-Frame-Options."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return view(*args, **kwargs)

    wrapped.is_frameable = True
    return wrapped


def _is_frameable():
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "is_frameable", False)


@cache
def policy(frameable=False):
    """The Content-Security-Policy header's value (made once for each of the two cases)."""
    directives = dict(CONTENT_SECURITY_POLICY)
    if frameable:
        directives["frame-ancestors"] = "*"
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def add_headers(response):
    frame_ok = _is_frameable()
    response.headers.setdefault("Content-Security-Policy", policy(frameable=frame_ok))
    if not frame_ok:
        response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    hsts = current_app.config["HSTS_SECONDS"]
    if hsts and current_app.config["BASE_URL"].startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", f"max-age={hsts}")
    return response


def init_app(app):
    app.after_request(add_headers)
