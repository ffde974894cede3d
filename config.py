"""Configuration read from environment variables, with safe development defaults.

Every setting can be overridden by an environment variable of the same name. ``CAMPAIGN_ENV``
chooses the environment: ``production`` (the default), ``development`` (what ``make run`` sets)
or ``testing``. Outside development and testing the app refuses to start with the default
``SECRET_KEY`` or without ``MAIL_SERVER``, and ``flask demo seed`` refuses to run.
"""
import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = Path(os.environ.get("CAMPAIGN_INSTANCE_PATH", ROOT / "instance"))
# Where the development defaults (secret, mail to files) and the demo login are allowed.
DEVELOPER_ENVIRONMENTS = frozenset({"development", "testing"})
# B105 accepted: refused outside development
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-change-me"  # nosec B105


def _bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name, default):
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def _list(name, default):
    value = os.environ.get(name)
    return default if value is None else [item.strip() for item in value.split(",") if item.strip()]


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
    # Connections are recycled rather than pinged before each use: a ping is a round trip on every
    # request. After a database restart, each worker's first query fails once and its pool renews.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": 1800}
    # The public address, e.g. https://act.example.org: every absolute URL (mail, share links,
    # og: tags, the API's _links) is built on it, never on the request's Host (campaign.base.urls).
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    # Host names served besides BASE_URL's (comma-separated; ".example.org" takes its subdomains).
    # A request for any other host gets 400 (Flask's own TRUSTED_HOSTS check).
    TRUSTED_HOSTS = _list("TRUSTED_HOSTS", [])
    # Strict-Transport-Security's max-age when BASE_URL is https (0: not sent, e.g. the proxy sends it).
    HSTS_SECONDS = _int("HSTS_SECONDS", 31_536_000)
    SITE_NAME = os.environ.get("SITE_NAME", "Campaign")
    # Organizers enter and read dates in this time zone; everything is stored in UTC.
    SITE_TIMEZONE = os.environ.get("SITE_TIMEZONE", "America/New_York")

    # Flask-Mail's own names. Without MAIL_SERVER, mail goes to files in MAIL_FILE_DIR, and is
    # printed: only in development and testing (the app refuses to start without it elsewhere).
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Campaign <no-reply@localhost>")
    MAIL_FILE_DIR = os.environ.get("MAIL_FILE_DIR", str(INSTANCE / "mail"))
    MAIL_TIMEOUT = _int("MAIL_TIMEOUT", 30)
    # The Reply-To of every mail that has none of its own (a delivery's messages carry their own).
    MAIL_REPLY_TO = os.environ.get("MAIL_REPLY_TO") or None
    # DKIM signing of every sent message (campaign.base.mail.dkim): all three or none. The app refuses
    # to start with only some of them, or with a key file it cannot use.
    DKIM_DOMAIN = os.environ.get("DKIM_DOMAIN") or None
    DKIM_SELECTOR = os.environ.get("DKIM_SELECTOR") or None
    DKIM_PRIVATE_KEY_FILE = os.environ.get("DKIM_PRIVATE_KEY_FILE") or None
    # `flask mail dns`: the domains whose SPF record the sending domain's includes (your mail
    # provider's, comma-separated, e.g. amazonses.com), and where DMARC reports go (default:
    # dmarc-reports@ the From address's domain).
    SPF_INCLUDE = os.environ.get("SPF_INCLUDE", "")
    DMARC_REPORT_ADDRESS = os.environ.get("DMARC_REPORT_ADDRESS") or None

    # The outbox worker (README: Sending mail).
    OUTBOX_CONNECTIONS = _int("OUTBOX_CONNECTIONS", 4)  # SMTP connections per worker process
    OUTBOX_BATCH_SIZE = _int("OUTBOX_BATCH_SIZE", 50)
    OUTBOX_MAX_ATTEMPTS = _int("OUTBOX_MAX_ATTEMPTS", 8)
    # Webhooks (campaign/features/webhooks, `flask webhooks work`). Private, loopback and link-local
    # addresses and plain http are refused unless WEBHOOKS_ALLOW_PRIVATE (development, tests).
    WEBHOOKS_ALLOW_PRIVATE = _bool("WEBHOOKS_ALLOW_PRIVATE", False)
    WEBHOOKS_BATCH_SIZE = _int("WEBHOOKS_BATCH_SIZE", 50)  # events in one POST
    WEBHOOKS_MAX_ATTEMPTS = _int("WEBHOOKS_MAX_ATTEMPTS", 8)  # tries of one event, with backoff
    WEBHOOKS_MAX_FAILURES = _int("WEBHOOKS_MAX_FAILURES", 10)  # failed POSTs in a row that switch a webhook off
    WEBHOOKS_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOKS_TIMEOUT_SECONDS", "10"))
    WEBHOOKS_LEASE_SECONDS = float(os.environ.get("WEBHOOKS_LEASE_SECONDS", "120"))
    WEBHOOKS_POLL_SECONDS = float(os.environ.get("WEBHOOKS_POLL_SECONDS", "5"))
    OUTBOX_POLL_SECONDS = float(os.environ.get("OUTBOX_POLL_SECONDS", "2"))
    # SQLite (and a claim without a PostgreSQL advisory lock): a worker silent this long is dead.
    OUTBOX_LEASE_SECONDS = float(os.environ.get("OUTBOX_LEASE_SECONDS", "60"))
    # Per worker process: "gmail.com=20/second,yahoo.com=10/second", and one rate for the rest.
    OUTBOX_DOMAIN_RATES = os.environ.get("OUTBOX_DOMAIN_RATES", "")
    OUTBOX_DOMAIN_RATE = os.environ.get("OUTBOX_DOMAIN_RATE", "")
    OUTBOX_DOMAIN_PAUSE_SECONDS = _int("OUTBOX_DOMAIN_PAUSE_SECONDS", 60)
    # Run a worker thread inside the web process (what `make run` does).
    OUTBOX_INLINE_WORKER = _bool("OUTBOX_INLINE_WORKER", False)

    # Returned mail (README, "Bounces and complaints"). With MAIL_BOUNCE_ADDRESS each message's
    # envelope sender is bounces+<token>@domain (VERP), so a bounce names its message.
    MAIL_BOUNCE_ADDRESS = os.environ.get("MAIL_BOUNCE_ADDRESS") or None
    # A mailbox is suppressed after this many soft bounces within this many days (a hard bounce
    # or a complaint suppresses it at once).
    MAIL_SOFT_BOUNCE_LIMIT = _int("MAIL_SOFT_BOUNCE_LIMIT", 3)
    MAIL_SOFT_BOUNCE_DAYS = _int("MAIL_SOFT_BOUNCE_DAYS", 14)
    # /hooks/mail/ses takes SNS messages only from these topics (comma-separated ARNs; none: off),
    # signed with a certificate from a URL matching the pattern.
    SES_SNS_TOPIC_ARNS = os.environ.get("SES_SNS_TOPIC_ARNS", "")
    SNS_CERT_URL_PATTERN = os.environ.get(
        "SNS_CERT_URL_PATTERN", r"https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/[A-Za-z0-9_./-]+\.pem")
    MAIL_HOOK_RATE_LIMIT = os.environ.get("MAIL_HOOK_RATE_LIMIT", "600 per minute")

    # Signatures.
    CONFIRMATION_MAX_AGE_DAYS = _int("CONFIRMATION_MAX_AGE_DAYS", 30)
    # How long a partner's download link works.
    PARTNER_LINK_DAYS = _int("PARTNER_LINK_DAYS", 7)
    # How long the answer link in a delivery message works (updates: answers from targets).
    TARGET_RESPONSE_LINK_DAYS = _int("TARGET_RESPONSE_LINK_DAYS", 90)
    # A repeat signing sends the mailbox owner at most one mail per this many minutes.
    REPEAT_MAIL_INTERVAL_MINUTES = _int("REPEAT_MAIL_INTERVAL_MINUTES", 10)
    # `flask signatures remind` reminds a signer once, this long after an unconfirmed signing.
    SIGNATURE_REMINDER_DELAY_HOURS = _int("SIGNATURE_REMINDER_DELAY_HOURS", 48)
    # `flask privacy retention` erases signers' personal data this long after an action closed
    # (unless the action keeps it), and IP addresses once the abuse checks no longer need them.
    SIGNATURE_RETENTION_DAYS = _int("SIGNATURE_RETENTION_DAYS", 180)
    IP_RETENTION_DAYS = _int("IP_RETENTION_DAYS", 30)

    # Letters and endorsements: uploaded logos live here, never under static/.
    LOGO_DIR = os.environ.get("LOGO_DIR", str(INSTANCE / "logos"))
    LOGO_MAX_BYTES = _int("LOGO_MAX_BYTES", 1024 * 1024)
    LOGO_MAX_PIXELS = _int("LOGO_MAX_PIXELS", 16_000_000)
    # A TrueType font for the letter's PDF (any script); without it, PDF uses a Latin-1 core font.
    PDF_FONT_PATH = os.environ.get("PDF_FONT_PATH", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

    # Rate limits (rate_limits, counted by the `limits` library). Use redis://127.0.0.1:6379
    # in production, so that every worker and server shares the counts.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    # One of the `limits` strategies: fixed-window (one increment a window), moving-window,
    # sliding-window-counter.
    RATELIMIT_STRATEGY = os.environ.get("RATELIMIT_STRATEGY", "fixed-window")
    # Put before every key, so that several sites can share one Redis database.
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "campaign")
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")
    # Login attempts at one account (by the address typed), from every client address together.
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "10 per minute;50 per hour")
    # Signing one petition (or signing one letter) per client address. Generous enough for an
    # office or a campus behind one NAT address; the global one is over every sign form at once.
    SIGN_RATE_LIMIT = os.environ.get("SIGN_RATE_LIMIT", "20 per minute")
    SIGN_RATE_LIMIT_GLOBAL = os.environ.get("SIGN_RATE_LIMIT_GLOBAL", "600 per hour")
    # The confirmation page (GET and POST) per client address.
    CONFIRM_RATE_LIMIT = os.environ.get("CONFIRM_RATE_LIMIT", "30 per minute")

    # Rules at the door: a signature sent sooner than this after the form was shown is flagged
    # (0 turns the check off), as is one with the hidden "leave this empty" field filled in.
    SIGN_MIN_FILL_SECONDS = _int("SIGN_MIN_FILL_SECONDS", 3)
    # Flag signatures from the throwaway-mail domains of the disposable-email-domains package.
    BLOCK_DISPOSABLE_DOMAINS = _bool("BLOCK_DISPOSABLE_DOMAINS", True)
    # How long a web process keeps its copy of the blocklists before reading them again.
    BLOCKLIST_CACHE_SECONDS = _int("BLOCKLIST_CACHE_SECONDS", 60)
    # Bulk invalidation and its undo change this many signatures per transaction.
    INVALIDATION_BATCH_SIZE = _int("INVALIDATION_BATCH_SIZE", 500)
    # The trending page's default thresholds: confirmations in the last hour from one IP address,
    # and from one email domain (organizers change them on the page).
    TRENDING_IP_THRESHOLD = _int("TRENDING_IP_THRESHOLD", 10)
    TRENDING_DOMAIN_THRESHOLD = _int("TRENDING_DOMAIN_THRESHOLD", 25)

    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    TRUSTED_PROXY_COUNT = _int("TRUSTED_PROXY_COUNT", 0)

    MAX_CONTENT_LENGTH = _int("MAX_CONTENT_LENGTH", 1024 * 1024)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    # An organizer's session ends after this long without a request, and this long after the
    # login whatever happens (accounts.sessions); no session cookie of anyone's is believed longer.
    SESSION_IDLE_MINUTES = _int("SESSION_IDLE_MINUTES", 60)
    SESSION_MAX_HOURS = _int("SESSION_MAX_HOURS", 12)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=SESSION_MAX_HOURS)
    # No remember-me cookie is ever set (and a session made from one is refused); bounded anyway.
    REMEMBER_COOKIE_DURATION = PERMANENT_SESSION_LIFETIME
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    # Public count JSON may be cached this many seconds by browsers and proxies.
    PUBLIC_CACHE_SECONDS = _int("PUBLIC_CACHE_SECONDS", 4)
    # Each process builds a public petition page and count at most once in this many seconds
    # (0: on every request). With PUBLIC_CACHE_SECONDS, a count is never more than 5 s old.
    PUBLIC_RENDER_CACHE_SECONDS = _int("PUBLIC_RENDER_CACHE_SECONDS", 1)
    # Visits from shared links are counted in each process and written at most this often
    # (sharing.visits; 0: at every visit). A process that stops loses at most these seconds' visits.
    SHARE_VISITS_FLUSH_SECONDS = _int("SHARE_VISITS_FLUSH_SECONDS", 10)
    # The hour (0-23, in SITE_TIMEZONE) from which `flask alerts send` mails the daily digest.
    ALERTS_DIGEST_HOUR = _int("ALERTS_DIGEST_HOUR", 8)


class DevelopmentConfig(Config):
    """`make run`: cookies over plain HTTP, mail to files, a worker in the web process."""

    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    OUTBOX_INLINE_WORKER = _bool("OUTBOX_INLINE_WORKER", True)
    # `make run` serves 127.0.0.1; a developer may type either name.
    TRUSTED_HOSTS = _list("TRUSTED_HOSTS", ["localhost", "127.0.0.1"])


class TestingConfig(Config):
    """The test suite: a database from TEST_DATABASE_URL, mail to the test's SMTP server."""

    ENV_NAME = "testing"
    TESTING = True
    # B105 accepted: the test suite's own key
    SECRET_KEY = "testing-secret-key"  # nosec B105
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("TEST_DATABASE_URL", f"sqlite:///{INSTANCE / 'test.db'}")
    )
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = True  # in memory, emptied after each test
    RATELIMIT_STORAGE_URI = "memory://"
    # Tests that sign many times from one address would trip the real limits; the tests of the
    # limits set their own.
    SIGN_RATE_LIMIT = SIGN_RATE_LIMIT_GLOBAL = CONFIRM_RATE_LIMIT = "100000 per minute"
    SIGN_MIN_FILL_SECONDS = 0  # the suite posts forms directly; the tests of this rule turn it on
    MAIL_SERVER = None
    DKIM_DOMAIN = DKIM_SELECTOR = DKIM_PRIVATE_KEY_FILE = None  # the tests of DKIM make their own key
    MAIL_SUPPRESS_SEND = False  # the tests send to a real SMTP server of their own
    OUTBOX_INLINE_WORKER = False
    BASE_URL = "http://campaign.test"
    TRUSTED_HOSTS = ["localhost"]  # the test client's Host
    SERVER_NAME = None
    PUBLIC_RENDER_CACHE_SECONDS = 0  # tests that need the shared copies turn it on
    SHARE_VISITS_FLUSH_SECONDS = 0  # every visit written at once; the test of the buffer sets its own


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
        raise RuntimeError(f"CAMPAIGN_ENV must be one of {sorted(ENVIRONMENTS)}, not {name!r}") from None
