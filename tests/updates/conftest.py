"""Signers of every kind an update must, or must not, reach; and the delivery fixtures."""
import pytest

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.mail.models import ReturnKind, Suppression
from campaign.base.outbox.models import OutboxMessage
from campaign.core.consent.models import OptOut
from campaign.core.signatures.models import SignatureDistrict, SignatureState

from ..deliveries.conftest import campaign_with_targets, compose  # noqa: F401  (fixtures)

# (email, region, district, consented, state, what else): who may and may not get an update.
SIGNERS = [
    ("ny1@example.org", "NY", 13, True, SignatureState.CONFIRMED, None),
    ("ny2@example.org", "NY", 12, True, SignatureState.CONFIRMED, None),
    ("ca1@example.org", "CA", 12, True, SignatureState.CONFIRMED, None),
    ("ny-no-consent@example.org", "NY", 13, False, SignatureState.CONFIRMED, None),
    ("ny-pending@example.org", "NY", 13, True, SignatureState.PENDING, None),
    ("ny-flagged@example.org", "NY", 13, True, SignatureState.FLAGGED, None),
    ("ny-opted-out@example.org", "NY", 13, True, SignatureState.CONFIRMED, "opted out"),
    ("ny-bounced@example.org", "NY", 13, True, SignatureState.CONFIRMED, "suppressed"),
    ("ny-erased@example.org", "NY", 13, True, SignatureState.CONFIRMED, "erased"),
]
REACHED_IN_NY = {"ny1@example.org", "ny2@example.org"}


@pytest.fixture
def signers(app, open_petition, create_signature):
    """The petition's SIGNERS; returns the petition's id."""
    for email, region, district, consented, state, other in SIGNERS:
        signature_id = create_signature(open_petition, email=email, region=region, has_consented=consented,
                                        state=state)
        with app.app_context():
            db.session.add(SignatureDistrict(signature_id=signature_id, state=region, district=district,
                                             petition_id=open_petition))
            if other == "opted out":
                db.session.add(OptOut(email_key=mailbox_key(email)))
            elif other == "suppressed":
                db.session.add(Suppression(email_key=mailbox_key(email), reason=ReturnKind.HARD))
            elif other == "erased":
                from campaign.features.privacy import operations
                operations.forget(email)
            db.session.execute(db.delete(OutboxMessage))
            db.session.commit()
            db.session.remove()
    return open_petition


@pytest.fixture
def write_update(client):
    """POST the update form of an action; returns the new update's page address."""

    def post(action_id, action="petition", **fields):
        data = {"kind": "news", "title": "We met Acme", "body_markdown": "They **listened**.", **fields}
        response = client.post(f"/organize/{action}/{action_id}/updates/new", data=data)
        assert response.status_code == 302, response.text
        return response.location

    return post
