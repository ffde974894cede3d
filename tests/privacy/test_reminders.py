"""Unconfirmed signers get one reminder after SIGNATURE_REMINDER_DELAY_HOURS (`flask signatures remind`)."""
from datetime import timedelta

from campaign.base.timeutil import utcnow
from campaign.core.petitions.models import PetitionState
from campaign.core.signatures.models import SignatureState

PENDING = SignatureState.PENDING


def test_one_reminder_with_a_working_link(client, runner, open_petition, create_signature, smtp, deliver_mail):
    create_signature(open_petition, email="late@example.org", state=PENDING, created_at=utcnow() - timedelta(hours=49))
    result = runner.invoke(args=["signatures", "remind"])
    assert result.exit_code == 0 and "Queued 1 reminder." in result.output
    assert "Queued 0 reminders." in runner.invoke(args=["signatures", "remind"]).output  # idempotent
    deliver_mail()
    [message] = smtp.to("late@example.org")
    assert message["Subject"].startswith("Your signature is not counted yet")
    assert message["List-Unsubscribe"]
    confirm = next(link for link in smtp.links(message) if "/confirm/" in link).removeprefix("http://campaign.test")
    assert client.post(confirm).status_code == 200
    assert client.get("/petitions/stop-the-data-grab.json").json["signature_count"] == 1


def test_who_is_not_reminded(app, runner, client, create_petition, create_signature, smtp, deliver_mail):
    open_id = create_petition()
    closed_id = create_petition(slug="closed-one", state=PetitionState.CLOSED)
    old = utcnow() - timedelta(days=3)
    create_signature(open_id, email="young@example.org", state=PENDING, created_at=utcnow() - timedelta(hours=47))
    create_signature(open_id, email="done@example.org", created_at=old)
    create_signature(open_id, email="ancient@example.org", state=PENDING, created_at=utcnow() - timedelta(days=31))
    create_signature(closed_id, email="closed@example.org", state=PENDING, created_at=old)
    opted = create_signature(open_id, email="out@example.org", state=PENDING, created_at=old)
    from campaign.core.consent.unsubscribe import make

    with app.test_request_context():
        token = make("s", opted, "out@example.org")
    client.post(f"/unsubscribe/{token}")
    assert "Queued 0 reminders." in runner.invoke(args=["signatures", "remind"]).output


def test_the_delay_is_configurable(app, runner, open_petition, create_signature):
    create_signature(open_petition, email="a@example.org", state=PENDING, created_at=utcnow() - timedelta(hours=3))
    app.config["SIGNATURE_REMINDER_DELAY_HOURS"] = 2
    try:
        assert "Queued 1 reminder." in runner.invoke(args=["signatures", "remind"]).output
    finally:
        app.config["SIGNATURE_REMINDER_DELAY_HOURS"] = 48


def test_a_reminder_queued_before_confirming_is_not_sent(client, runner, open_petition, create_signature, smtp,
                                                          deliver_mail, confirm, counts):
    create_signature(open_petition, state=PENDING, created_at=utcnow() - timedelta(days=3))
    runner.invoke(args=["signatures", "remind"])
    assert confirm("ada@example.org").status_code == 200  # the signer follows the first mail's link
    deliver_mail()
    assert smtp.messages == []
    assert counts(open_petition) == ({"NY": 1}, {"NY": 1})  # confirmed once, counted once
