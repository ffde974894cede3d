"""Abuse resistance and security: headers, rate limits, request checks, rules at the door,
blocklists, bulk invalidation and the trending view."""


def init_app(app):
    """Install the security headers and the request checks on `app`."""
    from . import encoding, headers

    headers.init_app(app)
    encoding.init_app(app)
