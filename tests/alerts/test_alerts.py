"""Organizers choose their alerts; `flask alerts send` (from cron) mails what is due, once."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from campaign.base.extensions import db
from campaign.base.outbox.emails import DELIVERY
from campaign.base.outbox.models import OutboxMessage
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Role
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.signatures.models import SignatureState
from campaign.features.alerts import operations
from campaign.features.alerts.models import AlertSettings

from ..conftest import Mailbox, run_in_threads


def choose(client, **boxes):
    return client.post("/organize/alerts", data={name: "y" for name, wanted in boxes.items() if wanted})


def send(runner):
    result = runner.invoke(args=["alerts", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def queued(app, kind):
    with app.app_context():
        rows = db.session.execute(select(OutboxMessage.recipient, OutboxMessage.priority)
                                  .where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)).all()
        db.session.remove()
    return rows


def set_settings(app, organizer_id, **values):
    with app.app_context():
        db.session.execute(update(AlertSettings).where(AlertSettings.organizer_id == organizer_id).values(**values))
        db.session.commit()
        db.session.remove()


def test_the_settings_page_saves_each_choice(client, login):
    login(Role.ORGANIZER)
    page = client.get("/organize/alerts")
    assert page.status_code == 200
    assert 'href="/organize/alerts">Alerts</a>' in page.text  # in the organizer menu
    assert page.text.count('type="checkbox"') == 3
    assert choose(client, on_waiting=True, daily_digest=True).status_code == 302
    page = client.get("/organize/alerts").text
    assert "Your alerts are saved." in page
    assert re.search(r'checked id="on_waiting"|id="on_waiting"[^>]*checked', page)
    assert re.search(r'checked id="daily_digest"|id="daily_digest"[^>]*checked', page)
    assert not re.search(r'checked id="on_milestone"|id="on_milestone"[^>]*checked', page)


def test_a_viewer_is_not_offered_the_moderation_alert(app, client, login):
    organizer_id = login(Role.VIEWER)
    assert "on_waiting" not in client.get("/organize/alerts").text
    client.post("/organize/alerts", data={"on_waiting": "y", "daily_digest": "y"})
    with app.app_context():
        settings = db.session.get(AlertSettings, organizer_id)
        assert (settings.on_waiting, settings.daily_digest) == (False, True)


@pytest.fixture
def waiting_endorsement(app, open_petition):
    def add(name="Acme Social"):
        with app.app_context():
            db.session.add(OrganizationSignOn(petition_id=open_petition, name=name, name_key=name.lower(),
                                              contact_name="Rosa", email="rosa@example.org",
                                              email_key="rosa@example.org", confirmed_at=utcnow()))
            db.session.commit()
            db.session.remove()
    return add


def test_waiting_sign_ons_are_mailed_at_most_once_an_hour(app, client, login, runner, smtp, deliver_mail,
                                                          waiting_endorsement, create_organizer):
    organizer_id = login(Role.ORGANIZER)
    choose(client, on_waiting=True)
    create_organizer(email="quiet@example.org")  # chose nothing
    assert "0 waiting" in send(runner)  # nothing waits: nothing to say
    waiting_endorsement()
    assert "1 waiting" in send(runner)
    waiting_endorsement("Beta Union")
    assert "0 waiting" in send(runner)  # within the hour
    assert queued(app, "alert.waiting") == [("organizer@example.org", DELIVERY)]
    deliver_mail()
    [mail] = smtp.to("organizer@example.org")
    assert mail["Subject"] == "1 waiting for moderation"
    assert "1 endorsement of petitions" in Mailbox.text(mail)
    assert "http://campaign.test/organize/#waiting" in Mailbox.links(mail)
    assert smtp.to("quiet@example.org") == []

    set_settings(app, organizer_id, waiting_mailed_at=utcnow() - timedelta(minutes=61))
    assert "1 waiting" in send(runner)
    deliver_mail()
    assert smtp.to("organizer@example.org")[-1]["Subject"] == "2 waiting for moderation"


def test_several_senders_at_once_queue_one_alert(app, client, login, waiting_endorsement):
    """As `flask alerts send` on several hosts at the same minute: the database lets one claim it."""
    login(Role.ORGANIZER)
    choose(client, on_waiting=True)
    waiting_endorsement()
    now = utcnow()

    def run(_):
        with app.app_context():
            try:
                counts = operations.send_due(now)
                db.session.commit()
                return counts["waiting"]
            finally:
                db.session.remove()

    assert sorted(run_in_threads(4, run)) == [0, 0, 0, 1]
    assert len(queued(app, "alert.waiting")) == 1


def test_a_milestone_is_mailed_once(app, client, login, runner, smtp, deliver_mail, create_petition,
                                    create_signature):
    petition_id = create_petition(slug="save-the-park", title="Save the park", goal=12)
    login(Role.VIEWER)
    choose(client, on_milestone=True)
    for n in range(9):
        create_signature(petition_id, email=f"s{n}@example.org")
    assert "0 milestone" in send(runner)  # 9: below the first milestone
    create_signature(petition_id, email="s9@example.org")
    assert "1 milestone" in send(runner)
    assert "0 milestone" in send(runner)
    for n in range(10, 13):
        create_signature(petition_id, email=f"s{n}@example.org")
    create_signature(petition_id, email="pending@example.org", state=SignatureState.PENDING)
    assert "1 milestone" in send(runner)  # the goal, 12
    deliver_mail()
    # sorted: the worker sends over several connections at once
    assert sorted(m["Subject"] for m in smtp.to("viewer@example.org")) == [
        "10 signatures: Save the park", "12 signatures: Save the park"]
    assert f"http://campaign.test/organize/petitions/{petition_id}" in Mailbox.links(smtp.to("viewer@example.org")[0])


def test_the_daily_digest_comes_once_a_day_after_its_hour(app, client, login, runner, smtp, deliver_mail,
                                                          open_petition, create_signature):
    organizer_id = login(Role.ORGANIZER)
    choose(client, daily_digest=True)
    create_signature(open_petition, email="new1@example.org")
    create_signature(open_petition, email="new2@example.org")
    create_signature(open_petition, email="old@example.org", confirmed_at=utcnow() - timedelta(days=2))
    create_signature(open_petition, email="pending@example.org", state=SignatureState.PENDING)
    create_signature(open_petition, email="flagged@example.org", state=SignatureState.FLAGGED)
    app.config["ALERTS_DIGEST_HOUR"] = 0  # midnight has always passed today
    try:
        assert "1 digest" in send(runner)
        assert "0 digest" in send(runner)
        set_settings(app, organizer_id, digest_mailed_at=utcnow() - timedelta(days=1))
        assert "1 digest" in send(runner)
    finally:
        app.config["ALERTS_DIGEST_HOUR"] = 8
    deliver_mail()
    first, second = smtp.to("organizer@example.org")
    assert first["Subject"].startswith("Daily digest: ")
    text = Mailbox.text(first)
    assert "Stop the data grab (petition)" in text
    assert "New confirmed: 2" in text and "Waiting for confirmation: 1" in text and "Flagged: 1" in text
    assert "Deliveries queued: 0" in text


def test_no_digest_before_its_hour(app, login, client):
    login(Role.ORGANIZER)
    choose(client, daily_digest=True)
    with app.app_context():
        # 8 in the morning in New York (the testing SITE_TIMEZONE) is 13:00 UTC in December.
        assert operations.send_digests(datetime(2026, 12, 3, 12, 59, tzinfo=UTC)) == 0
        assert operations.send_digests(datetime(2026, 12, 3, 13, 0, tzinfo=UTC)) == 1
        assert operations.send_digests(datetime(2026, 12, 3, 23, 0, tzinfo=UTC)) == 0
        assert operations.send_digests(datetime(2026, 12, 4, 13, 5, tzinfo=UTC)) == 1
        db.session.rollback()


@pytest.mark.parametrize("goal, count, reached", [
    (None, 9, None), (None, 10, 10), (None, 24, 10), (None, 25, 25), (100, 99, 50), (120, 130, 120),
    (120, 250, 250), (None, 1_000_000, 1_000_000),
])
def test_the_milestone_reached(goal, count, reached):
    assert operations.reached_milestone(goal, count) == reached
