"""Rules at the door on the letter and endorsement forms: a sign-on that trips one is kept,
flagged, never public nor counted; its sender sees and receives what anyone does; organizers see
why in the queue and may let it in. The forms are rate-limited like the petition's."""
import re

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.abuse.door import started_stamp
from campaign.core.accounts.models import Role
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import OrganizationSignOn

from .helpers import ORGANIZATION, confirm_from_mail, organization_id, sign_organization, sign_person


@pytest.fixture
def min_fill(app):
    app.config["SIGN_MIN_FILL_SECONDS"] = 3
    yield
    app.config["SIGN_MIN_FILL_SECONDS"] = 0


def flags(app, model, email):
    with app.app_context():
        return db.session.scalar(select(model.flag_reasons).where(model.email == email))


@pytest.mark.parametrize("path", ["/letters/dear-acme-board", "/petitions/stop-the-data-grab/endorse"])
def test_the_forms_have_the_hidden_field_and_a_signed_start_time(client, create_letter, open_petition, path):
    create_letter()
    page = client.get(path).text
    assert re.search(r'<div class="visually-hidden"><label for="(person-)?contact_note">Leave this empty', page)
    assert re.search(r'name="started" type="hidden" value="[^"]+\.[^"]+"', page)
    if path.startswith("/letters"):
        assert re.search(r'name="person-started" type="hidden" value="[^"]+\.[^"]+"', page)


def test_a_bot_organization_is_kept_flagged_and_never_public(app, client, create_letter, smtp, deliver_mail, login):
    letter_id = create_letter(is_moderated=False)
    response = sign_organization(client, contact_note="http://spam.example")
    assert response.status_code == 200 and "Check your inbox" in response.text  # as anyone sees
    assert flags(app, OrganizationSignOn, ORGANIZATION["email"]) == "honeypot"
    # The same mail as anyone; confirming does not make it public, even without moderation.
    assert confirm_from_mail(client, smtp, deliver_mail, ORGANIZATION["email"]).status_code == 200
    data = client.get("/letters/dear-acme-board.json").get_json()
    assert data["organization_count"] == 0 and data["organizations"] == []
    assert "Privacy Now" not in client.get("/letters/dear-acme-board/print").text

    login(Role.ORGANIZER)
    queue = client.get(f"/organize/letters/{letter_id}/queue").text
    assert "Flagged: filled in the hidden field" in queue
    client.post(f"/organize/sign-ons/organization/{organization_id(app, 'Privacy Now')}/approve")
    assert client.get("/letters/dear-acme-board.json").get_json()["organization_count"] == 1  # let in
    assert flags(app, OrganizationSignOn, ORGANIZATION["email"]) == ""


def test_a_person_sent_too_fast_is_flagged(app, client, create_letter, min_fill, smtp, deliver_mail):
    create_letter(is_moderated=False)
    with app.test_request_context():
        stamp = started_stamp()
    assert sign_person(client, started=stamp).status_code == 200
    sign_person(client, email="nostamp@example.org")
    assert flags(app, IndividualSignOn, "sam@example.org") == "too_fast"
    assert flags(app, IndividualSignOn, "nostamp@example.org") == "no_timestamp"
    confirm_from_mail(client, smtp, deliver_mail, "sam@example.org")
    assert client.get("/letters/dear-acme-board.json").get_json()["individual_count"] == 0


def test_an_endorsement_from_a_blocked_domain_is_flagged(app, client, open_petition, login, smtp, deliver_mail):
    login(Role.ORGANIZER)
    client.post("/organize/blocklists", data={"kind": "email_domain", "value": "privacynow.example"})
    client.post("/organize/logout")
    response = client.post("/petitions/stop-the-data-grab/endorse", data=ORGANIZATION,
                           content_type="multipart/form-data")
    assert "Check your inbox" in response.text
    assert flags(app, OrganizationSignOn, ORGANIZATION["email"]) == "blocked_domain"
    confirm_from_mail(client, smtp, deliver_mail, ORGANIZATION["email"])
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["endorsement_count"] == 0
    login(Role.OWNER)
    queue = client.get(f"/organize/petitions/{open_petition}/endorsements").text
    assert "Flagged: email domain on the blocklist" in queue


def test_an_ordinary_sign_on_is_not_flagged(app, client, create_letter):
    create_letter()
    sign_organization(client)
    sign_person(client)
    assert flags(app, OrganizationSignOn, ORGANIZATION["email"]) == ""
    assert flags(app, IndividualSignOn, "sam@example.org") == ""


@pytest.mark.parametrize("post", [
    lambda client, i: sign_organization(client, email=f"c{i}@org.example", name=f"Org {i}"),
    lambda client, i: sign_person(client, email=f"p{i}@example.org"),
    lambda client, i: client.post("/petitions/stop-the-data-grab/endorse", data={**ORGANIZATION, "name": f"Org {i}"}),
])
def test_the_sign_on_forms_are_rate_limited(app, client, create_letter, open_petition, monkeypatch, post):
    create_letter()
    monkeypatch.setitem(app.config, "SIGN_RATE_LIMIT", "2 per minute")
    assert [post(client, i).status_code for i in range(3)] == [200, 200, 429]


def test_the_sign_on_confirmation_is_rate_limited(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "CONFIRM_RATE_LIMIT", "2 per minute")
    statuses = [client.get("/sign-ons/organization/confirm/bad-token").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
