"""The mail to a partner's contact with the download link of the signers who opted in to it."""
from flask import current_app
from flask_babel import gettext as _

from campaign.base.extensions import db
from campaign.base.outbox.emails import email, from_templates
from campaign.core.organizations.models import OrganizationSignOn

from . import tokens


@email("partner.download_link")
def download_link(partner_id):
    """Your signers: an expiring link to a page whose button downloads the CSV."""
    partner = db.session.get(OrganizationSignOn, partner_id)
    if partner is None or not partner.is_public or partner.petition is None:
        return None
    return from_templates("partner_download",
                          _("Signers who asked to hear from you: %(title)s", title=partner.petition.title),
                          partner=partner, petition=partner.petition, link=tokens.link(partner),
                          days=current_app.config["PARTNER_LINK_DAYS"])
