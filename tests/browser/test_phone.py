"""What a signer sees on a phone (390x844, no JavaScript): a bad submit lands on the error
summary, and the letter's sign forms are one tap from its top."""
import pytest

from .harness import expect

pytestmark = pytest.mark.browser

# As long as a real campaign's text: the forms start well below the first screen.
BODY = "\n\n".join(["Acme Social collects where its users go, every hour of the day, and sells it to data "
                     "brokers who resell it to anyone who pays. We ask its board to stop, today."] * 5)


def submit_empty(page, form, button):
    page.locator(f"form[action*='{form}']").get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def test_a_bad_submit_on_a_phone_lands_on_the_error_summary(live, new_page, create_petition, create_letter):
    create_petition(body_markdown=BODY)
    create_letter(body_markdown=BODY)
    page = new_page(phone=True, javascript=False)

    page.goto(f"{live.url}/petitions/stop-the-data-grab")
    submit_empty(page, "/petitions/stop-the-data-grab", "Sign")
    expect(page.locator("#error-summary")).to_contain_text("Enter your first name.")
    expect(page.locator("#error-summary")).to_be_in_viewport(ratio=1)

    for form, button, message in [("/organizations", "Sign on", "Enter the organization's name."),
                                  ("/individuals", "Sign", "Enter your first name.")]:
        page.goto(f"{live.url}/letters/dear-acme-board")
        jump = page.get_by_role("link", name="Sign this letter")
        expect(jump).to_be_in_viewport(ratio=1)
        jump.click()
        expect(page.get_by_role("heading", name="Sign as an organization")).to_be_in_viewport(ratio=1)
        submit_empty(page, form, button)
        expect(page.locator("#error-summary")).to_contain_text(message)
        expect(page.locator("#error-summary")).to_be_in_viewport(ratio=1)
