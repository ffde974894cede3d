"""Olu tells New York's signers that the petition was delivered; Acme answers through its link; Olu
approves the answer, which is then on the page and in the JSON. On a desktop and on a phone."""
import re

import pytest

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.organizations.models import Decision, OrganizationSignOn
from campaign.core.targets.models import Target
from campaign.core.targets.operations import add_contact

from .harness import deliver_results, expect

pytestmark = pytest.mark.browser

# (email, state, agreed to updates)
SIGNERS = [("ny1@example.org", "NY", True), ("ny2@example.org", "NY", True), ("ny-quiet@example.org", "NY", False),
           ("ca1@example.org", "CA", True)]


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


def test_olu_mails_an_update_to_new_york_and_publishes_acmes_answer(
        app, live, mail, new_page, organizer_page, phone, create_petition, create_signature, axe):
    petition_id = create_petition()
    seed(app, petition_id, create_signature)
    page = organizer_page(email="olu@example.org", phone=phone)

    # The results go to Acme first: its message carries its answer link.
    page.goto(f"{live.url}/organize/petitions/{petition_id}")
    deliver_results(page, "Send now to 1 target")
    mail.deliver()

    page.goto(f"{live.url}/organize/petitions/{petition_id}")
    expect(page.locator("#answers")).to_contain_text("delivered today, awaiting an answer")
    page.get_by_role("link", name="Write an update").click()
    page.get_by_label("Kind").select_option("delivered")
    page.get_by_label("Title").fill("Delivered to Acme")
    page.get_by_label("Text").fill("We handed Acme **4 signatures**.")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash")).to_contain_text("on the public page")
    axe(page, "an update's page")

    page.get_by_role("button", name=re.compile("Send a test")).click()
    expect(page.locator(".flash")).to_contain_text("test copy")
    mail.deliver()
    assert mail.to("olu@example.org")[-1]["Subject"] == "[Test] Delivered to Acme (Stop the data grab)"

    page.get_by_label("States").select_option("NY")
    page.get_by_role("button", name="Count recipients").click()
    expect(page.locator(".recipient-count")).to_contain_text("2 recipients")
    page.get_by_role("button", name="Send to 2 recipients").click()
    expect(page.locator(".flash")).to_contain_text("2 messages queued")
    mail.deliver()
    updates = [m for m in mail.messages if m["Subject"] == "Delivered to Acme (Stop the data grab)"]
    assert sorted(m["To"] for m in updates) == ["ny1@example.org", "ny2@example.org"]  # one each
    assert all(m["List-Unsubscribe"] for m in updates)
    page.reload()
    expect(page.locator('[data-status="sent"]')).to_have_text("2")

    # Acme answers through its link, on its own device.
    acme = new_page(phone=phone)
    acme.goto(mail.link("jordan@acme.example", "/respond/"))
    acme.get_by_label("Your name, as it should be shown").fill("Jordan Reyes")
    acme.get_by_label("Your title, as it should be shown").fill("Head of Policy")
    acme.get_by_label("Your answer").fill("We will stop selling location data.")
    axe(acme, "the answer form")
    acme.get_by_role("button", name="Send the answer").click()
    expect(acme.get_by_role("heading", level=1)).to_have_text("Thank you")

    page.goto(f"{live.url}/organize/petitions/{petition_id}")
    expect(page.locator("#answers")).to_contain_text("an answer waits for your approval")
    page.locator("#answers").get_by_role("button", name="Approve").click()
    expect(page.locator(".flash")).to_contain_text("on the public page")
    expect(page.locator("#answers")).to_contain_text("answered")

    public = new_page(phone=phone, javascript=False)
    public.goto(f"{live.url}/petitions/stop-the-data-grab")
    expect(public.locator(".responses")).to_contain_text("Acme Social, Inc. responded on")
    expect(public.locator(".responses")).to_contain_text("Jordan Reyes, Head of Policy")
    expect(public.locator(".updates")).to_contain_text("Delivered to Acme")
    body = public.request.get(f"{live.url}/petitions/stop-the-data-grab.json").json()
    assert [r["responder"] for r in body["responses"]] == ["Jordan Reyes, Head of Policy"]
    assert [u["title"] for u in body["updates"]] == ["Delivered to Acme"]
