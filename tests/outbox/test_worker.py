"""The outbox worker: sends through a real SMTP server, retries, records, never sends twice."""
from datetime import timedelta

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.outbox import worker
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.base.timeutil import utcnow

from ..conftest import detached, run_in_threads


def rows(app):
    return detached(app, select(OutboxMessage).order_by(OutboxMessage.id))


def refused(app, smtp, sign, deliver_mail, reply):
    """Sign while the mail server answers the signer's mail with `reply`, and try it once: its row."""
    smtp.refuse["ada@example.org"] = reply
    sign()
    deliver_mail()
    [row] = rows(app)
    return row


def test_mail_is_sent_once_and_recorded(app, open_petition, sign, smtp, deliver_mail):
    sign()
    assert deliver_mail() == 1
    assert deliver_mail() == 0
    assert len(smtp.messages) == 1
    [row] = rows(app)
    assert row.status is OutboxStatus.SENT and row.sent_at is not None and row.attempts == 1
    assert smtp.messages[0]["Message-ID"] == f"<outbox-{row.id}@campaign.test>"


def test_an_internationalised_domain_is_sent_to_in_punycode(app, open_petition, sign, smtp, deliver_mail):
    """smtplib cannot send "ü" in RCPT TO: the address goes as Flask-Mail's own send wrote it."""
    sign(email="ada@bücher.example")
    assert deliver_mail() == 1
    assert [row.status for row in rows(app)] == [OutboxStatus.SENT]
    assert smtp.messages[0].envelope_from and len(smtp.messages) == 1


def test_a_temporary_refusal_is_retried_later_with_backoff(app, open_petition, sign, smtp, deliver_mail):
    row = refused(app, smtp, sign, deliver_mail, (451, "4.3.0 Try again later"))
    assert row.status is OutboxStatus.QUEUED
    assert row.attempts == 1
    assert "451" in row.last_error
    assert row.next_attempt_at > utcnow() + timedelta(seconds=50)
    assert deliver_mail() == 0  # not due yet

    del smtp.refuse["ada@example.org"]
    with app.app_context():
        db.session.get(OutboxMessage, row.id).next_attempt_at = utcnow()
        db.session.commit()
    deliver_mail()
    [row] = rows(app)
    assert row.status is OutboxStatus.SENT and row.attempts == 2
    assert len(smtp.messages) == 1


def test_a_permanent_refusal_is_recorded_and_not_retried(app, open_petition, sign, smtp, deliver_mail):
    row = refused(app, smtp, sign, deliver_mail, (550, "5.1.1 No such user"))
    assert row.status is OutboxStatus.FAILED
    assert row.last_error.startswith("550")
    assert smtp.messages == []


def test_temporary_failures_give_up_after_the_last_attempt(app, open_petition, sign, smtp, deliver_mail):
    smtp.refuse["ada@example.org"] = (421, "busy")
    sign()
    app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    try:
        for _ in range(2):
            with app.app_context():
                for row in db.session.scalars(select(OutboxMessage)):
                    row.next_attempt_at = utcnow()
                db.session.commit()
            deliver_mail()
    finally:
        app.config["OUTBOX_MAX_ATTEMPTS"] = 8
    [row] = rows(app)
    assert row.status is OutboxStatus.FAILED and row.attempts == 2


def test_an_unreachable_server_keeps_mail_queued(app, open_petition, sign, smtp, deliver_mail):
    sign()
    sign(email="grace@example.org")
    state = app.extensions["mail"]
    port = state.port
    state.port = 1  # nothing listens there
    try:
        deliver_mail()
    finally:
        state.port = port
    assert {row.status for row in rows(app)} == {OutboxStatus.QUEUED}
    assert all(row.claimed_by is None for row in rows(app))


def test_two_workers_at_once_send_each_message_once(app, open_petition, sign, smtp):
    for n in range(30):
        sign(email=f"signer{n}@example.org")
    app.config["OUTBOX_BATCH_SIZE"] = 5
    try:
        def work(i):
            with app.app_context():
                sent = worker.run(once=True)
                db.session.remove()
                return sent

        assert sum(run_in_threads(4, work)) == 30
    finally:
        app.config["OUTBOX_BATCH_SIZE"] = 50
    recipients = sorted(m["To"] for m in smtp.messages)
    assert recipients == sorted(f"signer{n}@example.org" for n in range(30))
    assert {row.status for row in rows(app)} == {OutboxStatus.SENT}


def test_a_dead_workers_untried_rows_are_sent_and_its_row_in_flight_is_in_doubt(
        app, runner, open_petition, sign, smtp, deliver_mail):
    sign()
    sign(email="grace@example.org")
    with app.app_context():
        in_flight, untried = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        # Claimed an hour ago by a worker that has been silent since (its lease has lapsed).
        for row, status in ((in_flight, OutboxStatus.IN_FLIGHT), (untried, OutboxStatus.SENDING)):
            row.status, row.claimed_by, row.claimed_at = status, "dead", utcnow() - timedelta(hours=1)
        db.session.commit()
    deliver_mail()
    in_flight, untried = rows(app)
    assert untried.status is OutboxStatus.SENT
    assert in_flight.status is OutboxStatus.IN_DOUBT
    assert in_flight.last_error == "interrupted while sending; not resent automatically"
    assert [m["To"] for m in smtp.messages] == ["grace@example.org"]
    assert "in doubt   1" in runner.invoke(args=["outbox", "status"]).output

    result = runner.invoke(args=["outbox", "retry", str(in_flight.id)])  # a person checked: it never arrived
    assert "1 messages queued again" in result.output
    deliver_mail()
    assert sorted(m["To"] for m in smtp.messages) == ["ada@example.org", "grace@example.org"]


def test_a_live_workers_claim_is_left_alone(app, open_petition, sign, smtp, deliver_mail):
    sign()
    with app.app_context():
        row = db.session.scalar(select(OutboxMessage))
        row.status, row.claimed_by, row.claimed_at = OutboxStatus.SENDING, "alive", utcnow()
        db.session.commit()
    deliver_mail()
    [row] = rows(app)
    assert row.status is OutboxStatus.SENDING and smtp.messages == []


def test_mail_about_an_erased_signature_is_cancelled(app, open_petition, sign, smtp, deliver_mail):
    from campaign.core.signatures.models import Signature

    sign()
    with app.app_context():
        db.session.delete(db.session.scalar(select(Signature)))
        db.session.commit()
    deliver_mail()
    [row] = rows(app)
    assert row.status is OutboxStatus.CANCELLED
    assert smtp.messages == []


def test_without_a_mail_server_mail_goes_to_files(app, open_petition, sign, deliver_mail, tmp_path, capsys):
    app.config["MAIL_FILE_DIR"] = str(tmp_path)
    sign()
    deliver_mail()
    [path] = tmp_path.glob("*.eml")
    content = path.read_text()
    assert "Subject: Please confirm your signature: Stop the data grab" in content
    printed = capsys.readouterr().out
    assert "[mail] to ada@example.org" in printed
    assert "http://campaign.test/confirm/" in printed


def test_the_cli_sends_with_once_and_reports(app, runner, open_petition, sign, smtp):
    sign()
    result = runner.invoke(args=["outbox", "work", "--once"])
    assert result.exit_code == 0, result.output
    assert "processed 1 messages" in result.output
    assert len(smtp.messages) == 1
    status = runner.invoke(args=["outbox", "status"])
    assert "sent       1" in status.output


def test_the_cli_retries_failed_mail(app, runner, open_petition, sign, smtp):
    smtp.refuse["ada@example.org"] = (550, "no")
    sign()
    runner.invoke(args=["outbox", "work", "--once"])
    del smtp.refuse["ada@example.org"]
    assert "1 messages queued again" in runner.invoke(args=["outbox", "retry", "--all-failed"]).output
    runner.invoke(args=["outbox", "work", "--once"])
    assert len(smtp.messages) == 1
    assert runner.invoke(args=["outbox", "retry"]).exit_code != 0


def test_the_inline_worker_starts_with_the_first_request_and_sends(database_url, tmp_path):
    import threading
    import time

    from campaign import create_app
    from campaign.core.petitions.models import Petition

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "OUTBOX_INLINE_WORKER": True,
                      "OUTBOX_POLL_SECONDS": 0.05, "MAIL_FILE_DIR": str(tmp_path)})
    assert "outbox-worker" not in {thread.name for thread in threading.enumerate()}  # not by create_app
    with app.app_context():
        petition = Petition(slug="inline", title="Inline", target_text="T", body_html="", goal=10)
        db.session.add(petition)
        petition.open()
        db.session.commit()
    client = app.test_client()
    response = client.post("/petitions/inline", data={"first_name": "A", "last_name": "B",
                                                       "email": "inline@example.org", "postcode": "10027"})
    assert response.status_code == 302
    try:
        for _ in range(100):
            if list(tmp_path.glob("*.eml")):
                break
            time.sleep(0.05)
    finally:
        app.extensions["outbox_inline_stop"].set()
    assert len(list(tmp_path.glob("*.eml"))) == 1


def test_a_batch_claims_no_more_than_the_batch_size(app, open_petition, sign, smtp):
    for n in range(7):
        sign(email=f"batch{n}@example.org")
    app.config["OUTBOX_BATCH_SIZE"] = 3
    try:
        with app.app_context():
            claimed = [worker.process_batch() for _ in range(4)]
            db.session.remove()
    finally:
        app.config["OUTBOX_BATCH_SIZE"] = 50
    assert claimed == [3, 3, 1, 0]
    assert len(smtp.messages) == 7


def test_the_status_shows_depth_age_and_rate_per_kind(app, runner, open_petition, sign, smtp, deliver_mail):
    sign(email="sent@example.org")
    deliver_mail()
    sign()
    with app.app_context():
        queued = db.session.scalar(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.QUEUED))
        queued.created_at = utcnow() - timedelta(seconds=90)
        db.session.commit()
    output = runner.invoke(args=["outbox", "status"]).output
    assert "queued     1" in output and "sent       1" in output
    line = next(line for line in output.splitlines() if line.startswith("signature.confirm"))
    assert line.split() == ["signature.confirm", "1", "90", "s", "1", "0", "0"]
