"""Rate limits for the public forms: per address per action, and per address over all of them.

The client address is `request.remote_addr`, which ProxyFix sets from exactly
TRUSTED_PROXY_COUNT hops of X-Forwarded-For (and never from the raw header when it is 0).
"""
from flask import current_app, request
from flask_limiter.util import get_remote_address

from ..extensions import limiter


def _sign_limit():
    return current_app.config["SIGN_RATE_LIMIT"]


def _sign_limit_global():
    return current_app.config["SIGN_RATE_LIMIT_GLOBAL"]


def _confirm_limit():
    return current_app.config["CONFIRM_RATE_LIMIT"]


def _address_and_action():
    """One bucket per client address per petition or letter (its path names it)."""
    return f"{get_remote_address()} {request.path}"


def sign_limits(view):
    """Limit POSTs to a sign or sign-on view: SIGN_RATE_LIMIT per address per action, and
    SIGN_RATE_LIMIT_GLOBAL per address over every such view (shared scope "sign")."""
    view = limiter.shared_limit(_sign_limit_global, scope="sign", methods=["POST"])(view)
    return limiter.limit(_sign_limit, key_func=_address_and_action, methods=["POST"])(view)


def confirm_limit(view):
    """Limit the confirmation page (GET and POST) per client address."""
    return limiter.limit(_confirm_limit)(view)


def init_app(app):
    """Start Flask-Limiter on `app`, checking limits only where a route asks for them.

    Flask-Limiter 4 also checks every request in a before-request hook, for default and
    blueprint-wide limits. This app has neither: every limit is a route decorator (above, and on
    login), which checks its own route. The hook then only costs time on every request (measured:
    about a fifth of a cached public read), so it is taken off; the limit tests prove the
    decorators still hold.
    """
    limiter.init_app(app)
    hooks = app.before_request_funcs[None]
    if limiter._check_request_limit in hooks:  # not there when RATELIMIT_ENABLED is off
        hooks.remove(limiter._check_request_limit)
