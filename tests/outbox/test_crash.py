"""A worker killed mid-batch (kill -9): another sends everything it had not tried, each message once,
and the one(s) it was handing to the server are recorded as in doubt."""
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import func, insert, select

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.core.signatures.models import Signature

from ..conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 1500
CONNECTIONS = 4
MESSAGE_ID = re.compile(rb"^Message-ID: <outbox-(\d+)@", re.MULTILINE | re.IGNORECASE)


class MessageIds:
    """An SMTP server's handler that keeps only the Message-ID of each message it accepts."""

    def __init__(self):
        self.received = Counter()

    async def handle_DATA(self, server, session, envelope):
        self.received[int(MESSAGE_ID.search(envelope.content).group(1))] += 1
        return "250 Message accepted for delivery"


def queue_confirmations(app, petition_id, count):
    """`count` pending signatures, each with its confirmation queued, written in bulk."""
    with app.app_context():
        db.session.execute(insert(Signature.__table__), [
            {"petition_id": petition_id, "email": f"signer{n}@example.org", "email_key": f"signer{n}@example.org",
             "first_name": "Signer", "last_name": str(n)} for n in range(count)])
        ids = db.session.scalars(select(Signature.id)).all()
        db.session.execute(insert(OutboxMessage.__table__), [
            {"kind": "signature.confirm", "recipient": f"signer{n}@example.org", "params": {"signature_id": id_}}
            for n, id_ in enumerate(ids)])
        db.session.commit()
        db.session.remove()


def start_worker(database_url, port, *options):
    """`flask outbox work` in a process of its own, as a service would run it."""
    env = {**os.environ, "CAMPAIGN_ENV": "production", "SECRET_KEY": "kill-test", "DATABASE_URL": database_url,
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(port), "BASE_URL": "http://campaign.test",
           "OUTBOX_CONNECTIONS": str(CONNECTIONS), "OUTBOX_LEASE_SECONDS": "1", "OUTBOX_POLL_SECONDS": "0.2"}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "outbox", "work", *options],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def statuses(app):
    with app.app_context():
        result = dict(db.session.execute(select(OutboxMessage.id, OutboxMessage.status)).all())
        db.session.remove()
    return result


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(app, database_url, open_petition):
    queue_confirmations(app, open_petition, MESSAGES)
    handler, port = MessageIds(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        first = start_worker(database_url, port)
        deadline = time.monotonic() + 60
        while sum(handler.received.values()) < MESSAGES // 5 and time.monotonic() < deadline:
            assert first.poll() is None, first.stdout.read().decode()
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        left = Counter(statuses(app).values())
        if database_url.startswith("postgresql"):  # (SQLite's one writer may be between batches)
            assert left[OutboxStatus.SENDING] + left[OutboxStatus.IN_FLIGHT] > 0  # killed with a batch in hand
        assert left[OutboxStatus.QUEUED] > 0  # ...and mail still to send

        time.sleep(1.2)  # on SQLite the dead worker is known by its lapsed lease (PostgreSQL: at once)
        second = start_worker(database_url, port, "--once")
        output = second.communicate(timeout=120)[0].decode()
        assert second.returncode == 0, output
    finally:
        controller.stop()

    final = statuses(app)
    in_doubt = {id_ for id_, status in final.items() if status is OutboxStatus.IN_DOUBT}
    assert len(in_doubt) <= CONNECTIONS, output  # at most the one message each connection was handing over
    assert {status for id_, status in final.items() if id_ not in in_doubt} == {OutboxStatus.SENT}
    assert max(handler.received.values()) == 1  # nothing sent twice
    assert {id_ for id_ in final if id_ not in in_doubt} <= set(handler.received)  # every other message arrived
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(OutboxMessage.last_error.like("interrupted%"))) \
            == len(in_doubt)
        db.session.remove()
