"""Abuse resistance and security: headers, rate limits, request checks, rules at the door,
blocklists, bulk invalidation and the trending view."""


def init_app(app):
    """Install the security headers, the request checks and the session cookies on `app`."""
    from . import encoding, headers, sessions

    headers.init_app(app)
    encoding.init_app(app)
    sessions.init_app(app)
