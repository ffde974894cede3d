"""Lucía, whose browser prefers Spanish, reads and signs a petition in Spanish, and every mail she
gets about it (the confirmation, then the reminder) is in Spanish."""
import re
from datetime import timedelta

import pytest

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature

pytestmark = pytest.mark.browser

SPANISH_TITLE = "Alto a la vigilancia con reconocimiento facial"


def test_lucia_signs_in_spanish_and_is_mailed_in_spanish(app, live, mail, new_page, axe, create_petition):
    petition_id = create_petition()
    with app.app_context():
        petition = db.session.get(Petition, petition_id)
        petition.set_translations({"es": {
            "title": SPANISH_TITLE, "summary": "Acme vende nuestros datos.",
            "body_markdown": "Pedimos a **Acme** que deje de vender nuestros datos.",
            "target_text": "Acme Social, Inc.",
            "consent_question": "Quiero recibir noticias de esta campaña por correo electrónico."}})
        petition.record_questions()
        db.session.commit()
        db.session.remove()

    page = new_page(phone=True, locale="es-ES")  # Chromium asks for Spanish (Accept-Language: es-ES)
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == SPANISH_TITLE
    assert page.get_by_text("Quiero recibir noticias de esta campaña").count() == 1
    axe(page, "the petition page in Spanish")

    sign = page.locator("section.sign form")
    sign.locator("#first_name").fill("Lucía")
    sign.locator("#last_name").fill("Hernández")
    sign.locator("#email").fill("lucia@example.org")
    sign.locator("#postcode").fill("10027")
    sign.locator("#has_consented").check()
    sign.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/thanks(#error-summary)?$"))
    assert page.locator("html").get_attribute("lang") == "es"

    assert mail.deliver() == 1
    [confirmation] = mail.to("lucia@example.org")
    assert confirmation["Content-Language"] == "es" and SPANISH_TITLE in confirmation["Subject"]
    assert SPANISH_TITLE in mail.text(confirmation)
    page.goto(mail.link("lucia@example.org", "/confirm/"))
    assert page.locator("html").get_attribute("lang") == "es" and SPANISH_TITLE in page.content()
    axe(page, "the confirm page in Spanish")

    # She leaves it for later; two days on, the one reminder comes, in Spanish.
    with live.app.app_context():
        db.session.execute(db.update(Signature).values(created_at=utcnow() - timedelta(hours=49)))
        db.session.commit()
        db.session.remove()
    assert "Queued 1 reminder." in live.app.test_cli_runner().invoke(args=["signatures", "remind"]).output
    assert mail.deliver() == 1
    reminder = mail.to("lucia@example.org")[-1]
    assert reminder["Content-Language"] == "es" and SPANISH_TITLE in reminder["Subject"]

    page.goto(mail.link("lucia@example.org", "/confirm/"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    with live.app.app_context():
        signature = db.session.scalar(db.select(Signature))
        assert (signature.is_confirmed, signature.language) == (True, "es")
        db.session.remove()
