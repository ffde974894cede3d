"""Rate limits for the public forms and login: per client address per action, per address over
every sign form, and per account over every address for login.

The counting is the `limits` library's (the engine under Flask-Limiter, by the same author): its
strategies and its stores (`memory://`, `redis://...`) with their atomic increments. This module
only says which routes are limited, by which setting, and for whom. Flask-Limiter itself was
measured at about a millisecond of bookkeeping a request on top of the stores' round trips (a
sixth of a signature's CPU), for features this app never used (default, application, blueprint
and meta limits, exemptions, headers).

The client address is `request.remote_addr`, which ProxyFix sets from exactly
TRUSTED_PROXY_COUNT hops of X-Forwarded-For (and never from the raw header when it is 0).
"""
import math
import time
from functools import lru_cache, wraps

from flask import current_app, request
from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import STRATEGIES
from werkzeug.exceptions import TooManyRequests

from campaign.base.forms import single_line

# Every setting a route decorator below reads.
LIMIT_SETTINGS = ("SIGN_RATE_LIMIT", "SIGN_RATE_LIMIT_GLOBAL", "CONFIRM_RATE_LIMIT", "LOGIN_RATE_LIMIT",
                  "LOGIN_ACCOUNT_RATE_LIMIT", "MAIL_HOOK_RATE_LIMIT")


class RateLimiter:
    """The store and the strategy of each app it is bound to (a test suite makes many apps)."""

    def init_app(self, app):
        """Bind to `app` from its RATELIMIT_* settings (nothing is counted when it is disabled).

        A strategy or a limit string that cannot be read stops the app at start with a message
        naming the setting, rather than failing every limited request later."""
        counting = None
        if app.config["RATELIMIT_ENABLED"]:
            strategy = app.config["RATELIMIT_STRATEGY"]
            if strategy not in STRATEGIES:
                raise RuntimeError(f"RATELIMIT_STRATEGY is {strategy!r}; use one of {', '.join(STRATEGIES)}.")
            for setting in LIMIT_SETTINGS:
                try:
                    _parsed(app.config[setting])
                except ValueError:
                    raise RuntimeError(f"{setting} is {app.config[setting]!r}, which is not a limit "
                                       'like "20 per minute" or "10 per minute;50 per hour".') from None
            storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
            counting = _Counting(STRATEGIES[strategy](storage), app.config["RATELIMIT_KEY_PREFIX"])
        app.extensions["rate_limits"] = counting

    def reset(self):
        """Forget every count of the current app's store (tests start afresh with it)."""
        counting = current_app.extensions["rate_limits"]
        if counting is not None:
            counting.strategy.storage.reset()


class _Counting:
    __slots__ = ("strategy", "prefix")

    def __init__(self, strategy, prefix):
        self.strategy, self.prefix = strategy, prefix


def client_address():
    """Who a request is counted against by default: its client address."""
    return request.remote_addr or "127.0.0.1"


def limit(setting, *, scope=None, per_path=False, methods=None, key=client_address):
    """A route decorator: at most the limits in the `setting` (read on every request, in the
    `limits` syntax: "20 per minute;300 per hour") per client address (or per what `key()` says)
    on this route, or on every route that shares `scope`. With `per_path`, each path of the route
    (each petition) counts apart. Only `methods` are counted when given. A request over a limit
    gets 429 and the page saying to wait, with Retry-After; the view never runs, so nothing is
    saved."""

    def decorate(view):
        name = scope or f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def limited(*args, **kwargs):
            if methods is None or request.method in methods:
                counting = current_app.extensions["rate_limits"]
                if counting is not None:
                    who = key()
                    identifiers = (name, who, request.path) if per_path else (name, who)
                    _count(counting, current_app.config[setting], identifiers)
            return view(*args, **kwargs)

        return limited

    return decorate


def _count(counting, limit_string, identifiers):
    """Add one to every window of `limit_string` for `identifiers`; refuse when one is full."""
    for item in _parsed(limit_string):
        if not counting.strategy.hit(item, counting.prefix, *identifiers):
            stats = counting.strategy.get_window_stats(item, counting.prefix, *identifiers)
            raise TooManyRequests(retry_after=max(1, math.ceil(stats.reset_time - time.time())))


@lru_cache(maxsize=32)
def _parsed(limit_string):
    return tuple(parse_many(limit_string))


def sign_limits(view):
    """Limit POSTs to a sign or sign-on view: SIGN_RATE_LIMIT per address per action (its path),
    and SIGN_RATE_LIMIT_GLOBAL per address over every such view together."""
    view = limit("SIGN_RATE_LIMIT", per_path=True, methods={"POST"})(view)
    return limit("SIGN_RATE_LIMIT_GLOBAL", scope="sign", methods={"POST"})(view)


def confirm_limit(view):
    """Limit a confirmation page (GET and POST) per client address."""
    return limit("CONFIRM_RATE_LIMIT")(view)


def login_limits(view):
    """Limit login attempts (POSTs): LOGIN_RATE_LIMIT per client address, and
    LOGIN_ACCOUNT_RATE_LIMIT per address typed in the form, from every client address together
    (whether an account has it or not, so a refusal tells nothing), against guessing spread over
    many machines."""
    view = limit("LOGIN_ACCOUNT_RATE_LIMIT", scope="login-account", methods={"POST"}, key=_typed_email)(view)
    return limit("LOGIN_RATE_LIMIT", methods={"POST"})(view)


def _typed_email():
    # As the login looks it up: cleaned and in lower case; no address is longer than 254 characters.
    return (single_line(request.form.get("email", "")) or "").lower()[:254]


def password_limit(view):
    """Limit the attempts at a password by someone already logged in (POSTs), per client address,
    as LOGIN_RATE_LIMIT limits logins."""
    return limit("LOGIN_RATE_LIMIT", methods={"POST"})(view)
