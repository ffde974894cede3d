"""The language of a page: ?lang=, the lang cookie, Accept-Language, then the default; its other
languages linked; the shared copy of a page per language; counts, dates and mail in Spanish."""
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.i18n import in_language
from campaign.base.localtime import format_local
from campaign.base.outbox import emails
from campaign.base.plurals import counted
from campaign.core.signatures.models import Signature

PAGE = "/petitions/stop-the-data-grab"


def lang_of(html):
    return re.search(r'<html lang="([a-z]+)"', html).group(1)


def test_the_page_is_in_english_without_any_preference(client, open_petition):
    page = client.get(PAGE).text
    assert lang_of(page) == "en" and "Sign the petition" in page


@pytest.mark.parametrize("accept", ["es", "es-MX,es;q=0.9,en;q=0.8", "es-US", "fr-FR,es;q=0.5"])
def test_a_browser_that_prefers_spanish_gets_spanish(client, open_petition, accept):
    page = client.get(PAGE, headers={"Accept-Language": accept}).text
    assert lang_of(page) == "es" and "Firme la petición" in page and "Sign the petition" not in page


@pytest.mark.parametrize("accept", ["fr-FR", "de,zh;q=0.5", "en-GB,en;q=0.9,es;q=0.8"])
def test_a_browser_that_prefers_english_or_neither_gets_english(client, open_petition, accept):
    assert lang_of(client.get(PAGE, headers={"Accept-Language": accept}).text) == "en"


def test_lang_in_the_address_wins_and_is_kept_in_a_cookie(app, open_petition):
    client = app.test_client()
    response = client.get(f"{PAGE}?lang=es", headers={"Accept-Language": "en"})
    assert lang_of(response.text) == "es"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=es;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    # Later pages, without ?lang=, stay Spanish for this browser whatever it prefers...
    assert lang_of(client.get("/", headers={"Accept-Language": "en"}).text) == "es"
    # ...until it asks for English, which the cookie then keeps.
    assert lang_of(client.get(f"{PAGE}?lang=en", headers={"Accept-Language": "es"}).text) == "en"
    assert lang_of(client.get(PAGE, headers={"Accept-Language": "es"}).text) == "en"


def test_an_unknown_language_is_ignored_and_not_kept(client, open_petition):
    response = client.get(f"{PAGE}?lang=xx", headers={"Accept-Language": "es"})
    assert lang_of(response.text) == "es" and "Set-Cookie" not in response.headers
    client.set_cookie("lang", "<script>")
    assert lang_of(client.get(PAGE).text) == "en"


def test_a_page_says_it_depends_on_the_language_choice(client, open_petition):
    assert {"Accept-Language", "Cookie"} <= set(client.get(PAGE).vary)


def test_every_public_page_links_its_languages_absolutely_and_without_javascript(app, client, open_petition,
                                                                                 create_letter):
    create_letter()
    base = app.config["BASE_URL"]
    for path in (PAGE, "/", "/letters/dear-acme-board", f"{PAGE}/thanks"):
        page = client.get(path).text
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', page))
        assert alternates == {"en": f"{base}{path}?lang=en", "es": f"{base}{path}?lang=es",
                              "x-default": f"{base}{path}"}
        switcher = re.search(r'<nav class="languages" aria-label="Language">(.*?)</nav>', page, re.S).group(1)
        assert '<a href="?lang=es" hreflang="es" lang="es">Español</a>' in switcher
        spanish = client.get(f"{path}?lang=es").text
        assert '<a href="?lang=en" hreflang="en" lang="en">English</a>' in spanish
        client.get(f"{path}?lang=en")


def test_a_confirmation_page_is_switchable_but_has_no_alternates(client, open_petition, sign):
    sign()
    with client.application.test_request_context():
        from campaign.base import tokens
        token = tokens.make(db.session.scalar(select(Signature)))
        db.session.remove()
    page = client.get(f"/confirm/{token}?lang=es").text
    assert "Confirme su firma" in page and 'rel="alternate"' not in page and token not in page.split("</head>")[0]
    assert '<a href="?lang=en"' in page


@pytest.fixture
def shared_copies(app):
    app.config.update(PUBLIC_RENDER_CACHE_SECONDS=60)
    yield
    app.config.update(PUBLIC_RENDER_CACHE_SECONDS=0)


def test_the_shared_copy_of_a_page_is_kept_per_language(app, open_petition, shared_copies):
    """A copy built for a Spanish reader is never served to an English one, nor the other way."""
    visitors = [("en", {}), ("es", {"Accept-Language": "es"}), ("en", {"Accept-Language": "en-US"}),
                ("es", {"Accept-Language": "es-MX"}), ("en", {}), ("es", {"Accept-Language": "es"})]
    for expected, headers in visitors:
        page = app.test_client().get(PAGE, headers=headers).text
        assert lang_of(page) == expected
        assert ("Firme la petición" in page) == (expected == "es")
    # A cookie or ?lang= picks the copy too.
    by_cookie = app.test_client()
    by_cookie.set_cookie("lang", "es")
    assert lang_of(by_cookie.get(PAGE).text) == "es"
    assert lang_of(app.test_client().get(f"{PAGE}?lang=en", headers={"Accept-Language": "es"}).text) == "en"


def test_counts_and_dates_are_written_for_the_language(app):
    day = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert counted(1234, "%(num)s organization", "%(num)s organizations") == "1.234 organizaciones"
        assert counted(1, "%(num)s organization", "%(num)s organizations") == "1 organización"
        assert format_local(day, "long_date") == "3 de diciembre de 2026"
        assert format_local(day).startswith("3 de diciembre de 2026, 12:30")
    with app.test_request_context():
        assert counted(1234, "%(num)s organization", "%(num)s organizations") == "1,234 organizations"
        assert format_local(day, "long_date") == "December 3, 2026"


def test_the_spanish_page_counts_in_spanish(client, open_petition, create_signature):
    for n in range(3):
        create_signature(open_petition, email=f"s{n}@example.org")
    page = client.get(PAGE, headers={"Accept-Language": "es"}).text
    assert re.search(r"<strong data-live-count>\d+</strong> firmas", page)


def test_form_messages_are_in_spanish(client, open_petition):
    response = client.post(PAGE, data={"first_name": "", "last_name": "x" * 101, "email": "nope"},
                           headers={"Accept-Language": "es"})
    assert response.status_code == 422
    page = response.text
    assert "Hay un problema" in page and "Escriba su nombre." in page
    assert "Escriba un correo electrónico completo, como nombre@ejemplo.com." in page
    assert "no puede tener más de 100 caracteres" in page  # WTForms' own message, in Spanish
    assert "Enter your first name" not in page


def test_error_pages_are_in_spanish(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "es"})
    assert response.status_code == 404 and lang_of(response.text) == "es"
    assert "Página no encontrada" in response.text


def test_the_confirmation_email_in_spanish(app, open_petition, sign):
    """Mail is rendered in its signer's language (the one kept with the signature), whatever the
    language around it (campaign.base.i18n.in_language)."""
    sign(first_name="Lucía")
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        signature.language = "es"
        db.session.commit()
        spanish = emails.render("signature.confirm", {"signature_id": signature.id})
        signature.language = "en"
        db.session.commit()
        with in_language("es"):
            english = emails.render("signature.confirm", {"signature_id": signature.id})
        db.session.remove()
    assert spanish.subject == "Confirme su firma, por favor: Stop the data grab"
    assert spanish.text.startswith("Hola, Lucía:")
    assert "Su firma cuenta en cuanto la confirme." in spanish.text and "Confirmar mi firma" in spanish.html
    assert '<html lang="es">' in spanish.html and "Cancele su suscripción" in spanish.html
    assert english.subject.startswith("Please confirm your signature") and '<html lang="en">' in english.html
