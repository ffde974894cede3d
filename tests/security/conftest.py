"""Fixtures for the security tests: signatures' states, a real object behind every id a route
takes, and the naughty strings."""
import json

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.mail.models import ReturnKind, Suppression
from campaign.core.abuse.models import BlockKind, BlocklistEntry
from campaign.core.accounts.models import Organizer, Role
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.signatures.models import Signature
from campaign.core.targets.models import Target, TargetKind
from campaign.features.api import operations as api_operations
from campaign.features.deliveries.models import Delivery
from campaign.features.invalidation.models import Invalidation
from campaign.features.updates.models import TargetResponse, Update
from campaign.features.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery


@pytest.fixture
def states(app):
    """{email: state value} of every signature."""

    def read():
        with app.app_context():
            rows = db.session.execute(select(Signature.email, Signature.state)).all()
            db.session.remove()
        return {email: state.value for email, state in rows}

    return read


@pytest.fixture
def url_values(app, open_petition, create_letter, create_organizer):
    """A real object for each kind of id a route takes, and a value for its other arguments."""
    letter_id = create_letter()
    with app.app_context():
        entry = BlocklistEntry(kind=BlockKind.EMAIL_DOMAIN, value="spam.example")
        invalidation = Invalidation(petition_id=open_petition, source="spam")
        target = Target(kind=TargetKind.COMPANY, name="Acme")
        sign_on = OrganizationSignOn(letter_id=letter_id, name="Org", name_key="org", contact_name="C",
                                     email="c@org.example", email_key="c@org.example")
        suppression = Suppression(email_key="gone@example.com", reason=ReturnKind.HARD)
        db.session.add_all([entry, invalidation, target, sign_on, suppression])
        db.session.flush()
        delivery = Delivery(action_kind="petition", action_id=open_petition, subject="S", message="M",
                            target_ids=[target.id])
        db.session.add(delivery)
        other = Organizer(email="someone@example.org", role=Role.ORGANIZER, password_hash="x")
        db.session.add(other)
        db.session.flush()
        token, _ = api_operations.issue(other, "walk")
        hook = Webhook(organizer_id=other.id, url="https://hooks.example.org/", secret="s",
                       events="signature.confirmed")
        db.session.add(hook)
        db.session.flush()
        event = WebhookDelivery(webhook_id=hook.id, event="webhook.test", payload={}, status=DeliveryStatus.SENT)
        db.session.add(event)
        update = Update(action_kind="petition", action_id=open_petition, title="News", body_markdown="Hi")
        response = TargetResponse(action_kind="petition", action_id=open_petition, target_id=target.id,
                                  responder_name="Jordan")
        db.session.add_all([update, response])
        db.session.flush()
        db.session.commit()
        values = {"organizer_id": other.id, "token_id": token.id,
                  "petition_id": open_petition, "entry_id": entry.id, "invalidation_id": invalidation.id,
                  "letter_id": letter_id, "target_id": target.id, "delivery_id": delivery.id,
                  "kind": "petition", "action_id": open_petition, "sign_on_id": sign_on.id, "action": "approve",
                  "slug": "stop-the-data-grab", "token": "not-a-token", "name": "no-such-logo.png",
                  "filename": "css/site.css", "suppression_id": suppression.id, "webhook_id": hook.id,
                  "event_id": event.id, "update_id": update.id, "response_id": response.id}
        db.session.remove()
    return values


def url_for_rule(app, rule, values):
    """The path of `rule` with `values` for its arguments."""
    missing = set(rule.arguments) - set(values)
    assert not missing, f"{rule.rule}: add a value for {sorted(missing)} to url_values"
    with app.test_request_context():
        return app.url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


@pytest.fixture
def naughty_strings(shared_data):
    """The Big List of Naughty Strings, from ../shared/data (a skip saying so where it is absent)."""
    return json.loads((shared_data / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
