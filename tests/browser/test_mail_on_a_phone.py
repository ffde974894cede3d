"""Every HTML mail fits a phone: rendered from real rows by its registered renderer, shown in
Chromium 390 px wide, nothing wider than the screen (long links wrap)."""

import pytest
from flask import template_rendered

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.outbox import emails
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Organizer, Role
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import Decision, OrganizationSignOn
from campaign.core.signatures.models import SignatureState
from campaign.core.targets.models import Target, TargetKind
from campaign.features.deliveries.models import Delivery, DeliveryRecipient
from campaign.features.updates.models import Update
from campaign.features.webhooks.models import Webhook

from .harness import ROOT

pytestmark = pytest.mark.browser

LONG_LINK = "https://www.privacy-now-coalition.example/campaigns/acme-social-location-data/read-the-full-report"


def sign_ons(letter_id, petition_id):
    """An organization and a person on the letter, and a partner endorsing the petition."""
    organization = OrganizationSignOn(
        letter_id=letter_id, name="Coalition for Digital Privacy and Consumer Protection", name_key="coalition",
        contact_name="Rosa Park", email="rosa@privacy-now-coalition.example",
        email_key=mailbox_key("rosa@privacy-now-coalition.example"), website=LONG_LINK)
    person = IndividualSignOn(letter_id=letter_id, first_name="Sam", last_name="Okafor", email="sam@example.org",
                              email_key=mailbox_key("sam@example.org"))
    partner = OrganizationSignOn(
        petition_id=petition_id, name="Privacy Now", name_key="privacy now", contact_name="Rosa Park",
        email="rosa@privacynow.example", email_key=mailbox_key("rosa@privacynow.example"), is_listed=True,
        decision=Decision.APPROVED, confirmed_at=utcnow())
    return organization, person, partner


def delivery_to(petition_id):
    """A delivery of the petition to a company, its message quoting a long link."""
    target = Target(kind=TargetKind("company"), name="Acme Social, Inc.")
    delivery = Delivery(action_kind="petition", action_id=petition_id, subject="{total} signed: {action_title}",
                        message=f"Dear {{target_name}},\n\n{{total}} people signed. The report: {LONG_LINK}")
    recipient = DeliveryRecipient(delivery=delivery, target=target, name="Jordan Reyes", email="jordan@acme.example")
    return recipient


def every_mail(app, create_petition, create_letter, create_signature):
    """{kind: HTML} of every kind of mail, rendered as the outbox worker renders them."""
    petition_id = create_petition()
    letter_id = create_letter()
    signature_id = create_signature(petition_id, state=SignatureState.PENDING)
    with app.app_context():
        organization, person, partner = sign_ons(letter_id, petition_id)
        recipient = delivery_to(petition_id)
        organizer = Organizer(email="hooks@example.org", role=Role.ORGANIZER, password_hash="x")
        hook = Webhook(organizer=organizer, url=LONG_LINK + "/webhooks/incoming-signatures", secret="s",
                       events="signature.confirmed")
        update = Update(action_kind="petition", action_id=petition_id, title="Delivered to Acme",
                        body_markdown=f"We handed Acme the signatures. The report: {LONG_LINK}",
                        body_html=f"<p>We handed Acme the signatures. The report: "
                                  f"<a href=\"{LONG_LINK}\">{LONG_LINK}</a></p>")
        db.session.add_all([organization, person, partner, recipient, hook, update])
        db.session.commit()
        now = utcnow()
        action = {"kind": "petition", "id": petition_id, "title": "Stop the data grab: no selling of our location "
                  "data without consent", "confirmed": 1234, "pending": 56, "flagged": 7, "waiting": 2}
        kinds = {
            "signature.confirm": {"signature_id": signature_id},
            "signature.remind": {"signature_id": signature_id},
            "signature.already_signed": {"signature_id": signature_id},
            "sign_on.confirm": {"signer_kind": "organization", "sign_on_id": organization.id},
            "sign_on.approved": {"signer_kind": "individual", "sign_on_id": person.id},
            "sign_on.rejected": {"signer_kind": "organization", "sign_on_id": organization.id,
                                 "message": f"We could not verify your organization. See {LONG_LINK}"},
            "sign_on.already_signed": {"signer_kind": "individual", "sign_on_id": person.id},
            "partner.download_link": {"partner_id": partner.id},
            "delivery.message": {"recipient_id": recipient.id},
            "webhook.disabled": {"webhook_id": hook.id, "reason": "10 tries in a row failed; the last: the receiver "
                                                                  "answered 503"},
            "update.test": {"update_id": update.id},
            "alert.waiting": {"organizer_id": organizer.id, "count": 3, "sign_ons": 2, "endorsements": 1},
            "alert.milestone": {"organizer_id": organizer.id, "petition_id": petition_id, "milestone": 1000,
                                "count": 1003},
            "alert.digest": {"organizer_id": organizer.id, "since": now.isoformat(), "until": now.isoformat(),
                             "actions": [action, {**action, "kind": "letter", "id": letter_id}], "deliveries": 1,
                             "bounces": 2, "complaints": 0},
        }
        with app.test_request_context(base_url=app.config["BASE_URL"]):
            mails = {kind: emails.render(kind, params).html for kind, params in kinds.items()}
        db.session.remove()
    return mails


def test_every_html_mail_fits_a_phone(app, new_page, create_petition, create_letter, create_signature):
    rendered = set()

    def record(sender, template, context, **extra):
        rendered.add(template.name)

    with template_rendered.connected_to(record, app):
        mails = every_mail(app, create_petition, create_letter, create_signature)
    templates = {f"email/{path.name}" for path in (ROOT / "templates" / "email").glob("*.html")
                 if not path.name.startswith("_")}
    assert templates <= rendered, f"mails not rendered here: {templates - rendered}"

    page = new_page(phone=True)
    widths = {}
    for kind, html in mails.items():
        page.set_content(html)
        widths[kind] = page.evaluate("() => document.documentElement.scrollWidth")
    assert {kind: width for kind, width in widths.items() if width > 390} == {}
