"""Ada signs and shares her link; Ben opens it without JavaScript, signs and confirms; the
organizer's funnel counts him, and Ada's confirmed page says her links brought one signer."""
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .harness import fill_signer

pytestmark = pytest.mark.browser
SERVICES = {"Email": "mailto:?", "WhatsApp": "https://wa.me/?", "X": "https://x.com/intent/post?",
            "Facebook": "https://www.facebook.com/sharer/sharer.php?", "Bluesky": "https://bsky.app/intent/compose?"}


def sign_and_confirm(page, mail, live, first, email):
    fill_signer(page, first, "Okafor", email, "10027")
    page.get_by_role("button", name="Sign").click()
    page.wait_for_url(re.compile(r"/thanks(#error-summary)?$"))
    mail.deliver()
    page.goto(mail.link(email, "/confirm/"))
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_selector("text=your signature is confirmed")


def test_a_friend_signs_from_a_shared_link_and_the_funnel_counts_it(live, mail, new_page, organizer_page, axe, phone,
                                                                     create_petition):
    petition_id = create_petition()
    ada = new_page(phone=phone)
    ada.goto(f"{live.url}/petitions/stop-the-data-grab")
    fill_signer(ada, "Ada", "Lovelace", "ada@example.org", "10027")
    ada.get_by_role("button", name="Sign").click()
    ada.wait_for_url(re.compile(r"/thanks(#error-summary)?$"))
    inbox_link = ada.get_by_label("Link to copy").input_value()
    axe(ada, "check your inbox, with share links")

    mail.deliver()
    confirm_link = mail.link("ada@example.org", "/confirm/")
    ada.goto(confirm_link)
    ada.get_by_role("button", name="Confirm my signature").click()
    ada.wait_for_selector("text=your signature is confirmed")
    axe(ada, "confirmed, with share links")
    assert ada.get_by_label("Link to copy").input_value() == inbox_link  # one code, on both pages
    assert ada.get_by_role("button", name="Copy").is_visible()  # the enhancement, with JavaScript
    for name, start in SERVICES.items():
        assert ada.get_by_role("link", name=name).get_attribute("href").startswith(start)
    whatsapp = unquote(ada.get_by_role("link", name="WhatsApp").get_attribute("href"))
    shared = re.search(r"(http://127\.0\.0\.1:\d+/petitions/\S+)", whatsapp).group(1)
    assert parse_qs(urlsplit(shared).query)["channel"] == ["whatsapp"]
    assert ada.locator("[data-brought]").inner_text() == "0"

    ben = new_page(phone=phone, javascript=False)
    ben.goto(shared)
    sign_and_confirm(ben, mail, live, "Ben", "ben@example.org")
    # Without JavaScript the share links are all there: the field to copy and plain links.
    assert "ref=" in ben.get_by_label("Link to copy").input_value()
    assert ben.get_by_role("button", name="Copy").count() == 0
    for name, start in SERVICES.items():
        assert ben.get_by_role("link", name=name).get_attribute("href").startswith(start)

    ada.goto(confirm_link)
    assert ada.locator("[data-brought]").inner_text() == "1"

    organizer = organizer_page()
    organizer.goto(f"{live.url}/organize/petitions/{petition_id}")
    organizer.get_by_role("link", name=re.compile("by channel and referral code")).click()
    row = organizer.get_by_role("row", name=re.compile("^WhatsApp"))
    assert row.get_by_role("cell").all_inner_texts() == ["1", "1", "1"]
    code = parse_qs(urlsplit(shared).query)["ref"][0]
    assert organizer.get_by_role("row", name=re.compile(f"^{re.escape(code)}")).get_by_role("cell").all_inner_texts() \
        == ["1", "1", "1"]
    axe(organizer, "the sharing funnel")
