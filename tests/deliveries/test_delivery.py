"""An organizer delivers a petition's results: each target gets its own numbers and signers."""
import csv
import io
import zipfile

import pytest

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.features.deliveries.models import Delivery

from ..conftest import Mailbox


def attachment(message, name="signers.csv"):
    [part] = [p for p in message.iter_attachments() if p.get_filename() == name]
    return list(csv.reader(io.StringIO(part.get_content() if isinstance(part.get_content(), str)
                                       else part.get_content().decode())))


def delivery_id(response):
    return int(response.location.split("/deliveries/")[1].split("/")[0])


def test_each_target_gets_its_own_results_by_mail(client, login, campaign_with_targets, compose, smtp, deliver_mail):
    ids = campaign_with_targets
    login()
    response = compose(ids["petition"], [ids["acme"], ids["E000297"], ids["B001323"], ids["C000127"]])
    assert response.status_code == 302
    preview = client.get(response.location + f"?target={ids['E000297']}")
    assert "Dear Adriano Espaillat, 2 of your constituents signed; 4 in all." in preview.text
    assert "and 1 more whose ZIP code lies partly in your district" in preview.text
    assert "Send now to 3 targets" in preview.text  # Senator Cantwell has no address on file
    assert "1 target has no email address and is left out of the mail" in preview.text

    sent = client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    assert sent.status_code == 302
    assert client.post(f"/organize/deliveries/{delivery_id(response)}/send").status_code == 302  # a second press
    assert deliver_mail() == 3
    assert len(smtp.messages) == 3  # Senator Cantwell has no address on file: her packet is for hand delivery

    [rep] = smtp.to("ld@espaillat.example")
    assert rep["Subject"] == "4 signed: Stop the data grab"
    text = Mailbox.text(rep)
    assert "Dear Adriano Espaillat, 2 of your constituents signed; 4 in all." in text
    assert "Your constituents (NY-13): 2 confirmed, and 1 more" in text
    assert "NY: 3" in text and "AK: 1" in text
    assert attachment(rep) == [
        ["name", "city", "zip", "state", "constituent", "email"],
        ["Ada Lovelace", "", "10027", "NY", "confirmed", "ada@example.org"],
        ["Bob Lovelace", "", "10027", "NY", "confirmed", ""],
        ["Cy Lovelace", "", "10025", "NY", "possible", "cy@example.org"],
    ]
    [at_large] = smtp.to("staff@begich.example")
    assert "Dear Nick Begich, 1 of your constituents signed" in Mailbox.text(at_large)
    assert [row[0] for row in attachment(at_large)[1:]] == ["Dee Lovelace"]
    [company] = smtp.to("jordan@acme.example")
    assert "Dear Acme Social, Inc., 4 of your constituents" in Mailbox.text(company)
    assert len(attachment(company)) == 5
    for message in smtp.messages:  # no address leaks without the signer's consent
        assert "bob@example.org" not in message.as_string() and "dee@example.org" not in message.as_string()

    log = client.get(f"/organize/deliveries/{delivery_id(response)}").text
    assert 'data-status="sent">3<' in log and 'data-status="no address">1<' in log


def test_unknown_placeholders_and_missing_targets_are_explained(client, login, campaign_with_targets, compose):
    login()
    response = compose(campaign_with_targets["petition"], [], message="Dear {target}")
    assert response.status_code == 422
    assert "Unknown placeholder {target}" in response.text
    assert "Pick at least one target." in response.text
    assert "Dear {target}" in response.text  # what was typed comes back


def test_senators_of_a_state_and_offices_with_enough_constituents(client, login, campaign_with_targets, compose):
    login()
    senators = compose(campaign_with_targets["petition"], selection="state_senators", selection_state="WA")
    assert "Maria Cantwell" in client.get(senators.location).text
    enough = compose(campaign_with_targets["petition"], selection="min_constituents", min_constituents="2")
    page = client.get(enough.location).text
    assert "Adriano Espaillat" in page and "Nick Begich" not in page and "Send now to 1 target" in page


def test_a_crash_mid_delivery_resumes_without_sending_anyone_twice(
        app, client, login, campaign_with_targets, compose, smtp, deliver_mail):
    from datetime import timedelta

    from campaign.base.outbox import emails, transports, worker
    from campaign.base.outbox.models import OutboxMessage, OutboxStatus
    from campaign.base.timeutil import utcnow

    ids = campaign_with_targets
    login()
    response = compose(ids["petition"], [ids["acme"], ids["E000297"], ids["B001323"]])
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    with app.app_context():
        first, second, third = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
        for later in (second, third):
            later.next_attempt_at = utcnow() + timedelta(hours=1)
        db.session.commit()
        second_id, third_id = second.id, third.id
        worker.process_batch()  # one message is sent...
        second, third = db.session.get(OutboxMessage, second_id), db.session.get(OutboxMessage, third_id)
        # ...while another worker had claimed the second and was handing it to the server when it died.
        second.status, second.claimed_by = OutboxStatus.IN_FLIGHT, "dead"
        second.claimed_at = utcnow() - timedelta(hours=1)
        with app.test_request_context(base_url=app.config["BASE_URL"]), transports.connect() as send:
            rendered = emails.render(second.kind, second.params)
            send(transports.envelope_sender(second, rendered), [second.recipient],
                 transports.build_message(second, rendered))
        third.next_attempt_at = utcnow()  # the third is still queued
        db.session.commit()
        db.session.remove()
    assert len(smtp.messages) == 2
    deliver_mail()  # the worker starts again
    recipients = ["jordan@acme.example", "ld@espaillat.example", "staff@begich.example"]
    assert sorted(m["To"] for m in smtp.messages) == recipients  # each exactly once
    log = client.get(f"/organize/deliveries/{delivery_id(response)}").text
    assert "interrupted while sending; not resent automatically" in log
    with app.app_context():
        statuses = [r.outbox_message.status for r in db.session.get(Delivery, delivery_id(response)).recipients]
        assert sorted(s.value for s in statuses) == ["in doubt", "sent", "sent"]


def test_failed_messages_show_their_error_and_can_be_retried(client, login, campaign_with_targets, compose,
                                                             smtp, deliver_mail):
    ids = campaign_with_targets
    login()
    response = compose(ids["petition"], [ids["acme"]])
    smtp.refuse["jordan@acme.example"] = (550, "5.1.1 No such user")
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    deliver_mail()
    log = client.get(f"/organize/deliveries/{delivery_id(response)}").text
    assert "550 5.1.1 No such user" in log and "Retry the 1 failed" in log
    del smtp.refuse["jordan@acme.example"]
    client.post(f"/organize/deliveries/{delivery_id(response)}/retry")
    deliver_mail()
    assert len(smtp.to("jordan@acme.example")) == 1


def test_the_packets_download(client, login, campaign_with_targets, compose):
    ids = campaign_with_targets
    login()
    response = compose(ids["petition"], [ids["E000297"], ids["C000127"]])
    download = client.get(f"/organize/deliveries/{delivery_id(response)}/packets.zip")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(download.data))
    names = sorted(archive.namelist())
    assert len(names) == 4 and all(n.endswith(("/message.txt", "/signers.csv")) for n in names)
    senator = [n for n in names if "Cantwell" in n and n.endswith(".txt")][0]
    assert "Dear Maria Cantwell, 0 of your constituents" in archive.read(senator).decode()
    everything = b"".join(archive.read(n) for n in names)
    assert b"ada@example.org" in everything and b"bob@example.org" not in everything


def test_a_milestone_delivery_goes_when_the_count_passes_it(app, runner, client, login, campaign_with_targets,
                                                           compose, sign, confirm_all, smtp, deliver_mail):
    ids = campaign_with_targets
    login()
    compose(ids["petition"], [ids["acme"]], milestone="5")
    assert "0 milestone deliveries queued" in runner.invoke(args=["deliveries", "milestones"]).output
    sign(first_name="Eve", email="eve@example.org", postcode="10027")
    confirm_all()
    assert "1 milestone delivery queued" in runner.invoke(args=["deliveries", "milestones"]).output
    assert "0 milestone deliveries queued" in runner.invoke(args=["deliveries", "milestones"]).output
    deliver_mail()
    assert len(smtp.to("jordan@acme.example")) == 1


URLS = ["/organize/deliveries/", "/organize/deliveries/new/petition/{petition}", "/organize/deliveries/{d}",
        "/organize/deliveries/{d}/preview", "/organize/deliveries/{d}/packets.zip"]


@pytest.fixture
def draft(app, campaign_with_targets):
    with app.app_context():
        delivery = Delivery(action_kind="petition", action_id=campaign_with_targets["petition"], subject="S",
                            message="M", target_ids=[campaign_with_targets["acme"]])
        db.session.add(delivery)
        db.session.commit()
        return {"petition": campaign_with_targets["petition"], "d": delivery.id}


@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, draft, url):
    assert client.get(url.format(**draft)).status_code == 302
    assert client.post(f"/organize/deliveries/{draft['d']}/send").status_code == 302


def test_viewers_see_logs_and_counts_but_not_signers_and_cannot_send(client, login, draft):
    login(Role.VIEWER)
    assert client.get(f"/organize/deliveries/{draft['d']}").status_code == 200
    assert client.get(f"/organize/deliveries/{draft['d']}/preview").status_code == 200
    assert client.get(f"/organize/deliveries/{draft['d']}/packets.zip").status_code == 403
    assert client.get(f"/organize/deliveries/new/petition/{draft['petition']}").status_code == 403
    assert client.post(f"/organize/deliveries/{draft['d']}/send").status_code == 403
    assert client.post(f"/organize/deliveries/{draft['d']}/retry").status_code == 403


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.OWNER])
def test_organizers_and_owners_may_do_everything(client, login, draft, role):
    login(role)
    for url in URLS:
        assert client.get(url.format(**draft)).status_code == 200, url
    assert client.get("/organize/deliveries/new/letter/1").status_code == 404  # no letters in this branch yet


def test_the_outbox_worker_sends_milestone_deliveries_by_itself(app, client, login, campaign_with_targets, compose,
                                                                sign, confirm_all, smtp, deliver_mail):
    ids = campaign_with_targets
    login()
    compose(ids["petition"], [ids["acme"]], milestone="5")
    deliver_mail()
    assert smtp.to("jordan@acme.example") == []  # 4 confirmed: not yet
    sign(first_name="Eve", email="eve@example.org", postcode="10027")
    confirm_all()
    deliver_mail()  # `flask outbox work` does the same, every 30 seconds
    deliver_mail()
    assert len(smtp.to("jordan@acme.example")) == 1


@pytest.mark.parametrize("state", ["WAS", "W" * 5000, "ZZ"])
def test_a_state_not_on_the_list_is_refused_with_the_form_again(client, login, campaign_with_targets, compose, state):
    login()
    response = compose(campaign_with_targets["petition"], selection="state_senators", selection_state=state,
                       subject="Senators of {seat}")
    assert response.status_code == 422
    assert "Choose a state from the list." in response.text
    assert "Senators of {seat}" in response.text  # what was typed comes back
    with client.application.app_context():
        assert db.session.scalar(db.select(db.func.count(Delivery.id))) == 0


def test_the_mail_comes_from_the_deliverys_name_answers_go_to_the_organizer_and_it_links_the_page(
        app, client, login, campaign_with_targets, compose, smtp, deliver_mail):
    from campaign.base.timeutil import utcnow
    from campaign.core.organizations.models import Decision, OrganizationSignOn

    ids = campaign_with_targets
    with app.app_context():
        db.session.add(OrganizationSignOn(petition_id=ids["petition"], name="Privacy Now", name_key="privacy now",
                                          contact_name="Rosa", email="rosa@privacynow.example", is_listed=True,
                                          email_key="rosa@privacynow.example", confirmed_at=utcnow(),
                                          decision=Decision.APPROVED))
        db.session.commit()
    login()
    form = client.get(f"/organize/deliveries/new/petition/{ids['petition']}").text
    assert 'value="organizer@example.org"' in form and 'value="Campaign"' in form  # the defaults
    bad = compose(ids["petition"], [ids["acme"]], reply_to="not an address", from_name="Privacy Coalition")
    assert bad.status_code == 422 and "Enter the Reply-To address in the right form" in bad.text
    assert 'value="Privacy Coalition"' in bad.text
    response = compose(ids["petition"], [ids["acme"]], from_name="Privacy Coalition, Café Inc.",
                       reply_to="organizer@example.org")
    assert "Reply-To:</strong> organizer@example.org" in client.get(response.location).text
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    deliver_mail()
    [mail] = smtp.to("jordan@acme.example")
    assert mail["From"].addresses[0].display_name == "Privacy Coalition, Café Inc."
    assert mail["From"].addresses[0].addr_spec == "no-reply@localhost"  # the site's own sending address
    assert mail["Reply-To"] == "organizer@example.org"
    text, html = Mailbox.text(mail), mail.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert "http://campaign.test/petitions/stop-the-data-grab" in body
        assert "each signer confirmed by answering an email sent to the address they gave" in body
        assert "Endorsed by 1 organization: Privacy Now" in body


def test_lists_show_subjects_readably_and_a_delivery_all_sent_as_sent(client, login, campaign_with_targets, compose,
                                                                      deliver_mail):
    ids = campaign_with_targets
    login()
    response = compose(ids["petition"], [ids["acme"], ids["E000297"]],
                       subject="{constituents} of {target_name}'s people signed {action_title}")
    readable = "[constituents] of [target name]&#39;s people signed Stop the data grab"
    listed = client.get("/organize/deliveries/").text
    assert readable in listed and "{constituents}" not in listed and "draft" in listed
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    assert ">queued<" in client.get("/organize/deliveries/").text.replace("\n", "").replace(" ", "")
    deliver_mail()
    listed, log = client.get("/organize/deliveries/").text, client.get(response.location.replace("/preview", "")).text
    assert "<td>sent</td>" in listed.replace("\n      ", "") and "queued" not in listed
    assert readable in log and "Stop the data grab · sent" in log


def test_the_preview_warns_of_confirmed_signatures_without_a_district(app, client, login, campaign_with_targets,
                                                                       compose, sign, confirm_all):
    ids = campaign_with_targets
    sign(first_name="Eve", email="eve@example.org", postcode="10001")  # a New York ZIP the crosswalk lacks
    confirm_all()
    login()
    house = client.get(compose(ids["petition"], selection="min_constituents", min_constituents="1").location).text
    assert "1 confirmed signature has no congressional district" in house
    assert "flask geo assign-districts" in house
    company = client.get(compose(ids["petition"], [ids["acme"]]).location).text
    assert "no congressional district" not in company  # a company counts every signer
