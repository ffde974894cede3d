"""Targets answer in public through the link in their delivery message; organizers approve."""
import re

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.signatures.models import Signature
from campaign.features.updates.models import TargetResponse

from ..conftest import Mailbox
from ..deliveries.test_delivery import delivery_id

ANSWER = {"responder_name": "Jordan Reyes", "responder_title": "Head of Policy, Acme Social",
          "body_text": "We will stop selling **location** data.<script>alert(1)</script>"}


def delivered(client, login, ids, compose, smtp, deliver_mail):
    """Deliver to Acme and to Representative Espaillat; returns {address: its answer link}."""
    login()
    response = compose(ids["petition"], [ids["acme"], ids["E000297"]])
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    deliver_mail()
    return {m["To"]: re.search(r"Answer in public: (\S+)", Mailbox.text(m))[1] for m in smtp.messages}


def test_a_target_answers_and_the_organizer_approves(app, client, login, campaign_with_targets, compose, smtp,
                                                     deliver_mail):
    ids = campaign_with_targets
    links = delivered(client, login, ids, compose, smtp, deliver_mail)
    organizer_page = f"/organize/petitions/{ids['petition']}"
    statuses = client.get(organizer_page).text
    assert "delivered today, awaiting an answer" in statuses

    link = links["jordan@acme.example"]
    form = client.get(link)
    assert form.status_code == 200 and "On behalf of <strong>Acme Social, Inc.</strong>" in form.text
    empty = client.post(link, data={**ANSWER, "body_text": ""})
    assert empty.status_code == 422 and "Write your answer" in empty.text and "Head of Policy" in empty.text
    assert "Thank you" in client.post(link, data=ANSWER).text

    assert "Jordan Reyes" not in client.get("/petitions/stop-the-data-grab").text  # not before approval
    assert "an answer waits for your approval" in client.get(organizer_page).text
    with app.app_context():
        response_id = db.session.scalar(db.select(TargetResponse.id))
        db.session.remove()
    client.post(f"/organize/responses/{response_id}/approve")
    assert "answered" in client.get(organizer_page).text

    page = client.get("/petitions/stop-the-data-grab").text
    assert "Acme Social, Inc. responded on" in page and "Jordan Reyes, Head of Policy, Acme Social" in page
    assert "<strong>location</strong>" in page and "<script>alert" not in page
    [answer] = client.get("/petitions/stop-the-data-grab.json").get_json()["responses"]
    assert set(answer) == {"target", "responder", "responded_at", "html"}
    assert answer["target"] == "Acme Social, Inc."
    assert answer["responder"] == "Jordan Reyes, Head of Policy, Acme Social"
    assert "Acme Social, Inc. responded on" in client.get("/petitions/stop-the-data-grab/embed").text

    # In one step, the answer goes to the signers who agreed as an update.
    with app.app_context():
        db.session.execute(db.update(Signature).where(Signature.first_name.in_(["Ada", "Cy"]))
                           .values(has_consented=True))
        db.session.execute(db.delete(OutboxMessage))
        db.session.commit()
        db.session.remove()
    mailed = client.post(f"/organize/responses/{response_id}/mail")
    assert mailed.status_code == 302 and "/organize/updates/" in mailed.location
    assert client.post(f"/organize/responses/{response_id}/mail").status_code == 302  # not twice
    with app.app_context():
        kinds = db.session.scalars(db.select(OutboxMessage.kind)).all()
        db.session.remove()
    assert kinds == ["update.mail", "update.mail"]
    [update] = client.get("/petitions/stop-the-data-grab.json").get_json()["updates"]
    assert update["kind"] == "response" and update["title"] == "Acme Social, Inc. responded"


def test_a_decline_and_a_rejected_answer(app, client, login, campaign_with_targets, compose, smtp, deliver_mail):
    ids = campaign_with_targets
    links = delivered(client, login, ids, compose, smtp, deliver_mail)
    client.post(links["ld@espaillat.example"], data={"responder_name": "LD", "is_declined": "y", "body_text": ""})
    client.post(links["jordan@acme.example"], data={**ANSWER, "body_text": "Buy cheap watches"})
    with app.app_context():
        decline, spam = db.session.scalars(db.select(TargetResponse).order_by(TargetResponse.id)).all()
        decline_id, spam_id = decline.id, spam.id
        db.session.remove()
    client.post(f"/organize/responses/{decline_id}/approve")
    client.post(f"/organize/responses/{spam_id}/reject")
    assert client.post(f"/organize/responses/{spam_id}/approve").status_code == 302  # decided already: no change
    page = client.get("/petitions/stop-the-data-grab").text
    assert "Adriano Espaillat declined to respond on" in page and "cheap watches" not in page
    statuses = client.get(f"/organize/petitions/{ids['petition']}").text
    assert re.search(rf'data-target-status="{ids["E000297"]}">declined<', statuses)
    assert re.search(rf'data-target-status="{ids["acme"]}">delivered today, awaiting an answer<', statuses)


def test_a_link_works_for_its_target_only_and_expires(app, client, login, campaign_with_targets, compose, smtp,
                                                      deliver_mail):
    links = delivered(client, login, campaign_with_targets, compose, smtp, deliver_mail)
    link = links["jordan@acme.example"]
    assert client.get(link[:-3] + "abc").status_code == 404
    assert client.get("/respond/not-a-token").status_code == 404
    app.config["TARGET_RESPONSE_LINK_DAYS"] = -1
    try:
        assert client.get(link).status_code == 410
    finally:
        app.config["TARGET_RESPONSE_LINK_DAYS"] = 90
