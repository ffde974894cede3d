"""Configuration read from environment variables, with safe development defaults.

Every setting can be overridden by an environment variable of the same name. ``CAMPAIGN_ENV``
chooses the environment: ``production`` (the default), ``development`` (what ``make run`` sets)
or ``testing``. Outside development and testing the app refuses to start with the default
``SECRET_KEY``.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = Path(os.environ.get("CAMPAIGN_INSTANCE_PATH", ROOT / "instance"))
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-change-me"


def _bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def database_url(url):
    """Return ``url`` with the psycopg 3 driver named for plain ``postgres://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    """Settings shared by every environment, from the environment where it says so."""

    ENV_NAME = os.environ.get("CAMPAIGN_ENV", "production")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE / 'campaign.db'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Absolute base for links in mail, e.g. https://act.example.org
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    SITE_NAME = os.environ.get("SITE_NAME", "Campaign")
    # Organizers enter and read dates in this time zone; everything is stored in UTC.
    SITE_TIMEZONE = os.environ.get("SITE_TIMEZONE", "America/New_York")

    # Flask-Mail's own names. Without MAIL_SERVER, mail goes to files in MAIL_FILE_DIR.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Campaign <no-reply@localhost>")
    MAIL_FILE_DIR = os.environ.get("MAIL_FILE_DIR", str(INSTANCE / "mail"))
    MAIL_TIMEOUT = _int("MAIL_TIMEOUT", 30)

    # The outbox worker.
    OUTBOX_BATCH_SIZE = _int("OUTBOX_BATCH_SIZE", 50)
    OUTBOX_MAX_ATTEMPTS = _int("OUTBOX_MAX_ATTEMPTS", 8)
    OUTBOX_POLL_SECONDS = float(os.environ.get("OUTBOX_POLL_SECONDS", "2"))
    # Run a worker thread inside the web process (what `make run` does).
    OUTBOX_INLINE_WORKER = _bool("OUTBOX_INLINE_WORKER", False)

    # Signatures.
    CONFIRMATION_MAX_AGE_DAYS = _int("CONFIRMATION_MAX_AGE_DAYS", 30)
    # A repeat signing sends the mailbox owner at most one mail per this many minutes.
    REPEAT_MAIL_INTERVAL_MINUTES = _int("REPEAT_MAIL_INTERVAL_MINUTES", 10)
    # `flask signatures remind` reminds a signer once, this long after an unconfirmed signing.
    SIGNATURE_REMINDER_DELAY_HOURS = _int("SIGNATURE_REMINDER_DELAY_HOURS", 48)
    # `flask privacy retention` erases signers' personal data this long after an action closed
    # (unless the action keeps it), and IP addresses once the abuse checks no longer need them.
    SIGNATURE_RETENTION_DAYS = _int("SIGNATURE_RETENTION_DAYS", 180)
    IP_RETENTION_DAYS = _int("IP_RETENTION_DAYS", 30)

    # Rate limits (Flask-Limiter). Use redis://127.0.0.1:6379 in production.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")

    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 0)

    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 1024 * 1024)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    # Public JSON and pages may be cached this many seconds by browsers and proxies.
    PUBLIC_CACHE_SECONDS = _int("PUBLIC_CACHE_SECONDS", 5)


class DevelopmentConfig(Config):
    """`make run`: cookies over plain HTTP, mail to files, a worker in the web process."""

    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    OUTBOX_INLINE_WORKER = _bool("OUTBOX_INLINE_WORKER", True)


class TestingConfig(Config):
    """The test suite: a database from TEST_DATABASE_URL, mail to the test's SMTP server."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("TEST_DATABASE_URL", f"sqlite:///{INSTANCE / 'test.db'}")
    )
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = True  # in memory, emptied after each test
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_SERVER = None
    MAIL_SUPPRESS_SEND = False  # the tests send to a real SMTP server of their own
    OUTBOX_INLINE_WORKER = False
    BASE_URL = "http://campaign.test"
    SERVER_NAME = None


ENVIRONMENTS = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def from_environment():
    """Return the config class named by CAMPAIGN_ENV."""
    name = os.environ.get("CAMPAIGN_ENV", "production")
    try:
        return ENVIRONMENTS[name]
    except KeyError:
        raise RuntimeError(f"CAMPAIGN_ENV must be one of {sorted(ENVIRONMENTS)}, not {name!r}")
