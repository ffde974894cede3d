"""A member of the public signs a petition on a phone, confirms from the mail, and sees the count move."""
import re

import pytest

from .harness import expect, fill_signer

pytestmark = pytest.mark.browser


def test_maya_signs_on_her_phone_and_confirms_from_the_mail(live, mail, new_page, axe, screenshot, create_petition):
    create_petition(goal=100)
    page = new_page(phone=True)
    page.goto(f"{live.url}/petitions/stop-the-data-grab?source=newsletter")
    assert page.locator("[data-live-count]").first.inner_text() == "0"
    axe(page, "the petition page, empty form")
    screenshot(page, "petition-phone")

    page.get_by_role("button", name="Sign").click()
    page.wait_for_selector("#error-summary")
    expect(page.locator("#error-summary")).to_be_in_viewport(ratio=1)
    assert page.title().startswith("Error:")
    axe(page, "the petition page, errors")

    fill_signer(page, "Maya", "Angel", "maya@example.org", "10027")
    page.get_by_role("button", name="Sign").click()
    page.wait_for_url(re.compile(r"/thanks(#error-summary)?$"))  # a redirect keeps the action's fragment
    assert page.get_by_role("heading", level=1).inner_text() == "Check your inbox"
    axe(page, "check your inbox")

    assert mail.deliver() == 1
    page.goto(mail.link("maya@example.org", "/confirm/"))
    axe(page, "the confirm page")
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_selector("text=your signature is confirmed")
    axe(page, "confirmed")
    assert "1" in page.locator("main strong").first.inner_text()

    page.get_by_role("link", name="See the petition and share it").click()
    assert page.locator("[data-live-count]").first.inner_text() == "1"


def test_the_count_moves_on_an_open_page(live, mail, new_page, create_petition, create_signature):
    """live-count.js asks for the count every ten seconds: the clock is run forward here."""
    petition_id = create_petition()
    page = new_page()
    page.clock.install()
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    assert page.locator("[data-live-count]").first.inner_text() == "0"
    create_signature(petition_id, email="a@example.org")
    create_signature(petition_id, email="b@example.org")
    page.clock.run_for(11_000)
    expect(page.locator("[data-live-count]").first).to_have_text("2")
