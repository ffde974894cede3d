"""Organizers write updates: on the public page and in the JSON, and by mail to the signers who agreed."""
import re
from datetime import timedelta

from sqlalchemy import func, select

from campaign.base.extensions import db
from campaign.base.outbox import worker
from campaign.base.outbox.board import Board, Job
from campaign.base.outbox.emails import BULK, FIRST
from campaign.base.outbox.models import OutboxMessage
from campaign.base.timeutil import utcnow
from campaign.features.updates.models import Update

from ..conftest import PASSWORD, Mailbox, run_in_threads
from .conftest import REACHED_IN_NY


def update_id(location):
    return int(location.rstrip("/").rsplit("/", 1)[1])


def test_an_update_is_on_the_page_and_in_the_json(client, login, open_petition, write_update):
    login()
    write_update(open_petition, title="Delivered to Acme", body_markdown="<script>x</script> **Done**",
                 kind="delivered")
    page = client.get("/petitions/stop-the-data-grab").text
    assert "Delivered to Acme" in page and "<strong>Done</strong>" in page and "<script>x" not in page
    body = client.get("/petitions/stop-the-data-grab.json").get_json()
    [update] = body["updates"]
    assert set(update) == {"kind", "title", "published_at", "html"}
    assert update["kind"] == "delivered" and update["title"] == "Delivered to Acme"
    assert update["published_at"].endswith("Z") and "<strong>Done</strong>" in update["html"]
    assert body["responses"] == []


def test_a_form_with_errors_keeps_what_was_typed(client, login, open_petition):
    login()
    response = client.post(f"/organize/petition/{open_petition}/updates/new",
                           data={"kind": "news", "title": "", "body_markdown": "Kept text"})
    assert response.status_code == 422
    assert "Enter a title." in response.text and "Kept text" in response.text
    assert client.post(f"/organize/petition/{open_petition}/updates/new",
                       data={"kind": "nonsense", "title": "T", "body_markdown": "B"}).status_code == 422
    assert client.get("/organize/petition/999999/updates/new").status_code == 404
    assert client.get(f"/organize/poll/{open_petition}/updates/new").status_code == 404


def test_one_states_signers_who_agreed_get_it_once(app, client, login, signers, write_update, smtp, deliver_mail):
    login()
    page = write_update(signers)
    assert 'data-recipients="3"' in client.get(page).text  # NY and CA, each who agreed and may be mailed
    counted = client.post(page + "/send", data={"regions": ["NY"], "count": "1"})
    assert counted.status_code == 200 and 'data-recipients="2"' in counted.text
    assert "Send to 2 recipients" in counted.text
    sent = client.post(page + "/send", data={"regions": ["NY"], "send": "1"})
    assert sent.status_code == 302
    again = client.post(page + "/send", data={"regions": ["NY"], "send": "1"})  # a second press sends nothing
    assert "queued already" in client.get(again.location).text
    deliver_mail()
    assert sorted(m["To"] for m in smtp.messages) == sorted(REACHED_IN_NY)
    message = smtp.messages[0]
    assert message["Subject"] == "We met Acme (Stop the data grab)"
    assert "They **listened**." in Mailbox.text(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    assert unsubscribe in Mailbox.text(message)
    assert client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    progress = client.get(page).text
    assert 'data-status="sent">2<' in progress and 'data-status="unsubscribed">1<' in progress


def test_a_district_filter(client, login, signers, write_update):
    login()
    page = write_update(signers)
    counted = client.post(page + "/send", data={"districts": ["NY-12"], "count": "1"})
    assert 'data-recipients="1"' in counted.text
    unknown = client.post(page + "/send", data={"districts": ["ZZ-99"], "count": "1"})
    assert unknown.status_code == 422 and "not a valid choice" in unknown.text


def test_a_test_copy_goes_to_the_organizer_first(client, login, signers, write_update, smtp, deliver_mail):
    login()
    page = write_update(signers)
    assert client.post(page + "/test").status_code == 302
    deliver_mail()
    [copy] = smtp.messages
    assert copy["To"] == "organizer@example.org" and copy["Subject"].startswith("[Test] We met Acme")
    assert "Send to 3 recipients" in client.get(page).text  # nothing went to signers


def test_bulk_mail_waits_behind_confirmations(app, client, login, signers, write_update, sign):
    login()
    page = write_update(signers)
    client.post(page + "/send", data={"send": "1"})
    sign(email="late@example.org")  # a confirmation queued after the whole update
    sign(email="later@example.org")
    with app.app_context():
        [first] = worker.claim(1, "test-worker")
        assert first.kind == "signature.confirm"
        # A worker whose board is full of bulk mail takes only the more urgent mail.
        assert [row.kind for row in worker.claim(10, "test-worker", more_urgent_than=BULK)] == ["signature.confirm"]
        assert worker.claim(10, "test-worker", more_urgent_than=BULK) == []
        db.session.remove()


def test_a_confirmation_claimed_behind_bulk_mail_is_sent_before_it():
    board = Board()
    for n in range(5):
        board.add(Job(n, "update.mail", f"signer{n}@example.org", 0, utcnow(), priority=BULK))
    board.add(Job(99, "signature.confirm", "new@example.org", 0, utcnow(), priority=FIRST))
    board.add(Job(100, "update.mail", "later@example.org", 0, utcnow(), priority=BULK))
    assert [board.take().id for _ in range(7)] == [99, 0, 1, 2, 3, 4, 100]


def test_send_later_then_cancel_while_sending(app, client, login, signers, write_update, runner):
    login()
    page = write_update(signers)
    past = client.post(page + "/send", data={"send_at": "2001-01-01T10:00", "send": "1"})
    assert past.status_code == 422 and "Pick a time in the future" in past.text
    later = (utcnow() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(page + "/send", data={"send_at": later, "send": "1"})
    assert "To be mailed on" in client.get(page).text
    assert "0 scheduled updates mailed" in runner.invoke(args=["updates", "send-due"]).output
    with app.app_context():
        update = db.session.get(Update, update_id(page))
        update.send_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        db.session.remove()
    assert "1 scheduled update mailed" in runner.invoke(args=["updates", "send-due"]).output
    with app.app_context():
        worker.claim(1, "test-worker")  # one is being sent
        db.session.remove()
    client.post(page + "/cancel")
    with app.app_context():
        statuses = sorted(s.value for s in db.session.scalars(select(OutboxMessage.status)))
        db.session.remove()
    assert statuses == ["cancelled", "cancelled", "sending"]
    assert 'data-status="cancelled">2<' in client.get(page).text


def confirm_every_sign_on(app):
    """Every sign-on of the letter confirmed by its signer; their confirmation mail dropped."""
    from campaign.core.letters.models import IndividualSignOn
    from campaign.core.organizations.models import OrganizationSignOn

    with app.app_context():
        for model in (IndividualSignOn, OrganizationSignOn):
            for sign_on in db.session.scalars(select(model)):
                sign_on.confirm()
        db.session.execute(db.delete(OutboxMessage))
        db.session.commit()
        db.session.remove()


def test_letters_mail_the_sign_ons_that_agreed(app, client, login, create_letter, write_update, smtp, deliver_mail):
    letter_id = create_letter()
    for email, wants in (("both@example.org", True), ("no@example.org", False)):
        client.post("/letters/dear-acme-board/individuals",
                    data={"person-first_name": "Jo", "person-last_name": "Doe", "person-email": email,
                          "person-wants_updates": "y" if wants else ""})
    client.post("/letters/dear-acme-board/organizations",
                data={"name": "Acme Watch", "scope": "national", "contact_name": "Sam", "email": "both@example.org",
                      "wants_updates": "y"})
    confirm_every_sign_on(app)
    login()
    page = write_update(letter_id, action="letter")
    assert 'data-recipients="1"' in client.get(page).text
    client.post(page + "/send", data={"send": "1"})
    deliver_mail()
    assert [m["To"] for m in smtp.messages] == ["both@example.org"]
    assert "We met Acme" in client.get("/letters/dear-acme-board").text
    assert client.get("/letters/dear-acme-board.json").get_json()["updates"][0]["title"] == "We met Acme"


def test_a_letters_update_goes_to_some_states_organizations_and_never_by_district(app, client, login, create_letter,
                                                                                  write_update, smtp, deliver_mail):
    """Sign-ons give no address: organizations give their state, individuals none (README, Updates)."""
    letter_id = create_letter()
    for name, region, email in (("NY Watch", "NY", "ny@example.org"), ("CA Watch", "CA", "ca@example.org"),
                                ("US Watch", "", "us@example.org")):
        client.post("/letters/dear-acme-board/organizations",
                    data={"name": name, "scope": "state" if region else "national", "region": region,
                          "contact_name": "Sam", "email": email, "wants_updates": "y"})
    client.post("/letters/dear-acme-board/individuals",
                data={"person-first_name": "Jo", "person-last_name": "Doe", "person-email": "jo@example.org",
                      "person-wants_updates": "y"})
    confirm_every_sign_on(app)
    login()
    page = write_update(letter_id, action="letter")
    shown = client.get(page).text
    assert 'data-recipients="4"' in shown
    assert re.findall(r'<option value="(\w+)"', shown) == ["CA", "NY"]  # the organizations' states
    assert "Congressional districts" not in shown and 'name="districts"' not in shown
    assert "Sign-ons give no address" in shown
    assert client.post(page + "/send", data={"districts": "NY-13", "count": "1"}).status_code == 422
    counted = client.post(page + "/send", data={"regions": "NY", "count": "1"}).text
    assert 'data-recipients="1"' in counted
    client.post(page + "/send", data={"regions": "NY", "send": "1"})
    deliver_mail()
    assert [m["To"] for m in smtp.messages] == ["ny@example.org"]


def test_nobody_who_opts_out_or_is_forgotten_after_queueing_gets_it(app, client, login, signers, write_update, smtp,
                                                                   deliver_mail, runner):
    login()
    page = write_update(signers)
    client.post(page + "/send", data={"send": "1"})
    with app.app_context():
        from campaign.base.addresses import mailbox_key
        from campaign.features.privacy import operations
        operations.opt_out(mailbox_key("ny1@example.org"))
        db.session.commit()
        db.session.remove()
    assert runner.invoke(args=["privacy", "forget", "ca1@example.org"]).exit_code == 0
    deliver_mail()
    assert [m["To"] for m in smtp.messages] == ["ny2@example.org"]
    progress = client.get(page).text
    assert 'data-status="sent">1<' in progress and 'data-status="cancelled">1<' in progress


def test_two_presses_at_once_mail_each_mailbox_once(app, client, login, create_organizer, signers, write_update):
    login()
    page = write_update(signers)
    other = app.test_client()
    create_organizer(email="colleague@example.org")
    other.post("/organize/login", data={"email": "colleague@example.org", "password": PASSWORD})
    results = run_in_threads(2, lambda i: (client, other)[i].post(page + "/send", data={"send": "1"}).status_code)
    assert results == [302, 302]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 3
        db.session.remove()


def test_a_worker_whose_board_is_full_of_bulk_mail_takes_a_confirmation_at_once(app, client, login, signers,
                                                                               write_update, sign):
    login()
    page = write_update(signers)
    client.post(page + "/send", data={"send": "1"})
    saved = app.config["OUTBOX_BATCH_SIZE"]
    app.config["OUTBOX_BATCH_SIZE"] = 2
    with app.app_context():
        busy = worker.Worker(app)  # its connections are not started: nothing leaves the board
        try:
            assert busy.fill() == 2 and not busy.board.wait_for_room(2, 0)  # full of the update's mail
            sign(email="late@example.org")
            worker._wait_for_room(busy, app.config)
            assert [job.kind for job in busy.board.clear()] == ["signature.confirm", "update.mail", "update.mail"]
        finally:
            app.config["OUTBOX_BATCH_SIZE"] = saved
            busy.presence.close()
            db.session.remove()


def test_each_signer_gets_the_update_in_the_language_they_signed_in(app, client, login, signers, write_update, smtp,
                                                                     deliver_mail):
    """The organizer's words as written; the mail around them in the signer's language (Content-Language says it)."""
    from campaign.core.signatures.models import Signature

    with app.app_context():
        db.session.execute(db.update(Signature).where(Signature.email == "ny1@example.org").values(language="es"))
        db.session.commit()
    login()
    page = write_update(signers, title="We met Acme", body_markdown="They **listened**.")
    assert client.post(page + "/send", data={"regions": ["NY"], "send": "1"}).status_code == 302
    deliver_mail()
    [spanish] = smtp.to("ny1@example.org")
    [english] = smtp.to("ny2@example.org")
    assert spanish["Content-Language"] == "es" and english["Content-Language"] == "en"
    assert "Noticia sobre “Stop the data grab”" in smtp.text(spanish)
    assert "Vea todas las novedades:" in smtp.text(spanish) and "They **listened**." in smtp.text(spanish)
    assert "News on “Stop the data grab”" in smtp.text(english) and "See every update:" in smtp.text(english)
    assert smtp.text(spanish).startswith("Hola, ") and smtp.text(english).startswith("Hello ")
