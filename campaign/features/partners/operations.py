"""Partner opt-in workflows: offering a partner, recording answers, sending a download link.
They flush, never commit."""
import logging

from flask_babel import gettext as _

from campaign.base.extensions import db
from campaign.base.outbox.operations import enqueue
from campaign.core.consent.models import ConsentWording

from .models import SignaturePartnerConsent

log = logging.getLogger(__name__)


class NotAPartner(Exception):
    """Only an approved, public endorsement of the petition can be offered to its signers."""


def _check(partner, petition_id):
    if partner is None or partner.petition_id != petition_id or not partner.is_public:
        raise NotAPartner(_("Only an approved endorsement of this petition can be a partner."))


def offer(partner, petition_id, is_offered):
    """Offer `partner` on the petition's sign form (or stop offering it)."""
    _check(partner, petition_id)
    partner.is_offered_to_signers = bool(is_offered)
    db.session.flush()


def record_answers(signature, boxes):
    """Keep the signer's answer to each partner box shown, with its exact wording."""
    if not boxes:
        return
    db.session.add_all(
        SignaturePartnerConsent(signature_id=signature.id, organization_sign_on_id=box.partner_id,
                                has_consented=box.checked, wording_id=ConsentWording.id_for(box.label))
        for box in boxes
    )
    db.session.flush()


def send_download_link(partner, petition_id, organizer):
    """Queue the mail with an expiring download link to the partner's contact."""
    _check(partner, petition_id)
    enqueue("partner.download_link", partner.email, partner_id=partner.id)
    log.info("partner link for sign-on %s queued by organizer %s", partner.id, organizer.id)
