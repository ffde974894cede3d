"""Sam changes their password on a phone, with CSRF on; their laptop's session ends at once."""
import re

import pytest

from ..conftest import PASSWORD
from .harness import expect, log_in

pytestmark = pytest.mark.browser

NEW = "a brand new passphrase"


def test_sam_changes_their_password_on_the_phone_and_the_laptop_is_logged_out(live, new_page, organizer_page, axe):
    laptop = organizer_page(email="sam@example.org")
    phone = new_page(phone=True)
    log_in(phone, live.url, "sam@example.org", PASSWORD)
    expect(laptop.get_by_role("link", name="Password")).to_have_attribute("href", "/organize/password")
    # The organizer menu is wider than a phone (its links overlap), so Sam types the address.
    phone.goto(f"{live.url}/organize/password")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Change your password")
    axe(phone, "password, empty")
    phone.get_by_label("Current password").fill(PASSWORD)
    phone.get_by_label("New password", exact=True).fill(NEW)
    phone.get_by_label("New password again").fill("not the same at all")
    # Sent with the keyboard: the organizer menu, wider than a phone, zooms the page out under a tap.
    phone.get_by_label("New password again").press("Enter")
    expect(phone.locator("#error-summary")).to_contain_text("The two new passwords are not the same.")
    axe(phone, "password, errors")
    phone.get_by_label("Current password").fill(PASSWORD)
    phone.get_by_label("New password", exact=True).fill(NEW)
    phone.get_by_label("New password again").fill(NEW)
    phone.get_by_label("New password again").press("Enter")
    expect(phone.locator(".flash")).to_contain_text("Your password has changed")
    assert phone.evaluate("() => document.querySelector('main').scrollWidth") <= 390  # the page fits the phone
    laptop.reload()
    expect(laptop).to_have_url(re.compile("/organize/login"))
    expect(laptop.locator(".flash").first).to_contain_text("Your session has ended. Log in again.")
