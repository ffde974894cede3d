"""Pieces every benchmark uses: a PostgreSQL database, gunicorn servers, wrk runs, an HTTP session."""
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The app of this checkout, whatever the venv's editable install points at (the scripts run from bench/).
sys.path.insert(0, str(ROOT))
LUA = ROOT / "bench" / "wrk"
BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
WORKERS = int(os.environ.get("BENCH_WORKERS", "6"))
# Cases 1, 3 and 6 each run this many times, alternating with their ceiling, and the median pair is
# reported: on a shared machine one ten-second run can be 10% off either way.
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
SECRET_KEY = "bench-secret-key-" + "x" * 40


def app_env(**extra):
    """The environment of the app under test: production settings, on the bench database."""
    env = dict(os.environ)
    env.update({
        "CAMPAIGN_ENV": "production", "SECRET_KEY": SECRET_KEY, "DATABASE_URL": DATABASE_URL,
        "RATELIMIT_STORAGE_URI": REDIS_URL, "TRUSTED_PROXY_COUNT": "1", "SESSION_COOKIE_SECURE": "false",
        "BASE_URL": "http://127.0.0.1", "PYTHONPATH": str(ROOT),
    })
    # Production refuses to start without a mail server; no outbox worker runs, so none is reached.
    env["MAIL_SERVER"] = "127.0.0.1"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def ensure_database():
    """Create the bench database if it is missing; empty its schema; apply the migrations."""
    import psycopg

    url = DATABASE_URL.replace("postgresql+psycopg://", "postgresql://")
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")
    subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], env=app_env(), cwd=ROOT, check=True,
                   capture_output=True)


def sql(query, *params):
    """Run one statement on the bench database; returns the rows (or None)."""
    import psycopg

    with psycopg.connect(DATABASE_URL.replace("+psycopg", ""), autocommit=True) as connection:
        cursor = connection.execute(query, params or None)
        return cursor.fetchall() if cursor.description else None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(module, env=None, workers=WORKERS):
    """Serve `module` with gunicorn's sync workers; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", str(workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
         "--backlog", "4096", "--log-level", "warning", module],
        env=env or app_env(), cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/__nothing__", timeout=1)
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"gunicorn did not start for {module}")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(script, url, seconds=10, threads=2, connections=16, **env):
    """Run wrk with a Lua script; returns its WRK_RESULT as a dict (plus requests per second)."""
    environment = dict(os.environ, BENCH_LUA_DIR=str(LUA), BENCH_THREADS=str(threads),
                       **{k: str(v) for k, v in env.items()})
    result = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
         "-s", str(LUA / script), url],
        env=environment, capture_output=True, text=True,
    )
    match = re.search(r"^WRK_RESULT (.*)$", result.stdout, re.M)
    if not match:
        raise RuntimeError(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures = json.loads(match.group(1))
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["status"] = {int(k): v for k, v in figures["status"].items()}
    return figures


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hidden = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.hidden[attrs["name"]] = attrs.get("value") or ""


class Browser:
    """Just enough of a browser: cookies, and the hidden fields of the page it last read."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def hidden_fields(self, path):
        html = self.opener.open(self.base + path, timeout=10).read().decode()
        parser = _Inputs()
        parser.feed(html)
        return parser.hidden

    def cookie_header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def form_body(fields):
    return urllib.parse.urlencode(fields)


def pooled_percentile(runs, percent):
    """The `percent` latency (ms) of every request of several wrk runs taken together."""
    counts = {}
    for run in runs:
        for value, count in run["latency_us"]:
            counts[value] = counts.get(value, 0) + count
    wanted, seen = sum(counts.values()) * percent / 100, 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= wanted:
            return value / 1000
    return float("nan")


def ratio(value, ceiling):
    return value / ceiling if ceiling else float("nan")


STATES = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
          "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
          "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"]


def fill_signatures(petition_id, count, tag, state="confirmed", with_districts=False):
    """Insert `count` signatures into a petition inside PostgreSQL (generate_series), spread over the
    states; with `with_districts`, each also gets a district row (437 seats) and a state row, as the
    crosswalk would give, and a tenth a possible second district."""
    states = "ARRAY[" + ",".join(f"'{s}'" for s in STATES) + "]"
    sql(f"""
        INSERT INTO signatures (petition_id, state, email, email_key, first_name, last_name, postcode, city, country,
                                region, phone, comment, is_public, has_consented, source, referrer, ip_address,
                                created_at, confirmed_at, last_mailed_at, updated_at)
        SELECT {int(petition_id)}, %s, '{tag}' || g || '@example.org', '{tag}' || g || '@example.org', 'First' || g,
               'Last', lpad((mod(g, 99999))::text, 5, '0'), 'Town', 'US', ({states})[mod(g, 50) + 1], '', '',
               mod(g, 2) = 0,
               mod(g, 3) = 0, 'bench', '', '192.0.2.1', now() - (g || ' seconds')::interval,
               CASE WHEN %s = 'confirmed' THEN now() END, now(), now()
        FROM generate_series(1, {int(count)}) AS g
    """, state, state)
    if with_districts:
        sql(f"""
            INSERT INTO signature_districts (signature_id, petition_id, state, district, is_possible)
            SELECT id, petition_id, region, (mod(id, 9)) + 1, mod(id, 10) = 0 FROM signatures
              WHERE petition_id = {int(petition_id)}
            UNION ALL
            SELECT id, petition_id, region, (mod(id, 9)) + 2, true FROM signatures
              WHERE petition_id = {int(petition_id)} AND mod(id, 10) = 0
            UNION ALL
            SELECT id, petition_id, region, -1, false FROM signatures WHERE petition_id = {int(petition_id)}
        """)
    sql("ANALYZE signatures")
