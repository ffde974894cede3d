"""An organization signs a coalition letter, confirms by email, an organizer approves, it shows."""
from campaign.core.accounts.models import Role
from campaign.core.letters.models import LetterState

from ..conftest import Mailbox
from .helpers import confirm_from_mail, organization_id, person_id, sign_organization, sign_person


def public_json(client, slug="dear-acme-board"):
    return client.get(f"/letters/{slug}.json").get_json()


def test_organization_signs_confirms_and_is_approved(app, client, create_letter, login, smtp, deliver_mail):
    create_letter()
    response = sign_organization(client)
    assert response.status_code == 200
    assert "Check your inbox" in response.text

    confirmed = confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    assert "confirmed" in confirmed.text
    assert "review it before it appears" in confirmed.text
    # Confirmed but not approved: not public.
    assert public_json(client)["organization_count"] == 0
    assert "Privacy Now" not in client.get("/letters/dear-acme-board").text

    login(Role.ORGANIZER)
    queue = client.get(f"/organize/letters/{_letter_id(app)}/queue")
    assert "Privacy Now" in queue.text and "rosa@privacynow.example" in queue.text
    sign_on = organization_id(app, "Privacy Now")
    approved = client.post(f"/organize/sign-ons/organization/{sign_on}/approve")
    assert approved.status_code == 302

    data = public_json(client)
    assert data["organization_count"] == 1 and data["individual_count"] == 0
    assert data["organizations"] == [{"name": "Privacy Now", "scope": "national", "city": "Washington",
                                      "state": "DC", "website": "https://www.privacynow.example"}]
    page = client.get("/letters/dear-acme-board").text
    assert "Signed by 1 organization" in page and "Privacy Now" in page
    assert "rosa@privacynow.example" not in page and "202 555 0143" not in page

    deliver_mail()
    [mail] = [m for m in smtp.to("rosa@privacynow.example") if m["Subject"].startswith("Approved")]
    assert "is approved" in Mailbox.text(mail)


def _letter_id(app):
    from campaign.base.extensions import db
    from campaign.core.letters.models import Letter

    with app.app_context():
        return db.session.query(Letter.id).scalar()


def test_unapproved_confirmation_cannot_be_approved(app, client, create_letter, login):
    create_letter()
    sign_organization(client)
    login(Role.OWNER)
    response = client.post(f"/organize/sign-ons/organization/{organization_id(app, 'Privacy Now')}/approve",
                           follow_redirects=True)
    assert "until its signer confirms" in response.text
    assert public_json(client)["organization_count"] == 0


def test_groups_national_state_local_then_alphabetically(app, client, create_letter, login, smtp, deliver_mail):
    create_letter()
    for name, scope, email in [("Zeta Local Action", "local", "z@z.example"),
                               ("Beta State League", "state", "b@b.example"),
                               ("Alpha Local Group", "local", "a@a.example"),
                               ("Omega National", "national", "o@o.example")]:
        sign_organization(client, name=name, scope=scope, email=email, website="")
        confirm_from_mail(client, smtp, deliver_mail, email)
    login(Role.ORGANIZER)
    for name in ("Zeta Local Action", "Beta State League", "Alpha Local Group", "Omega National"):
        client.post(f"/organize/sign-ons/organization/{organization_id(app, name)}/approve")
    names = [o["name"] for o in public_json(client)["organizations"]]
    assert names == ["Omega National", "Beta State League", "Alpha Local Group", "Zeta Local Action"]
    page = client.get("/letters/dear-acme-board").text
    assert page.index("National organizations") < page.index("State organizations") < page.index("Local organizations")
    assert "Signed by 4 organizations" in page


def test_individual_signs_and_the_count_line_has_both(app, client, create_letter, login, smtp, deliver_mail):
    create_letter()
    sign_organization(client)
    confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    assert sign_person(client).status_code == 200
    confirm_from_mail(client, smtp, deliver_mail, "sam@example.org")
    login(Role.ORGANIZER)
    client.post(f"/organize/sign-ons/organization/{organization_id(app, 'Privacy Now')}/approve")
    client.post(f"/organize/sign-ons/individual/{person_id(app, 'sam@example.org')}/approve")
    page = client.get("/letters/dear-acme-board").text
    assert "Signed by 1 organization and 1 individual" in page
    assert "<bdi>Sam Okafor</bdi>, <bdi>Engineer since 2019</bdi>" in page
    assert "Your role at the company" in page  # the organizer's wording of the question


def test_unmoderated_letter_shows_a_sign_on_once_confirmed(client, create_letter, smtp, deliver_mail):
    create_letter(is_moderated=False)
    sign_person(client)
    confirm_from_mail(client, smtp, deliver_mail, "sam@example.org")
    assert public_json(client)["individual_count"] == 1


def test_the_same_mailbox_signs_once(client, create_letter, smtp, deliver_mail):
    create_letter(is_moderated=False)
    sign_person(client)
    again = sign_person(client, first_name="Samuel")
    assert again.status_code == 200 and "Check your inbox" in again.text
    confirm_from_mail(client, smtp, deliver_mail, "sam@example.org")
    assert public_json(client)["individual_count"] == 1


def test_bad_input_comes_back_with_what_was_typed(client, create_letter):
    create_letter()
    response = sign_organization(client, email="not-an-address", website="javascript:alert(1)")
    assert response.status_code == 422
    assert "Enter an email address in the right form" in response.text
    assert "web address" in response.text
    assert 'value="Privacy Now"' in response.text


def test_drafts_are_not_public(client, create_letter):
    create_letter(state=LetterState.DRAFT)
    assert client.get("/letters/dear-acme-board").status_code == 404
    assert client.get("/letters/dear-acme-board.json").status_code == 404
    assert sign_person(client).status_code == 404


def test_home_page_lists_open_letters_and_petitions(client, create_letter, open_petition):
    create_letter()
    page = client.get("/").text
    assert "Letter to the Acme board" in page and "Stop the data grab" in page
