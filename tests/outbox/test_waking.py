"""Waking on new mail (PostgreSQL): only a sleeping worker is notified, and it wakes at once.

A NOTIFY makes PostgreSQL commit the notifying transactions one at a time, so signing must not
notify while every worker is awake anyway."""
import threading
import time

import psycopg
import pytest
from sqlalchemy import insert, select

from campaign.base.extensions import db
from campaign.base.outbox import liveness, worker
from campaign.base.outbox.models import OutboxSleeper


@pytest.fixture
def listener(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite's workers poll")
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("LISTEN outbox")
        yield lambda: [n.channel for n in connection.notifies(timeout=0.5)]


def sleepers(app):
    with app.app_context():
        found = db.session.scalars(select(OutboxSleeper.worker_id)).all()
        db.session.remove()
        return found


def test_signing_notifies_only_while_a_worker_sleeps(app, open_petition, sign, listener):
    sign()
    assert listener() == []
    with app.app_context():
        db.session.execute(insert(OutboxSleeper).values(worker_id="12345"))
        db.session.commit()
    sign(email="grace@example.org")
    assert listener() == ["outbox"]


def test_an_idle_worker_sleeps_wakes_at_once_on_new_mail_and_leaves_no_trace(
        app, open_petition, sign, smtp, listener, monkeypatch):
    monkeypatch.setattr(liveness, "NAP_FOR", 0.2)
    monkeypatch.setitem(app.config, "OUTBOX_POLL_SECONDS", 60)  # no poll would find the mail in time
    stop = threading.Event()

    def work():
        with app.app_context():
            worker.run(stop=stop)

    thread = threading.Thread(target=work)
    thread.start()
    try:
        for _ in range(100):
            if sleepers(app):
                break
            time.sleep(0.05)
        [asleep] = sleepers(app)
        time.sleep(0.2)  # on LISTEN by now
        signed = time.monotonic()
        sign()
        while not smtp.messages and time.monotonic() - signed < 10:
            time.sleep(0.02)
        assert smtp.messages and time.monotonic() - signed < 5
        assert sleepers(app) == []  # awake: signing no longer notifies
    finally:
        stop.set()
        thread.join()
    assert sleepers(app) == []


def test_a_worker_killed_in_its_sleep_is_struck_off(app, listener):
    with app.app_context():
        db.session.execute(insert(OutboxSleeper).values(worker_id="424242"))  # holds no lock: dead
        db.session.commit()
        liveness.recover("1", lease_seconds=60)
        db.session.commit()
    assert sleepers(app) == []
