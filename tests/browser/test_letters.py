"""An organization signs a letter with its logo at both sizes, confirms; an organizer approves it;
it appears, and in print."""
import io
import re

import pytest
from PIL import Image

from .harness import expect

pytestmark = pytest.mark.browser


def logo_file(tmp_path):
    path = tmp_path / "logo.png"
    image = Image.new("RGB", (120, 60), (20, 120, 80))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_privacy_now_signs_the_letter_with_its_logo_and_appears_once_approved(
        live, mail, new_page, organizer_page, axe, screenshot, create_letter, tmp_path, phone):
    letter_id = create_letter()
    page = new_page(phone=phone)
    page.goto(f"{live.url}/letters/dear-acme-board")
    axe(page, "the letter, empty forms")
    screenshot(page, f"letter-{'phone' if phone else 'desktop'}")

    organization = page.locator("form[action*='/organizations']")
    organization.get_by_role("button", name="Sign on").click()
    page.wait_for_selector(".error-summary")
    axe(page, "the letter, errors in the organization's form")

    organization = page.locator("form[action*='/organizations']")
    organization.get_by_label("Organization name").fill("Privacy Now")
    organization.get_by_label("City").fill("Washington")
    organization.get_by_label("Scope").select_option("National")
    organization.get_by_label(re.compile("^State")).select_option("District of Columbia")
    organization.get_by_label("Website").fill("https://privacynow.example")
    organization.get_by_label("Logo").set_input_files(str(logo_file(tmp_path)))
    organization.get_by_label("Contact name").fill("Rosa Diaz")
    organization.get_by_label(re.compile("email", re.I)).fill("rosa@privacynow.example")
    organization.get_by_label(re.compile("List our organization")).check()
    organization.get_by_role("button", name="Sign on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Check your inbox"))
    axe(page, "the letter, check your inbox")

    individual = page.context.new_page()
    individual.goto(f"{live.url}/letters/dear-acme-board")
    individual.locator("form[action*='/individuals']").get_by_role("button", name="Sign").click()
    individual.wait_for_selector(".error-summary")
    axe(individual, "the letter, errors in the individual's form")

    assert mail.deliver() >= 1
    page.goto(mail.link("rosa@privacynow.example", "/confirm/"))
    axe(page, "the organization's confirm page")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("main")).to_contain_text("confirm")

    page.goto(f"{live.url}/letters/dear-acme-board")
    expect(page.locator("main")).not_to_contain_text("Privacy Now")  # waiting for approval

    organizer = organizer_page()
    organizer.goto(f"{live.url}/organize/letters/{letter_id}/queue")
    organizer.get_by_role("button", name="Approve").click()
    expect(organizer.locator("main")).to_contain_text("approved")

    page.reload()
    signatories = page.locator("section[aria-labelledby=signatories-title]")
    expect(signatories).to_contain_text("Privacy Now")
    expect(signatories.locator("img")).to_have_count(1)
    assert page.locator("img").first.evaluate("img => img.naturalWidth") > 0
    expect(page.locator("main")).to_contain_text("Signed by 1 organization")
    page.goto(f"{live.url}/letters/dear-acme-board/print")
    expect(page.locator("body")).to_contain_text("Privacy Now, Washington, DC")


def test_the_print_view_prints_the_letter(live, new_page, create_letter):
    create_letter()
    page = new_page()
    page.goto(f"{live.url}/letters/dear-acme-board/print")
    page.emulate_media(media="print")
    assert page.pdf(format="Letter")[:4] == b"%PDF"
