"""Deliveries go to targets in the organizer's language, whatever language the signers signed in."""
from campaign.base.extensions import db
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature

from ..conftest import Mailbox
from .test_delivery import delivery_id


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

    # An organizer who writes in Spanish delivers in Spanish.
    with app.app_context():
        petition = db.session.get(Petition, ids["petition"])
        petition.language, petition.title = "es", "Alto a la vigilancia"
        petition.set_translations({"en": {"title": "Stop the data grab", "body_markdown": "Stop.",
                                          "target_text": "Acme Social, Inc."}})
        db.session.commit()
        db.session.remove()
    client.set_cookie("lang", "en")
    response = compose(ids["petition"], [ids["acme"]])
    client.post(f"/organize/deliveries/{delivery_id(response)}/send")
    assert deliver_mail() == 1
    spanish = smtp.to("jordan@acme.example")[-1]
    assert spanish["Content-Language"] == "es"
    assert spanish["Subject"] == "4 signed: Alto a la vigilancia"
