"""Answer links: each delivery message carries one, for its target only, so the target can answer
in public. Signed (never stored), bound to the delivery recipient and its mailbox, expiring after
TARGET_RESPONSE_LINK_DAYS; built on the confirmation tokens with a salt of their own."""
from flask import current_app, url_for

from campaign.base import tokens

SALT = "target-response"
InvalidToken, ExpiredToken = tokens.InvalidToken, tokens.ExpiredToken


def link(recipient):
    return url_for("updates.respond", token=tokens.make(recipient, salt=SALT), _external=True)


def read(token):
    """(delivery recipient id, mailbox digest); InvalidToken or ExpiredToken."""
    return tokens.read(token, salt=SALT, max_age_days=current_app.config["TARGET_RESPONSE_LINK_DAYS"])


matches = tokens.matches
