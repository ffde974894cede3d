"""PostgreSQL's hot path (campaign.base.postgres): a signature is one round trip on the wire, and a
connection the server dropped is replaced. (A mailbox signing twice, the unique key's
IntegrityError inside, is tests/signatures/test_signing.py, on both databases.)"""
import re

import psycopg
import pytest
from sqlalchemy import event, func, select

from campaign.base import tokens
from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.signatures.models import Signature, SignatureDistrict

pytestmark = pytest.mark.usefixtures("open_petition")
# A line of libpq's trace: direction, length, message type, then what it carries.
MESSAGE = re.compile(r"^([FB])\t\d+\t(\w+)\t?(.*)$")


@pytest.fixture(autouse=True)
def _postgres_only(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only (set TEST_DATABASE_URL; make test runs the suite on both)")


@pytest.fixture
def wire(app, tmp_path):
    """What every connection of the app's pool sends and receives, from libpq's own trace: a list
    of (direction, message, text), 'F' for what the app sends and 'B' for the server's answers."""
    path = tmp_path / "libpq.trace"
    log = open(path, "w")
    with app.app_context():
        engine = db.engine

    def traced(dbapi_connection, record, proxy):
        dbapi_connection.pgconn.trace(log.fileno())
        dbapi_connection.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)

    def untraced(dbapi_connection, record):
        dbapi_connection.pgconn.untrace()

    event.listen(engine.pool, "checkout", traced)
    event.listen(engine.pool, "checkin", untraced)

    def read():
        log.flush()
        messages = []
        for line in path.read_text().splitlines():
            start = MESSAGE.match(line)
            if start:
                messages.append(list(start.groups()))
            else:  # the line breaks of a statement's text
                messages[-1][2] += " " + line
        return [tuple(message) for message in messages]

    yield read
    event.remove(engine.pool, "checkout", traced)
    event.remove(engine.pool, "checkin", untraced)
    log.close()


def round_trips(messages):
    """The app's requests to the server: each ends in a Sync (a statement with parameters) or is
    one Query (simple protocol: BEGIN, COMMIT, a statement without parameters)."""
    trips, current = [], []
    for direction, message, carried in messages:
        if direction != "F":
            continue
        current.append((message, carried))
        if message in ("Sync", "Query"):
            trips.append(current)
            current = []
    return trips


def test_a_signature_is_one_round_trip_with_no_begin_or_commit(app, sign, crosswalk, wire, monkeypatch):
    crosswalk()
    monkeypatch.setitem(app.config, "PUBLIC_RENDER_CACHE_SECONDS", 60)  # as in production
    sign(email="first@example.org")  # reads the petition and the ZIP area's districts once
    before = len(round_trips(wire()))
    for n in range(3):
        assert sign(email=f"burst{n}@example.org").status_code == 302
    trips = round_trips(wire())[before:]
    assert len(trips) == 3
    for trip in trips:
        sent = " ".join(carried for _, carried in trip)
        assert "INSERT INTO signatures" in sent and "INSERT INTO outbox_messages" in sent
        assert "BEGIN" not in sent and "COMMIT" not in sent
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Signature)) == 4
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 4
        assert db.session.scalar(select(func.count()).select_from(SignatureDistrict)) >= 8


def test_after_the_server_drops_every_connection_signing_works_again(app, sign, crosswalk, monkeypatch):
    """A restart of PostgreSQL closes every connection in the pool. The signature that meets a
    dead one fails whole (the error page says nothing was half-saved), and the pool is replaced,
    so the next signature works: it does not meet the pool's other dead connection."""
    crosswalk()
    monkeypatch.setitem(app.config, "PUBLIC_RENDER_CACHE_SECONDS", 60)  # signing then only writes
    assert sign(email="before@example.org").status_code == 302
    with app.app_context():
        with db.engine.connect() as one, db.engine.connect() as two:  # two connections in the pool
            one.execute(select(1)), two.execute(select(1))
        url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:  # from outside the app's pool
        dropped = admin.execute("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                                "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]
    assert dropped >= 2
    failed = sign(email="during@example.org")
    assert failed.status_code == 500
    assert "Nothing you sent was half-saved" in failed.text
    assert sign(email="after@example.org").status_code == 302
    with app.app_context():
        assert set(db.session.scalars(select(Signature.email))) == {"before@example.org", "after@example.org"}
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 2


def test_a_confirmation_is_five_round_trips_with_no_petition_or_webhook_query(app, client, sign, wire, monkeypatch):
    """Pressing the button: BEGIN, the signature's few columns, the one statement that confirms and
    counts, the page's two figures, COMMIT. The petition comes from the process's copy and the
    active webhooks from its list (both read once, as in production)."""
    monkeypatch.setitem(app.config, "PUBLIC_RENDER_CACHE_SECONDS", 60)
    for n in range(4):
        sign(email=f"confirm{n}@example.org")
    with app.test_request_context():
        links = [f"/confirm/{tokens.make(s)}" for s in db.session.scalars(select(Signature).order_by(Signature.id))]
        db.session.remove()
    assert "Thank you" in client.post(links[0]).text  # reads the petition and the webhooks once
    before = len(round_trips(wire()))
    pages = [client.post(link) for link in links[1:]]
    trips = round_trips(wire())[before:]
    assert len(trips) == 3 * 5
    sent = " ".join(carried for trip in trips for _, carried in trip)
    assert "FROM petitions" not in sent and "FROM webhooks" not in sent
    assert sent.count("WITH confirmed AS") == 3
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "<strong>4</strong> people have signed" in pages[-1].text  # the count includes this one
