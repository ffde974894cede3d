"""Coalition letters in English and Spanish: written by the organizer in both, read in each,
signed in each, and every mail to a signer in the language they signed in."""
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.letters.models import IndividualSignOn, Letter
from campaign.core.organizations.models import OrganizationSignOn

from .helpers import confirm_from_mail, organization_id, person_id, sign_organization, sign_person

SPANISH = {
    "title": "Carta a la junta directiva de Acme",
    "addressees": "La junta directiva\nAcme Social, Inc.",
    "body_markdown": "Las organizaciones firmantes pedimos a la **junta** que actúe.",
    "affiliation_question": "Su puesto en la empresa",
}


def make_bilingual(app, letter_id):
    with app.app_context():
        letter = db.session.get(Letter, letter_id)
        letter.set_translations({"es": SPANISH})
        db.session.commit()
        db.session.remove()


def test_an_organizer_writes_a_letter_in_two_languages(app, client, login):
    login(Role.ORGANIZER)
    form = {"title": "Employees to the Acme board", "addressees": "The Board", "body_markdown": "We work here.",
            "signers": "both", "ordering": "by_scope", "affiliation_question": "Your team", "is_moderated": "y",
            "language": "en", **{f"es_{name}": value for name, value in SPANISH.items()}}
    response = client.post("/organize/letters/new", data=form)
    assert response.status_code == 302
    with app.app_context():
        letter = db.session.scalar(select(Letter))
        assert letter.languages == ["en", "es"]
        assert letter.translation("es")["affiliation_question"] == "Su puesto en la empresa"
        assert "<strong>junta</strong>" in letter.translation("es")["body_html"]
        letter_id = letter.id
    assert SPANISH["title"] in client.get(f"/organize/letters/{letter_id}/edit").text
    preview = client.get(f"/organize/letters/{letter_id}/preview?lang=es")
    assert SPANISH["title"] in preview.text and "Su puesto en la empresa" in preview.text

    half = client.post("/organize/letters/new?lang=en", data={**form, "es_addressees": ""})  # the preview set es
    assert half.status_code == 422 and "Write this in Español too" in half.text


def test_the_letter_in_each_language_and_its_json(app, client, create_letter):
    make_bilingual(app, create_letter())
    spanish = client.get("/letters/dear-acme-board", headers={"Accept-Language": "es"})
    assert '<html lang="es"' in spanish.text
    assert SPANISH["title"] in spanish.text and "La junta directiva" in spanish.text
    assert "Su puesto en la empresa" in spanish.text  # the question put to individuals
    assert "<strong>junta</strong>" in spanish.text
    english = client.get("/letters/dear-acme-board", headers={"Accept-Language": "en"})
    assert "Letter to the Acme board" in english.text and "Your role at the company" in english.text
    print_view = client.get("/letters/dear-acme-board/print?lang=es")
    assert SPANISH["title"] in print_view.text

    data = client.get("/letters/dear-acme-board.json", headers={"Accept-Language": "es"}).get_json()
    assert (data["language"], data["languages"], data["title"]) == ("en", ["en", "es"], "Letter to the Acme board")


def test_a_language_the_letter_lacks_shows_the_default_with_a_note(client, create_letter):
    create_letter()
    page = client.get("/letters/dear-acme-board?lang=es")
    assert '<h1 lang="en">Letter to the Acme board</h1>' in page.text
    assert 'class="notice" role="note">' in page.text and "inglés" in page.text


def test_sign_ons_keep_their_language_for_every_mail(app, client, create_letter, login, smtp, deliver_mail):
    make_bilingual(app, create_letter())
    client.get("/letters/dear-acme-board?lang=es")  # the signers read the letter in Spanish
    assert sign_person(client).status_code == 200
    assert sign_organization(client).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(IndividualSignOn.language)) == "es"
        assert db.session.scalar(select(OrganizationSignOn.language)) == "es"
    for address in ("sam@example.org", "rosa@privacynow.example"):
        assert confirm_from_mail(client, smtp, deliver_mail, address).status_code == 200
        [confirmation] = smtp.to(address)
        assert confirmation["Content-Language"] == "es" and SPANISH["title"] in confirmation["Subject"]

    # The organizer (reading in English) approves one and rejects the other: the signers hear in Spanish.
    login(Role.ORGANIZER)
    client.set_cookie("lang", "en")
    client.post(f"/organize/sign-ons/individual/{person_id(app, 'sam@example.org')}/approve")
    client.post(f"/organize/sign-ons/organization/{organization_id(app, 'Privacy Now')}/reject",
                data={"message": "Solo organizaciones de Nueva York."})
    deliver_mail()
    approved, rejected = smtp.to("sam@example.org")[-1], smtp.to("rosa@privacynow.example")[-1]
    assert approved["Content-Language"] == "es" and SPANISH["title"] in approved["Subject"]
    assert rejected["Content-Language"] == "es" and "Solo organizaciones de Nueva York." in smtp.text(rejected)
