"""Everyone can sign: by keyboard alone, without JavaScript; axe finds nothing serious on the other pages."""
import re

import pytest

from .harness import expect, fill_signer

pytestmark = pytest.mark.browser


def test_kai_signs_with_the_keyboard_alone(live, new_page, create_petition):
    create_petition()
    page = new_page()
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    for _ in range(40):  # on through the text and the links to the form
        if page.evaluate("() => document.activeElement.id") == "first_name":
            break
        page.keyboard.press("Tab")
    typed = {"first_name": "Kai", "last_name": "Ito", "email": "kai@example.org", "postcode": "10027"}
    for name in typed:
        assert page.evaluate("() => document.activeElement.id") == name
        page.keyboard.type(typed[name])
        page.keyboard.press("Tab")
    while page.evaluate("() => document.activeElement.id") != "is_public":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("#is_public").is_checked()
    while page.evaluate("() => document.activeElement.textContent") != "Sign":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")


def test_the_skipped_field_is_never_reached_by_tab(live, new_page, create_petition):
    """The honeypot ("Leave this empty") is out of the tab order."""
    create_petition()
    page = new_page()
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    seen = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("() => document.activeElement.id || document.activeElement.tagName"))
    assert "contact_note" not in seen and "first_name" in seen


def test_noor_signs_and_confirms_without_javascript(live, mail, new_page, axe, create_petition):
    create_petition()
    page = new_page(phone=True, javascript=False)
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    page.get_by_role("button", name="Sign").click()
    expect(page.locator("#error-summary")).to_contain_text("Enter your first name.")
    fill_signer(page, "Noor", "Haddad", "noor@example.org")
    page.get_by_role("button", name="Sign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    mail.deliver()
    page.goto(mail.link("noor@example.org", "/confirm/"))
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.locator("main")).to_contain_text("your signature is confirmed")
    page.goto(f"{live.url}/petitions/stop-the-data-grab/embed")
    expect(page.locator("[data-live-count]")).to_have_text("1")


def test_home_and_login_pass_axe(live, new_page, axe, screenshot, create_petition, create_letter):
    create_petition()
    create_letter()
    for phone in (False, True):
        page = new_page(phone=phone)
        page.goto(f"{live.url}/")
        axe(page, "home")
        screenshot(page, f"home-{'phone' if phone else 'desktop'}")
    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "petition-desktop")
    page.goto(f"{live.url}/organize/login")
    axe(page, "login, empty")
    page.get_by_role("button", name="Log in").click()
    axe(page, "login, errors")
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("main")).to_contain_text("do not match an organizer account")
    axe(page, "login, wrong password")
