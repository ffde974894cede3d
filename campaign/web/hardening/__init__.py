"""Request hardening: security headers, strict request encoding and the session cookie. They
change with browsers and HTTP; what changes with abusers is in `abuse` and `invalidation`."""
from . import encoding, headers, sessions


def init_app(app):
    """Install the security headers, the request checks and the session cookies on `app`."""
    headers.init_app(app)
    encoding.init_app(app)
    sessions.init_app(app)
