"""Time a million-row signer export on PostgreSQL: the app's streamed CSV against COPY TO STDOUT.

Not a test. Needs an empty scratch database, which it fills:

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE bench_privacy'
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1/bench_privacy .venv/bin/python bench/export_bench.py
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE bench_privacy'

Each measurement runs in a fresh process, so its peak memory (ru_maxrss) is its own; COPY and the
app's export run alternately BENCH_REPEATS (5) times and the median of each is printed.
"""
import os
import random
import re
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from harness import REPEATS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("CAMPAIGN_ENV", "testing")
ROWS = int(os.environ.get("BENCH_ROWS", 1_000_000))
URL = os.environ.get("BENCH_DATABASE_URL", "")
PASSWORD = "bench password long enough"
COLUMNS = ("petition_id", "state", "email", "email_key", "first_name", "last_name", "postcode", "city", "country",
           "region", "phone", "comment", "is_public", "has_consented", "consent_wording_id", "source", "referrer",
           "ip_address", "created_at", "confirmed_at", "updated_at")


def _app():
    import config
    from campaign import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": config.database_url(URL), "RATELIMIT_ENABLED": False})


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load():
    """Migrate, then COPY ROWS signatures of one petition in (its consent question reworded halfway)."""
    from flask_migrate import upgrade

    from campaign.base.extensions import db
    from campaign.core.accounts.models import Organizer, Role
    from campaign.core.consent.models import ConsentWording
    from campaign.core.petitions.models import Petition

    app = _app()
    with app.app_context():
        upgrade()
        petition = Petition(slug="bench", title="Bench", body_markdown="b", body_html="<p>b</p>", target_text="t")
        petition.open()
        organizer = Organizer(email="bench@example.org", role=Role.ORGANIZER)
        organizer.set_password(PASSWORD)
        db.session.add_all([petition, organizer])
        wordings = [ConsentWording.id_for(f"Keep me posted about this campaign{mark}") for mark in ("", ".")]
        db.session.commit()
        raw = db.engine.raw_connection()
        started = time.perf_counter()
        base = datetime(2026, 1, 1, tzinfo=UTC)
        states = ["NY", "CA", "TX", "FL", "", "WA"]
        with raw.cursor() as cursor, cursor.copy(f"COPY signatures ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for i in range(ROWS):
                at = base + timedelta(seconds=i)
                email = f"signer{i}@example.org"
                copy.write_row((petition.id, "confirmed", email, email, f"First{i}", "Last-name", "10027", "New York",
                                "US", random.choice(states), "", "I care, \"a lot\"" if i % 7 == 0 else "",
                                i % 2 == 0, i % 3 == 0, wordings[i * 2 // ROWS], "bench", "", "192.0.2.1", at, at, at))
        raw.commit()
        # What autovacuum does after a load like this (it is off on this machine's server): without
        # statistics both exports would be planned for an empty table.
        with raw.cursor() as cursor:
            cursor.execute("ANALYZE signatures, consent_wordings")
        raw.commit()
        raw.close()
        print(f"loaded {ROWS:,} rows with COPY in {time.perf_counter() - started:.1f} s")
        return petition.id


def app_export():
    """The organizer's download through the Flask app: login, view, log, streamed CSV."""
    app = _app()
    client = app.test_client()
    assert client.post("/organize/login", data={"email": "bench@example.org", "password": PASSWORD}).status_code == 302
    started = time.perf_counter()
    response = client.get("/organize/petitions/1/export.csv?status=all", buffered=False)
    size = lines = 0
    for chunk in response.response:
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    elapsed = time.perf_counter() - started
    print(f"app export:  {lines - 1:,} rows, {size / 1e6:.0f} MB in {elapsed:.2f} s, peak memory {_peak_mb():.0f} MB")


def copy_export():
    """PostgreSQL's own COPY (SELECT ...) TO STDOUT of the same rows and columns, as stored, as the baseline."""
    import psycopg

    started = time.perf_counter()
    size = 0
    with psycopg.connect(URL.replace("+psycopg", "")) as connection, connection.cursor() as cursor:
        query = ("COPY (SELECT s.id, first_name, last_name, email, postcode, city, region, country, phone, comment, "
                 "is_public, has_consented, coalesce(w.wording, ''), source, referrer, state, s.created_at, "
                 "confirmed_at FROM signatures s LEFT JOIN consent_wordings w ON w.id = s.consent_wording_id "
                 "WHERE petition_id = 1 AND erased_at IS NULL ORDER BY s.id) TO STDOUT WITH (FORMAT csv, HEADER)")
        with cursor.copy(query) as copy:
            for block in copy:
                size += len(block)
    elapsed = time.perf_counter() - started
    print(f"COPY export: {size / 1e6:.0f} MB in {elapsed:.2f} s, peak memory {_peak_mb():.0f} MB")


def main():
    if not URL.startswith("postgres"):
        sys.exit("set BENCH_DATABASE_URL to an empty scratch PostgreSQL database")
    if len(sys.argv) > 1:
        {"load": load, "app": app_export, "copy": copy_export}[sys.argv[1]]()
        return
    subprocess.run([sys.executable, __file__, "load"], check=True)
    # COPY and the app alternately, BENCH_REPEATS times; the median of each is reported.
    outputs = {"app": [], "copy": []}
    for _ in range(REPEATS):
        for step in ("copy", "app"):
            result = subprocess.run([sys.executable, __file__, step], check=True, capture_output=True, text=True)
            outputs[step].append(result.stdout.strip().splitlines()[-1])
    for step in ("app", "copy"):
        lines = sorted(outputs[step], key=lambda line: float(re.search(r" in ([\d.]+) s", line).group(1)))
        times = ", ".join(re.search(r" in ([\d.]+) s", line).group(1) for line in lines)
        print(f"{lines[len(lines) // 2]}  (median of {len(lines)}: {times} s)")


if __name__ == "__main__":
    main()
