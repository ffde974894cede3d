"""Deliveries go to targets in the organizer's language (the action's default language), whatever
language the signers signed in and whatever language the organizer's own pages are in today."""
import io
import zipfile

from campaign.base.extensions import db
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature

from ..conftest import Mailbox
from .test_delivery import delivery_id


def written_in_spanish(app, petition_id):
    """Make the petition's default language Spanish, the organizer's, with an English version."""
    with app.app_context():
        petition = db.session.get(Petition, petition_id)
        petition.language, petition.title = "es", "Alto a la vigilancia"
        petition.set_translations({"en": {"title": "Stop the data grab", "body_markdown": "Stop.",
                                          "target_text": "Acme Social, Inc."}})
        db.session.commit()
        db.session.remove()


def test_a_delivery_stays_in_the_organizers_language(app, client, login, campaign_with_targets, compose, smtp,
                                                     deliver_mail):
    ids = campaign_with_targets
    with app.app_context():
        petition = db.session.get(Petition, ids["petition"])
        petition.set_translations({"es": {"title": "Alto a la vigilancia", "body_markdown": "Pedimos que paren.",
                                          "target_text": "Acme Social, Inc."}})
        db.session.execute(db.update(Signature).values(language="es"))  # every signer signed in Spanish
        db.session.commit()
        db.session.remove()
    login()
    client.set_cookie("lang", "es")  # and the organizer reads the site in Spanish today
    response = compose(ids["petition"], [ids["acme"]])
    assert response.status_code == 302
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    assert deliver_mail() == 1
    [company] = smtp.to("jordan@acme.example")
    assert company["Content-Language"] == "en"
    assert company["Subject"] == "4 signed: Stop the data grab"
    assert "Alto a la vigilancia" not in Mailbox.text(company)
    assert "Confirmed signatures in all: 4" in Mailbox.text(company)
    html = company.get_body(preferencelist=("html",)).get_content()
    assert "Firmas" not in Mailbox.text(company) and "Firmas" not in html and "Confirmed signatures in all" in html
    log = client.get(f"/organize/deliveries/{delivery_id(response)}").text  # the organizer's page: Spanish
    assert 'enviados: <strong data-status="sent">1</strong>' in log and "<td>enviados</td>" in log

    # An organizer who writes in Spanish delivers in Spanish.
    written_in_spanish(app, ids["petition"])
    client.set_cookie("lang", "en")
    response = compose(ids["petition"], [ids["acme"]])
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    assert deliver_mail() == 1
    spanish = smtp.to("jordan@acme.example")[-1]
    assert spanish["Content-Language"] == "es"
    assert spanish["Subject"] == "4 signed: Alto a la vigilancia"
    assert "Alto a la vigilancia: los resultados" in Mailbox.text(spanish)
    assert "Firmas confirmadas en total: 4" in Mailbox.text(spanish)


def packets(client, delivery):
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"/organize/deliveries/{delivery}/packets.zip").data))
    return b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".txt")).decode()


def test_the_preview_and_the_packets_are_in_the_organizers_language_whatever_the_page_is_in(
        app, client, login, campaign_with_targets, compose):
    ids = campaign_with_targets
    login()
    client.set_cookie("lang", "es")  # the organizer's pages are in Spanish; the petition is English
    delivery = delivery_id(compose(ids["petition"], [ids["E000297"], ids["C000127"]]))
    preview = client.get(f"/organize/deliveries/{delivery}/preview?target={ids['E000297']}").text
    assert "Vista previa de" in preview and "Lo que recibe Adriano Espaillat" in preview  # the page: Spanish
    assert '<div class="message" lang="en">' in preview  # what the target gets: English
    assert "Stop the data grab: the results" in preview and "Confirmed signatures in all:" in preview
    assert "Your constituents (NY-13): 2 confirmed, and 1 more whose ZIP code lies partly in your district" in preview
    assert "Firmas confirmadas en total" not in preview
    text = packets(client, delivery)
    assert "Subject: 4 signed: Stop the data grab" in text and "Your constituents (Senator for WA): 0 confirmed" in text
    assert "Asunto" not in text and "Firmantes" not in text

    # An organizer who writes in Spanish delivers in Spanish, counts in Spanish too, whatever the page's language.
    written_in_spanish(app, ids["petition"])
    client.set_cookie("lang", "en")
    preview = client.get(f"/organize/deliveries/{delivery}/preview?target={ids['E000297']}").text
    assert "What Adriano Espaillat gets" in preview and '<div class="message" lang="es">' in preview
    assert "Alto a la vigilancia: los resultados" in preview and "Firmas confirmadas en total:" in preview
    assert "Firmantes que usted representa (NY-13): 2 con firma confirmada, y 1 más" in preview
    text = packets(client, delivery)
    assert "Asunto: 4 signed: Alto a la vigilancia" in text and "(Senador(a) por WA)" in text
    assert "Solo cuentan las firmas confirmadas" in text and "Confirmed signatures" not in text
