"""What goes wrong after a batch is claimed never leaves its rows `sending`: one bad message is
recorded on its own, and a batch that fails puts its untried rows straight back in the queue."""
import pytest
from sqlalchemy import select, text

from campaign.base.extensions import db
from campaign.base.outbox import emails, worker
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.core.signatures.models import Signature

from .test_worker import rows


def sign_three(sign):
    for name in ("ada", "grace", "edsger"):
        sign(email=f"{name}@example.org")


def break_mail_to(app, monkeypatch, email, breaking):
    """Render the confirmation to `email` through `breaking(rendered)`, the others as ever."""
    with app.app_context():
        bad = db.session.scalar(select(Signature.id).where(Signature.email == email))
    render = emails._KINDS["signature.confirm"]

    def render_or_break(signature_id):
        rendered = render(signature_id)
        return breaking(rendered) if signature_id == bad else rendered

    monkeypatch.setitem(emails._KINDS, "signature.confirm", render_or_break)


def test_a_batch_that_fails_after_its_claim_goes_back_to_the_queue_at_once(
        app, open_petition, sign, smtp, deliver_mail, monkeypatch):
    """The database fails while the batch is read: nothing waits for a lease to lapse."""
    sign_three(sign)

    def database_gone(recipients):
        raise OSError("connection to the database lost")

    monkeypatch.setattr(worker, "suppressed_among", database_gone)
    with pytest.raises(OSError):
        deliver_mail()
    assert [(row.status, row.claimed_by, row.attempts) for row in rows(app)] == [(OutboxStatus.QUEUED, None, 0)] * 3

    monkeypatch.undo()
    assert deliver_mail() == 3
    assert sorted(message["To"] for message in smtp.messages) == \
        ["ada@example.org", "edsger@example.org", "grace@example.org"]


def test_one_message_that_cannot_be_rendered_is_retried_and_the_others_are_sent(
        app, open_petition, sign, smtp, deliver_mail, monkeypatch):
    """Its renderer's query fails (which ends the transaction on PostgreSQL); the rest still render."""
    sign_three(sign)
    break_mail_to(app, monkeypatch, "grace@example.org",
                  lambda rendered: db.session.execute(text("SELECT no_such_column FROM signatures")))
    assert deliver_mail() == 3
    statuses = {row.recipient: (row.status, row.attempts) for row in rows(app)}
    assert statuses == {"ada@example.org": (OutboxStatus.SENT, 1), "edsger@example.org": (OutboxStatus.SENT, 1),
                        "grace@example.org": (OutboxStatus.QUEUED, 1)}
    assert "could not be rendered" in next(row.last_error for row in rows(app) if row.recipient == "grace@example.org")
    assert sorted(message["To"] for message in smtp.messages) == ["ada@example.org", "edsger@example.org"]


def test_a_batch_whose_records_cannot_be_loaded_at_once_loads_them_one_by_one(
        app, open_petition, sign, smtp, deliver_mail, monkeypatch):
    sign_three(sign)

    def broken_preload(params):
        db.session.execute(text("SELECT no_such_column FROM signatures"))

    monkeypatch.setitem(emails._PRELOADS, "signature.confirm", broken_preload)
    assert deliver_mail() == 3
    assert {row.status for row in rows(app)} == {OutboxStatus.SENT}
    assert len(smtp.messages) == 3


def test_a_message_that_cannot_be_built_is_retried_and_the_others_are_sent(
        app, open_petition, sign, smtp, deliver_mail, monkeypatch):
    """An attachment whose content type the email package refuses, say."""
    sign_three(sign)

    def bad_attachment(rendered):
        rendered.attachments.append(("letter.pdf", "no-slash-here", b"%PDF"))
        return rendered

    break_mail_to(app, monkeypatch, "edsger@example.org", bad_attachment)
    assert deliver_mail() == 3
    statuses = {row.recipient: row.status for row in rows(app)}
    assert statuses["edsger@example.org"] is OutboxStatus.QUEUED
    assert statuses["ada@example.org"] is statuses["grace@example.org"] is OutboxStatus.SENT
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage.claimed_by).where(
            OutboxMessage.recipient == "edsger@example.org")) is None
