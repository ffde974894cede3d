"""Every organizer page on a phone (390x844), with the demo's data and more: nothing scrolls sideways,
the charts draw a single day and keep the map's legend legible, the queue's buttons are in reach.

The pages come from the app's URL map, so a new organizer page is walked as soon as it exists.
"""
import itertools
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.abuse import operations as blocklist_operations
from campaign.core.abuse.models import BlockKind
from campaign.core.accounts.models import Organizer, Role
from campaign.core.letters.models import Letter
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.organizations.normalise import name_key
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature, SignatureState
from campaign.core.targets.models import Target
from campaign.features.api import operations as api_operations
from campaign.features.deliveries import operations as delivery_operations
from campaign.features.deliveries.models import Delivery
from campaign.features.demo import letters as demo_letters
from campaign.features.demo.commands import DEMO_EMAIL, DEMO_PASSWORD
from campaign.features.exports.models import ExportLog
from campaign.features.invalidation.models import Invalidation
from campaign.features.updates.models import Update
from campaign.features.webhooks.models import EVENTS, DeliveryStatus, Webhook, WebhookDelivery

from .harness import log_in

pytestmark = pytest.mark.browser

PHONE_WIDTH = 390
# Pages that show more with a query: each is walked with it too.
WITH_QUERY = {"security.invalidations": "?email_domain=example.org",
              "security.trending": "?ip_threshold=1&domain_threshold=1",
              "organize.signatures": "?q=example"}
# The innermost elements reaching past the right edge: what to fix, named in the failure.
OVERFLOWING = """(width) => [...document.querySelectorAll("main *, header *")]
    .filter(e => e.getBoundingClientRect().right > width
            && ![...e.children].some(c => c.getBoundingClientRect().right > width))
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""))"""


# What the browser drew: [left, top, right, bottom] of the running total's line, of Florida and of
# each label of the map's legend, in the map's own units.
CHARTS = """() => {
    const box = e => { const b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
    const map = document.querySelector("svg.chart-map");
    return {line: box(document.querySelector("svg.chart-line polyline")),
            florida: box([...map.querySelectorAll("path")].find(p => p.textContent.startsWith("Florida:"))),
            labels: [...map.querySelectorAll(".chart-legend text")].map(box)};
}"""


def seed(app, runner):
    """The demo (a petition, two letters with sign-ons waiting, a target, a delivery), plus what the
    demo lacks: endorsements, a flagged signature, blocklists, an invalidation, an export, a token,
    a queued delivery, more organizers. Returns the values the organizer routes take."""
    result = runner.invoke(args=["demo", "seed", "--signatures", "40"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        owner = db.session.scalar(select(Organizer).where(Organizer.email == DEMO_EMAIL))
        petition = db.session.scalar(select(Petition))
        letters = {letter.slug: letter for letter in db.session.scalars(select(Letter))}
        target = db.session.scalar(select(Target))
        draft = db.session.scalar(select(Delivery))
        now = utcnow()
        for n, name in enumerate(["Electronic Frontier Defenders of the Greater Metropolitan Area", "Privacy Now"]):
            endorsement = OrganizationSignOn(
                petition_id=petition.id, name=name, name_key=name_key(name), city="San Francisco", region="CA",
                website="https://electronic-frontier-defenders-of-the-greater-metropolitan-area.example/about",
                contact_name="Rosa Diaz", contact_title="Director of Campaigns and Communications",
                email=f"rosa.diaz.campaigns{n}@electronic-frontier-defenders.example", email_key=f"rosa{n}",
                is_listed=True, confirmed_at=now)
            db.session.add(endorsement)
            if n:
                endorsement.approve(owner)
                endorsement.is_offered_to_signers = True
        long_email = "someone.with.a.very.long.address.indeed@a-throwaway-mail-domain-for-testing.example"
        db.session.add(Signature(
            petition_id=petition.id, email=long_email, email_key=mailbox_key(long_email),
            state=SignatureState.FLAGGED, flag_reasons="disposable,too_fast", first_name="Maximiliana",
            last_name="Featherstonehaugh-Worthington", postcode="10027", region="NY", ip_address="203.0.113.77",
            source="a-very-long-campaign-source-code-from-a-newsletter", created_at=now - timedelta(hours=1)))
        blocklist_operations.add_block(BlockKind.EMAIL_DOMAIN, "a-throwaway-mail-domain-for-testing.example",
                                      "Seen in a wave of fake signatures on the morning of the launch", owner)
        blocklist_operations.add_block(BlockKind.IP_NETWORK, "2001:db8:1234:5678::/64", "", owner)
        db.session.add(Invalidation(petition_id=petition.id, created_by_id=owner.id, count=12,
                                    email_domain="a-throwaway-mail-domain-for-testing.example",
                                    reason="A wave of fake signatures from one throwaway domain"))
        db.session.add(ExportLog(organizer_id=owner.id, action_kind="petition", action_id=petition.id,
                                 preset="full", filters={"status": "confirmed", "regions": ["NY", "CA", "TX"]},
                                 row_count=40, finished_at=now))
        api_operations.issue(owner, "The CRM's nightly sync of confirmed signers")
        hook = Webhook(organizer_id=owner.id, url="https://crm.a-long-partner-organization-domain.example/hooks/"
                       "campaign-signatures-and-sign-ons", secret="s", events=" ".join(EVENTS))
        db.session.add(hook)
        db.session.flush()
        db.session.add(WebhookDelivery(
            webhook_id=hook.id, event="signature.confirmed", payload={}, status=DeliveryStatus.FAILED, attempts=8,
            last_status=503, last_error="the receiver answered 503: Service Temporarily Unavailable (upstream)"))
        colleagues = [Organizer(email=email, role=role, password_hash="x")
                      for email, role in [("a.viewer.with.a.long.address@partner-organization.example", Role.VIEWER),
                                          ("organizer.two@example.org", Role.ORGANIZER)]]
        db.session.add_all(colleagues)
        queued = Delivery(action_kind="petition", action_id=petition.id, subject=draft.subject,
                          message=draft.message, target_ids=[target.id], created_by_id=owner.id)
        db.session.add(queued)
        db.session.flush()
        delivery_operations.queue(queued)
        update = Update(action_kind="petition", action_id=petition.id, title="Delivered to Acme Social's board",
                        body_markdown="We handed **40 signatures** to the board.",
                        body_html="<p>We handed <strong>40 signatures</strong> to the board.</p>")
        db.session.add(update)
        db.session.flush()
        db.session.commit()
        coalition, employees = letters[demo_letters.COALITION_SLUG].id, letters[demo_letters.EMPLOYEE_SLUG].id
        cases = [
            {"petition_id": petition.id, "letter_id": coalition, "delivery_id": draft.id, "target_id": target.id,
             "kind": "petition", "action_id": petition.id, "organizer_id": colleagues[0].id,
             "webhook_id": hook.id, "update_id": update.id},
            {"letter_id": employees, "delivery_id": queued.id, "kind": "letter", "action_id": coalition},
        ]
        db.session.remove()
    return cases


def organizer_pages(app, cases):
    """Every organizer page's address (GET routes under /organize, files left out), once per case
    that gives all of its values, and with WITH_QUERY's query too."""
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/organize") or "GET" not in rule.methods or "." in rule.rule.rsplit("/", 1)[-1]:
            continue
        fitting = [case for case in cases if set(rule.arguments) <= set(case)]
        assert fitting, f"{rule.rule}: add a value for {sorted(rule.arguments)} to the cases"
        with app.test_request_context():
            for case in fitting:
                url = app.url_for(rule.endpoint, **{name: case[name] for name in rule.arguments})
                urls += [url, url + WITH_QUERY[rule.endpoint]] if rule.endpoint in WITH_QUERY else [url]
    return list(dict.fromkeys(urls))


def test_every_organizer_page_fits_a_phone(app, runner, live, new_page):
    """One page walks them all (fast): none scrolls sideways; then what the phone shows of the
    charts and of the moderation queue."""
    cases = seed(app, runner)
    urls = organizer_pages(app, cases)
    page = new_page(phone=True)
    log_in(page, live.url, DEMO_EMAIL, DEMO_PASSWORD)

    too_wide = {}
    for url in urls:
        response = page.goto(f"{live.url}{url}")
        assert response.status < 400, (url, response.status)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[url] = (width, page.evaluate(OVERFLOWING, PHONE_WIDTH))
    assert too_wide == {}, f"pages wider than {PHONE_WIDTH} px on a phone: {too_wide}"
    assert len(urls) >= 25

    # The demo's signatures were all confirmed today: the running total still draws, and the map's
    # legend, as the browser lays it out, has its labels apart and under the map (and Florida).
    page.goto(f"{live.url}/organize/petitions/{cases[0]['petition_id']}")
    drawn = page.evaluate(CHARTS)
    assert drawn["line"][2] - drawn["line"][0] > 10
    labels = drawn["labels"]
    assert len(labels) >= 2 and all(top > drawn["florida"][3] for _, top, _, _ in labels)
    assert not [(a, b) for a, b in itertools.combinations(labels, 2)
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]], labels

    # The menu says what waits; the queue's buttons are on the screen, not off to its right.
    page.get_by_role("link", name="Moderation: 6 waiting").click()  # the demo's 5 and an endorsement
    page.locator("#waiting").get_by_role("link", name=re.compile("^Letter to Acme")).click()
    approve = page.get_by_role("button", name="Approve").first
    approve.scroll_into_view_if_needed()
    box = approve.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE_WIDTH
