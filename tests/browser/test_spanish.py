"""The public pages in Spanish, as a browser that prefers Spanish sees them: each passes axe (and,
recorded for it, the Nu Html Checker at the end of the run); the switcher works without JavaScript."""
import pytest

from .harness import expect

pytestmark = pytest.mark.browser


def test_lucia_signs_in_spanish_and_every_page_passes_axe(live, mail, new_page, axe, create_petition, create_letter):
    create_petition()
    create_letter()
    page = new_page(phone=True, locale="es-MX")
    page.goto(f"{live.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Actúe ahora")
    axe(page, "home, in Spanish")
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    axe(page, "petition, in Spanish")
    page.get_by_role("button", name="Firmar", exact=True).click()
    expect(page.locator("#error-summary")).to_contain_text("Escriba su nombre.")
    axe(page, "petition with errors, in Spanish")
    page.get_by_label("Nombre", exact=True).fill("Lucía")
    page.get_by_label("Apellido", exact=True).fill("Ramírez")
    page.get_by_label("Correo electrónico").fill("lucia@example.org")
    page.get_by_role("button", name="Firmar", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise su correo")
    axe(page, "check your inbox, in Spanish")
    mail.deliver()
    page.goto(mail.link("lucia@example.org", "/confirm/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirme su firma")
    axe(page, "confirm, in Spanish")
    page.get_by_role("button", name="Confirmar mi firma").click()
    expect(page.locator("main")).to_contain_text("su firma está confirmada")
    axe(page, "confirmed, in Spanish")
    page.goto(f"{live.url}/letters/dear-acme-board")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    axe(page, "letter, in Spanish")
    page.get_by_role("button", name="Adherirse").click()
    axe(page, "letter with errors, in Spanish")
    page.goto(f"{live.url}/petitions/stop-the-data-grab/embed")
    axe(page, "embed, in Spanish")
    page.goto(f"{live.url}/no-such-page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Página no encontrada")
    axe(page, "not found, in Spanish")


def test_the_language_switcher_works_without_javascript(live, new_page, create_petition):
    create_petition()
    page = new_page(javascript=False, locale="es-US")
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    expect(page.get_by_role("heading", level=2, name="Firme la petición")).to_be_visible()
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=2, name="Sign the petition")).to_be_visible()
    page.goto(f"{live.url}/")  # the choice is kept in the cookie, whatever the browser prefers
    expect(page.get_by_role("heading", level=1)).to_have_text("Take action")
    page.get_by_role("link", name="Español").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actúe ahora")


@pytest.mark.parametrize(("locale", "count", "goal"), [("es-MX", "1.234", "2.000"), ("en-US", "1,234", "2,000")])
def test_the_live_count_is_written_for_the_pages_language(live, new_page, create_petition, locale, count, goal):
    """The count the page's script brings up to date is written as the server writes it: "1.234" on
    a Spanish page (where Intl alone would write "1234"), "1,234" on an English one."""
    create_petition()
    page = new_page(locale=locale)
    page.clock.install()
    page.route("**/petitions/stop-the-data-grab.json",
               lambda route: route.fulfill(json={"signature_count": 1234, "goal": 2000}))
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    page.clock.run_for(11_000)  # the script asks every ten seconds
    expect(page.locator("[data-live-count]")).to_have_text(count)
    expect(page.locator("[data-live-goal]")).to_have_text(goal)


def test_an_organizer_reading_spanish_previews_a_delivery_in_the_petitions_english(live, organizer_page, axe,
                                                                                   create_petition):
    """The organizer's pages are Spanish and pass axe; the message the target gets, inside the
    preview, is the petition's English, marked lang="en" (the Nu Html Checker reads both)."""
    from campaign.base.extensions import db
    from campaign.core.targets.models import Target, TargetKind
    from campaign.features.deliveries.models import Delivery

    petition_id = create_petition()
    with live.app.app_context():
        target = Target(kind=TargetKind.COMPANY, name="Acme Social, Inc.")
        db.session.add(target)
        db.session.flush()
        delivery = Delivery(action_kind="petition", action_id=petition_id, subject="{total} signed: {action_title}",
                            message="Dear {target_name},\n\n{total} people signed.", target_ids=[target.id])
        db.session.add(delivery)
        db.session.commit()
        delivery_id = delivery.id
    page = organizer_page()
    page.goto(f"{live.url}/organize/deliveries/{delivery_id}/preview?lang=es")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=2, name="Lo que recibe Acme Social, Inc.")).to_be_visible()
    message = page.locator(".message")
    expect(message).to_have_attribute("lang", "en")
    expect(message).to_contain_text("Dear Acme Social, Inc.")
    expect(message).to_contain_text("Confirmed signatures in all:")
    axe(page, "a delivery's preview, the organizer in Spanish")
    page.goto(f"{live.url}/organize/mail")
    expect(page.get_by_role("heading", level=1)).to_have_text("Correo devuelto")
    axe(page, "returned mail, the organizer in Spanish")
    page.goto(f"{live.url}/organize/alerts")
    axe(page, "alerts, the organizer in Spanish")
