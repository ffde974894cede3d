"""An organizer creates a petition, watches it grow on the charts, delivers the results to two targets
and exports the signers; partners embed it on their own site."""
import re
import time
from datetime import timedelta

import pytest

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import SignatureState
from campaign.core.targets.models import Target
from campaign.core.targets.operations import add_contact

from ..conftest import free_port
from . import harness
from .harness import deliver_results, expect

pytestmark = pytest.mark.browser


def add_company(app, name, email):
    with app.app_context():
        target = Target(kind=Target.kind.type.enum_class("company"), name=name)
        db.session.add(target)
        db.session.flush()
        add_contact(target, email, "Jordan Reyes")
        db.session.commit()
        db.session.remove()


def test_olu_creates_a_petition_delivers_it_to_two_targets_and_exports_the_signers(
        app, live, mail, organizer_page, create_signature, axe, screenshot):
    add_company(app, "Acme Social, Inc.", "jordan@acme.example")
    add_company(app, "Acme Ads LLC", "board@acme-ads.example")
    page = organizer_page()
    page.get_by_role("link", name=re.compile("New petition")).click()
    page.get_by_label("Title", exact=True).fill("Stop the data grab")
    page.get_by_label("Petition text", exact=True).fill("We ask **Acme** to stop selling our data.")
    page.get_by_label("To", exact=True).fill("Acme Social, Inc.")
    page.get_by_label("Goal").fill("50")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.locator(".flash")).to_contain_text("saved as a draft")
    page.get_by_role("button", name="Open for signatures").click()
    expect(page.locator(".flash")).to_contain_text("open for signatures")

    with app.app_context():
        petition_id = db.session.scalar(db.select(Petition.id))
        db.session.remove()
    now = utcnow()
    people = [("NY", "newsletter"), ("NY", "newsletter"), ("CA", "embed"), ("TX", ""), ("CA", "newsletter"),
              ("WA", "partner"), ("NY", "embed"), ("IL", "newsletter")]
    for n, (region, source) in enumerate(people):
        create_signature(petition_id, email=f"signer{n}@example.org", region=region, source=source,
                         first_name=f"Signer{n}", confirmed_at=now - timedelta(days=(len(people) - n) // 2))
    create_signature(petition_id, email="waiting@example.org", state=SignatureState.PENDING)

    page.reload()
    charts = page.locator("section.charts")
    expect(charts.locator("svg.chart")).to_have_count(4)
    expect(charts).to_contain_text("1 signature is waiting for confirmation")
    expect(charts.locator("svg.chart-map path title", has_text="New York: 3")).to_have_count(1)
    screenshot(page, "organizer-desktop")

    deliver_results(page, "Send now to 2 targets")
    mail.deliver()
    assert "8 people signed" in mail.to("jordan@acme.example")[-1]["Subject"]
    assert mail.to("board@acme-ads.example")

    page.goto(f"{live.url}/organize/petitions/{petition_id}")
    page.get_by_role("link", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    assert len(rows) == 1 + len(people) and rows[0].startswith("id,first_name")


def test_a_partner_embeds_the_petition_and_a_visitor_signs_inside_the_frame(
        live, mail, new_page, organizer_page, axe, screenshot, create_petition, create_signature):
    """The partner's page is on another site (localhost vs 127.0.0.1): the frame gets no session cookie."""
    petition_id = create_petition()
    organizer = organizer_page()
    organizer.goto(f"{live.url}/organize/petitions/{petition_id}")
    snippet = organizer.locator("#embed-script").input_value()
    assert snippet.startswith(f'<script src="{live.url}/static/js/embed.js"')

    partner = harness.PartnerSite(free_port(), snippet)
    try:
        page = new_page()
        page.clock.install()
        page.goto(partner.url)
        frame = page.frame_locator("iframe")
        expect(frame.locator("[data-live-count]")).to_have_text("0")
        # The frame's message arrives after its page has loaded: wait for it rather than race it.
        expect(page.locator("iframe")).not_to_have_attribute("height", "620")
        height = page.locator("iframe").evaluate("f => f.getBoundingClientRect().height")
        assert 250 < height != 620  # sized to its content by postMessage
        screenshot(page, "embed-on-a-partner-site")
        form_height = page.locator("iframe").get_attribute("height")

        harness.fill_signer(frame, "Lin", "Park", "lin@example.org", "10027")
        frame.get_by_role("button", name="Sign").click()
        expect(frame.get_by_role("heading", level=1)).to_have_text("Check your inbox")
        assert page.url == partner.url  # still on the partner's page
        # The shorter page shrinks the frame: it fits its content both ways.
        page.wait_for_function("h => +document.querySelector('iframe').height < h - 100", arg=height)
        inner = frame.locator("body").evaluate("b => b.getBoundingClientRect().height")
        assert abs(int(page.locator("iframe").get_attribute("height")) - max(inner, 200)) <= 1

        mail.deliver()
        confirm = new_page()
        confirm.goto(mail.link("lin@example.org", "/confirm/"))
        confirm.get_by_role("button", name="Confirm my signature").click()
        create_signature(petition_id, email="other@example.org")

        frame.get_by_role("link", name="Back to the form").click()
        expect(frame.locator("[data-live-count]")).to_have_text("2")
        expect(page.locator("iframe")).to_have_attribute("height", form_height)  # and grows again
        create_signature(petition_id, email="third@example.org")
        # The count stays current: each poll (every 10 s of the page's clock) fetches the JSON, which
        # the browser may keep for PUBLIC_CACHE_SECONDS of real time (max-age) after an earlier poll.
        deadline = time.monotonic() + live.app.config["PUBLIC_CACHE_SECONDS"] + 5
        while frame.locator("[data-live-count]").inner_text() != "3" and time.monotonic() < deadline:
            page.clock.run_for(11_000)
            time.sleep(0.5)
        expect(frame.locator("[data-live-count]")).to_have_text("3")
    finally:
        partner.stop()


def test_the_embed_alone_passes_axe(live, new_page, axe, screenshot, create_petition):
    create_petition()
    page = new_page(phone=True)
    page.goto(f"{live.url}/petitions/stop-the-data-grab/embed")
    axe(page, "the embed, empty")
    screenshot(page, "embed-phone")
    page.get_by_role("button", name="Sign").click()
    page.wait_for_selector("#error-summary")
    axe(page, "the embed, errors")
