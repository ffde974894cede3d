"""Partner download links: signed (never stored), bound to the partner's contact mailbox, expiring
after PARTNER_LINK_DAYS. Built on the confirmation tokens with a salt of their own."""
from flask import current_app, url_for

from campaign.base import tokens
from campaign.core.organizations.models import OrganizationSignOn

SALT = "partner-download"
InvalidToken, ExpiredToken = tokens.InvalidToken, tokens.ExpiredToken


def link(partner):
    return url_for("partners.download", token=tokens.make(partner, salt=SALT), _external=True)


def load(token):
    """The partner (an organization's sign-on) of a download link; InvalidToken or ExpiredToken."""
    return tokens.load(OrganizationSignOn, token, salt=SALT, max_age_days=current_app.config["PARTNER_LINK_DAYS"])
