"""After the signature, the whole of issue 21's "Done when", in order, on a desktop and on a phone:
Olu writes an update and mails it to New York's signers, who get one message each; Acme answers
through the link in its delivery; Olu approves, and the answer is on the page and in the JSON;
Ada signs and shares, Ben signs from her link without JavaScript and confirms, and Olu's funnel
counts him (and Ada's confirmed page says her links brought one signer)."""
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.organizations.models import Decision, OrganizationSignOn
from campaign.core.targets.models import Target
from campaign.core.targets.operations import add_contact

from ..conftest import PASSWORD
from .harness import deliver_to_every_target, expect, fill_signer, log_in

pytestmark = pytest.mark.browser

# (email, state, agreed to updates)
SIGNERS = [("ny1@example.org", "NY", True), ("ny2@example.org", "NY", True), ("ny-quiet@example.org", "NY", False),
           ("ca1@example.org", "CA", True)]
SERVICES = {"Email": "mailto:?", "WhatsApp": "https://wa.me/?", "X": "https://x.com/intent/post?",
            "Facebook": "https://www.facebook.com/sharer/sharer.php?", "Bluesky": "https://bsky.app/intent/compose?"}


def seed(app, petition_id, create_signature):
    for email, region, agreed in SIGNERS:
        create_signature(petition_id, email=email, region=region, has_consented=agreed)
    with app.app_context():
        # ny1 also endorsed the petition for an organization and asked for updates: still one mail.
        db.session.add(OrganizationSignOn(
            petition_id=petition_id, name="NY Privacy", name_key="ny privacy", contact_name="Ny One",
            email="ny1@example.org", email_key=mailbox_key("ny1@example.org"), region="NY",
            confirmed_at=utcnow(), decision=Decision.APPROVED, wants_updates=True))
        target = Target(kind=Target.kind.type.enum_class("company"), name="Acme Social, Inc.")
        db.session.add(target)
        db.session.flush()
        add_contact(target, "jordan@acme.example", "Jordan Reyes")
        db.session.commit()
        db.session.remove()


def sign_and_confirm(page, mail, first, email):
    """Sign on the page open at the petition, confirm from the mail; returns the confirmation link."""
    fill_signer(page, first, "Okafor", email, "10027")
    page.get_by_role("button", name="Sign").click()
    page.wait_for_url(re.compile(r"/thanks(#error-summary)?$"))
    mail.deliver()
    link = mail.link(email, "/confirm/")
    page.goto(link)
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_selector("text=your signature is confirmed")
    return link


def test_an_update_an_answer_and_a_shared_link_after_the_signature(
        app, live, mail, new_page, phone, create_organizer, create_petition, create_signature, axe):
    petition_id = create_petition()
    seed(app, petition_id, create_signature)
    create_organizer(email="olu@example.org")
    olu = new_page(phone=phone)
    log_in(olu, live.url, "olu@example.org", PASSWORD)

    # The results go to Acme first: its message carries its answer link.
    olu.goto(f"{live.url}/organize/petitions/{petition_id}")
    deliver_to_every_target(olu, "1 target")
    mail.deliver()

    # 1. Olu writes an update and mails it to New York's signers only.
    olu.goto(f"{live.url}/organize/petitions/{petition_id}")
    expect(olu.locator("#answers")).to_contain_text("delivered today, awaiting an answer")
    olu.get_by_role("link", name="Write an update").click()
    olu.get_by_label("Kind").select_option("delivered")
    olu.get_by_label("Title").fill("Delivered to Acme")
    olu.get_by_label("Text").fill("We handed Acme **4 signatures**.")
    olu.get_by_role("button", name="Publish").click()
    expect(olu.locator(".flash")).to_contain_text("on the public page")
    axe(olu, "an update's page")
    olu.get_by_role("button", name=re.compile("Send a test")).click()
    expect(olu.locator(".flash")).to_contain_text("test copy")
    mail.deliver()
    assert mail.to("olu@example.org")[-1]["Subject"] == "[Test] Delivered to Acme (Stop the data grab)"
    olu.get_by_label("States").select_option("NY")
    olu.get_by_role("button", name="Count recipients").click()
    expect(olu.locator(".recipient-count")).to_contain_text("2 recipients")
    olu.get_by_role("button", name="Send to 2 recipients").click()
    expect(olu.locator(".flash")).to_contain_text("2 messages queued")
    mail.deliver()

    # 2. The right signers get exactly one message each, read off the test's SMTP server.
    updates = [m for m in mail.messages if m["Subject"] == "Delivered to Acme (Stop the data grab)"]
    assert sorted(m["To"] for m in updates) == ["ny1@example.org", "ny2@example.org"]
    assert all(m["List-Unsubscribe"] for m in updates)
    olu.reload()
    expect(olu.locator('[data-status="sent"]')).to_have_text("2")

    # 3. Acme answers through its link, on its own device.
    acme = new_page(phone=phone)
    acme.goto(mail.link("jordan@acme.example", "/respond/"))
    acme.get_by_label("Your name, as it should be shown").fill("Jordan Reyes")
    acme.get_by_label("Your title, as it should be shown").fill("Head of Policy")
    acme.get_by_label("Your answer").fill("We will stop selling location data.")
    axe(acme, "the answer form")
    acme.get_by_role("button", name="Send the answer").click()
    expect(acme.get_by_role("heading", level=1)).to_have_text("Thank you")

    # 4. Olu approves it.
    olu.goto(f"{live.url}/organize/petitions/{petition_id}")
    expect(olu.locator("#answers")).to_contain_text("an answer waits for your approval")
    olu.locator("#answers").get_by_role("button", name="Approve").click()
    expect(olu.locator(".flash")).to_contain_text("on the public page")
    expect(olu.locator("#answers")).to_contain_text("answered")

    # 5. The answer is on the public page and in the JSON.
    public = new_page(phone=phone, javascript=False)
    public.goto(f"{live.url}/petitions/stop-the-data-grab")
    expect(public.locator(".responses")).to_contain_text("Acme Social, Inc. responded on")
    expect(public.locator(".responses")).to_contain_text("Jordan Reyes, Head of Policy")
    expect(public.locator(".updates")).to_contain_text("Delivered to Acme")
    body = public.request.get(f"{live.url}/petitions/stop-the-data-grab.json").json()
    assert [(r["target"], r["responder"]) for r in body["responses"]] == [("Acme Social, Inc.",
                                                                          "Jordan Reyes, Head of Policy")]
    assert [u["title"] for u in body["updates"]] == ["Delivered to Acme"]

    # 6. Ada signs and shares; the check-inbox and confirmed pages give her one link.
    ada = new_page(phone=phone)
    ada.goto(f"{live.url}/petitions/stop-the-data-grab")
    fill_signer(ada, "Ada", "Lovelace", "ada@example.org", "10027")
    ada.get_by_role("button", name="Sign").click()
    ada.wait_for_url(re.compile(r"/thanks(#error-summary)?$"))
    inbox_link = ada.get_by_label("Link to copy").input_value()
    axe(ada, "check your inbox, with share links")
    mail.deliver()
    ada_confirms = mail.link("ada@example.org", "/confirm/")
    ada.goto(ada_confirms)
    ada.get_by_role("button", name="Confirm my signature").click()
    ada.wait_for_selector("text=your signature is confirmed")
    axe(ada, "confirmed, with share links")
    assert ada.get_by_label("Link to copy").input_value() == inbox_link
    assert ada.get_by_role("button", name="Copy").is_visible()  # the enhancement, with JavaScript
    for name, start in SERVICES.items():
        assert ada.get_by_role("link", name=name).get_attribute("href").startswith(start)
    assert ada.locator("[data-brought]").inner_text() == "0"
    whatsapp = unquote(ada.get_by_role("link", name="WhatsApp").get_attribute("href"))
    shared = re.search(r"(http://127\.0\.0\.1:\d+/petitions/\S+)", whatsapp).group(1)
    code = parse_qs(urlsplit(shared).query)["ref"][0]
    assert parse_qs(urlsplit(shared).query)["channel"] == ["whatsapp"]

    # 7. Ben, her friend, signs from the shared link without JavaScript and confirms.
    ben = new_page(phone=phone, javascript=False)
    ben.goto(shared)
    sign_and_confirm(ben, mail, "Ben", "ben@example.org")
    assert "ref=" in ben.get_by_label("Link to copy").input_value()  # his own links, all there
    assert ben.get_by_role("button", name="Copy").count() == 0
    for name, start in SERVICES.items():
        assert ben.get_by_role("link", name=name).get_attribute("href").startswith(start)
    ada.goto(ada_confirms)
    assert ada.locator("[data-brought]").inner_text() == "1"

    # 8. Olu's funnel counts him: one visit, one signature, one confirmed, by channel and by code.
    olu.goto(f"{live.url}/organize/petitions/{petition_id}")
    olu.get_by_role("link", name=re.compile("by channel and referral code")).click()
    row = olu.get_by_role("row", name=re.compile("^WhatsApp"))
    assert row.get_by_role("cell").all_inner_texts() == ["1", "1", "1"]
    assert olu.get_by_role("row", name=re.compile(f"^{re.escape(code)}")).get_by_role("cell").all_inner_texts() \
        == ["1", "1", "1"]
    axe(olu, "the sharing funnel")
