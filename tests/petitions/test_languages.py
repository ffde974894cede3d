"""Petitions in English and Spanish: the organizer writes both, each reader gets theirs (or the
default language, with a note), the signer's language is kept with the signature, and every later
mail to them is in it; deliveries to targets stay in the organizer's language."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.consent.models import ConsentWording
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature

from .test_organize import FORM, petition_by_slug

SPANISH = {
    "title": "Alto a la vigilancia con reconocimiento facial",
    "summary": "Acme vende nuestros datos a las autoridades migratorias.",
    "body_markdown": "Pedimos a **Acme** que deje de hacerlo.",
    "target_text": "Acme Social, Inc. (su junta directiva)",
    "consent_question": "Quiero recibir noticias de esta campaña por correo electrónico.",
    "share_email_question": "",
}


@pytest.fixture
def bilingual_petition(app, create_petition):
    """An open petition in English (its default) and Spanish; returns its id."""
    petition_id = create_petition()
    with app.app_context():
        petition = db.session.get(Petition, petition_id)
        petition.set_translations({"es": SPANISH})
        petition.record_questions()
        db.session.commit()
        db.session.remove()
    return petition_id


def spanish_form(**changes):
    return {**FORM, "language": "en", **{f"es_{name}": value for name, value in SPANISH.items()}, **changes}


def test_an_organizer_writes_a_petition_in_two_languages(app, client, login):
    login()
    assert client.post("/organize/petitions/new", data=spanish_form()).status_code == 302
    petition = petition_by_slug(app, "protect-our-privacy")
    assert (petition.language, petition.languages) == ("en", ["en", "es"])
    assert petition.title == "Protect our privacy"
    spanish = petition.translation("es")
    assert spanish["title"] == SPANISH["title"]
    assert "<strong>Acme</strong>" in spanish["body_html"]
    with app.app_context():
        assert db.session.get(ConsentWording, spanish["consent_wording_id"]).wording == SPANISH["consent_question"]

    edit = client.get(f"/organize/petitions/{petition.id}/edit")
    assert f'value="{SPANISH["title"]}"' in edit.text
    assert '<option selected value="en">English</option>' in edit.text
    changed = spanish_form(es_title="Alto a la vigilancia")
    assert client.post(f"/organize/petitions/{petition.id}/edit", data=changed).status_code == 302
    assert petition_by_slug(app, "protect-our-privacy").translation("es")["title"] == "Alto a la vigilancia"

    # Emptying the Spanish section leaves the petition in English only.
    empty = {**FORM, "language": "en", "slug": "protect-our-privacy"}
    assert client.post(f"/organize/petitions/{petition.id}/edit", data=empty).status_code == 302
    assert petition_by_slug(app, "protect-our-privacy").languages == ["en"]


def test_a_half_written_language_is_refused_with_what_was_typed(app, client, login):
    login()
    response = client.post("/organize/petitions/new", data=spanish_form(es_body_markdown="", es_target_text=""))
    assert response.status_code == 422
    # Said for the text and the addressee, in the summary and at each field.
    assert response.text.count("Write this in Español too, or leave the Español section empty.") == 4
    assert SPANISH["title"] in response.text  # nothing typed is lost
    with app.app_context():
        assert db.session.scalar(select(Petition)) is None

    # The default language's text goes in the main fields, not in a section of its own.
    response = client.post("/organize/petitions/new", data=spanish_form(language="es"))
    assert response.status_code == 422
    assert "Español is the default language: its text goes in the fields above." in response.text


def test_spanish_as_the_default_language(app, client, login):
    login()
    form = {**FORM, "language": "es", "title": SPANISH["title"], "target_text": SPANISH["target_text"],
            "body_markdown": SPANISH["body_markdown"], "consent_question": SPANISH["consent_question"],
            **{f"en_{name}": FORM.get(name, "") for name in SPANISH}}
    assert client.post("/organize/petitions/new", data=form).status_code == 302
    petition = petition_by_slug(app, "alto-a-la-vigilancia-con-reconocimiento-facial")
    assert (petition.language, petition.languages) == ("es", ["es", "en"])
    assert petition.translation("en")["title"] == "Protect our privacy"

    client.post(f"/organize/petitions/{petition.id}/open")
    # A reader who asks for no language gets the petition's own.
    assert SPANISH["title"] in client.get("/petitions/alto-a-la-vigilancia-con-reconocimiento-facial").text


def test_each_reader_gets_the_page_in_their_language(client, bilingual_petition):
    spanish = client.get("/petitions/stop-the-data-grab", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert spanish.status_code == 200
    assert '<html lang="es"' in spanish.text
    assert SPANISH["title"] in spanish.text and SPANISH["target_text"] in spanish.text
    assert SPANISH["consent_question"] in spanish.text
    assert "<strong>Acme</strong> que deje de hacerlo" in spanish.text
    assert 'role="note"' not in spanish.text

    english = client.get("/petitions/stop-the-data-grab", headers={"Accept-Language": "en-US"})
    assert "Stop the data grab" in english.text and SPANISH["title"] not in english.text
    assert "Keep me updated about this campaign." in english.text
    # Asked in the address: the same page in Spanish, whatever the browser prefers.
    assert SPANISH["title"] in client.get("/petitions/stop-the-data-grab?lang=es",
                                          headers={"Accept-Language": "en-US"}).text


def test_a_language_the_petition_lacks_shows_the_default_with_a_note(client, open_petition):
    page = client.get("/petitions/stop-the-data-grab", headers={"Accept-Language": "es"})
    assert page.status_code == 200
    assert '<html lang="es"' in page.text
    assert '<h1 lang="en">Stop the data grab</h1>' in page.text
    assert 'class="notice" role="note">' in page.text and "inglés" in page.text
    english = client.get("/petitions/stop-the-data-grab", headers={"Accept-Language": "en"})
    assert 'role="note"' not in english.text and '<h1>Stop the data grab</h1>' in english.text


def test_the_json_names_the_languages(client, bilingual_petition, create_petition):
    data = client.get("/petitions/stop-the-data-grab.json").get_json()
    assert (data["language"], data["languages"], data["title"]) == ("en", ["en", "es"], "Stop the data grab")
    create_petition(slug="english-only")
    data = client.get("/petitions/english-only.json").get_json()
    assert (data["language"], data["languages"]) == ("en", ["en"])


def test_the_embed_takes_lang(app, client, bilingual_petition):
    embed = client.get("/petitions/stop-the-data-grab/embed?lang=es")
    assert SPANISH["title"] in embed.text
    assert 'action="/petitions/stop-the-data-grab/embed?lang=es"' in embed.text
    assert "Stop the data grab" in client.get("/petitions/stop-the-data-grab/embed?lang=en").text

    signer = app.test_client()  # framed on another site: no cookie comes with the form
    response = signer.post("/petitions/stop-the-data-grab/embed?lang=es",
                           data={"first_name": "Rosa", "last_name": "Parra", "email": "rosa@example.org",
                                 "postcode": "10027", "has_consented": "y"})
    assert response.status_code == 302
    assert response.location.endswith("/petitions/stop-the-data-grab/embed/thanks?lang=es")
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        assert signature.language == "es"
        assert db.session.get(ConsentWording, signature.consent_wording_id).wording == SPANISH["consent_question"]


def test_the_consent_wording_kept_is_the_one_the_signer_read(app, client, bilingual_petition, sign):
    client.get("/petitions/stop-the-data-grab?lang=es")  # keeps Spanish in the cookie
    assert sign(email="rosa@example.org", has_consented="y").status_code == 302
    english = app.test_client()
    english.post("/petitions/stop-the-data-grab", data={"first_name": "Ada", "last_name": "Lovelace",
                                                        "email": "ada@example.org", "has_consented": "y"},
                 headers={"Accept-Language": "en-GB"})
    with app.app_context():
        wordings = dict(db.session.execute(
            select(Signature.email, ConsentWording.wording)
            .join(ConsentWording, ConsentWording.id == Signature.consent_wording_id)).all())
        languages = dict(db.session.execute(select(Signature.email, Signature.language)).all())
    assert wordings == {"rosa@example.org": SPANISH["consent_question"],
                        "ada@example.org": "Keep me updated about this campaign."}
    assert languages == {"rosa@example.org": "es", "ada@example.org": "en"}


def test_every_mail_to_a_signer_is_in_the_language_they_signed_in(
        app, client, runner, bilingual_petition, smtp, deliver_mail):
    def sign_in(language, email):
        return app.test_client().post("/petitions/stop-the-data-grab", data={
            "first_name": "Rosa", "last_name": "Parra", "email": email, "postcode": "10027"},
            headers={"Accept-Language": language})

    sign_in("es-US,es;q=0.9", "rosa@example.org")
    sign_in("en-US", "ada@example.org")
    deliver_mail()
    [confirmation] = smtp.to("rosa@example.org")
    assert confirmation["Content-Language"] == "es"
    assert SPANISH["title"] in confirmation["Subject"] and SPANISH["title"] in smtp.text(confirmation)
    [english] = smtp.to("ada@example.org")
    assert english["Content-Language"] == "en" and "Stop the data grab" in english["Subject"]

    # The reminder, days later, whatever language the petition's page is read in then.
    with app.app_context():
        db.session.execute(db.update(Signature).values(created_at=utcnow() - timedelta(hours=49)))
        db.session.commit()
    assert "Queued 2 reminders." in runner.invoke(args=["signatures", "remind"]).output
    deliver_mail()
    reminder = smtp.to("rosa@example.org")[-1]
    assert reminder["Content-Language"] == "es" and SPANISH["title"] in reminder["Subject"]
    assert smtp.to("ada@example.org")[-1]["Content-Language"] == "en"

    # Confirmed, she signs again (from an English browser, say): "you already signed", in Spanish.
    link = next(link for link in smtp.links(reminder) if "/confirm/" in link).removeprefix("http://campaign.test")
    assert client.post(link).status_code == 200
    app.config["REPEAT_MAIL_INTERVAL_MINUTES"], interval = 0, app.config["REPEAT_MAIL_INTERVAL_MINUTES"]
    try:
        sign_in("en-US", "rosa@example.org")
    finally:
        app.config["REPEAT_MAIL_INTERVAL_MINUTES"] = interval
    deliver_mail()
    again = smtp.to("rosa@example.org")[-1]
    assert again["Content-Language"] == "es" and SPANISH["title"] in again["Subject"]


def test_the_confirmation_page_is_in_the_signers_language(app, client, bilingual_petition, sign):
    client.get("/petitions/stop-the-data-grab?lang=es")
    sign(email="rosa@example.org")
    page = app.test_client().post(confirm_link(app, "rosa@example.org"))  # opened in a mail program's browser
    assert page.status_code == 200
    assert '<html lang="es"' in page.text and SPANISH["title"] in page.text


def confirm_link(app, email):
    from campaign.base import tokens

    with app.test_request_context():
        signature = db.session.scalar(select(Signature).where(Signature.email == email))
        token = tokens.make(signature)
        db.session.remove()
    return f"/confirm/{token}"
