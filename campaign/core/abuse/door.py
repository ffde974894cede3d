"""Rules at the door: a hidden field people leave empty, a minimum fill time, the blocklists.

A signature that trips one is kept as FLAGGED and never counted, and the sender sees the same
pages and gets the same mail as anyone: nothing tells a bot which rule it tripped.
"""
import hashlib
import time
from functools import lru_cache

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from wtforms import HiddenField, StringField

from campaign.base.forms import Form
from campaign.base.i18n import lazy_gettext as _l

from . import blocklists

SALT = "form-started"
# A form older than this is treated like a form with no time at all.
MAX_FORM_AGE_SECONDS = 2 * 86400

REASONS = {
    "honeypot": "filled in the hidden field",
    "too_fast": "sent sooner than a person could type",
    "no_timestamp": "sent without the form's signed start time",
    "blocked_domain": "email domain on the blocklist",
    "disposable_domain": "throwaway email domain",
    "blocked_address": "IP address on the blocklist",
}


def _serializer():
    return _serializer_for(current_app.config["SECRET_KEY"])


@lru_cache(maxsize=4)
def _serializer_for(secret_key):
    """Made once per key: every sign form is stamped and every signature's stamp read with it."""
    return URLSafeTimedSerializer(secret_key, salt=SALT, signer_kwargs={"digest_method": hashlib.sha256})


def started_stamp():
    """A signed record of when the form was shown."""
    return _serializer().dumps("form")


def seconds_since(stamp):
    """Seconds since `stamp` was made, or None when it is missing, forged or too old."""
    if not stamp:
        return None
    try:
        _, signed_at = _serializer().loads(stamp, max_age=MAX_FORM_AGE_SECONDS, return_timestamp=True)
    except (BadSignature, ValueError, TypeError):
        return None
    return time.time() - signed_at.timestamp()


class DoorForm(Form):
    """A public form with the honeypot and the start time. Subclass it for every public form."""

    # An innocuous name that browsers do not fill in. The page hides it from sight; its label
    # tells screen reader users to leave it empty, and it is out of the tab order.
    contact_note = StringField(_l("Leave this empty"), render_kw={"tabindex": "-1", "autocomplete": "off"})
    started = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.posted_started = self.started.data
        if not self.started.data:
            self.started.data = started_stamp()

    def door_reasons(self, email, ip_address):
        """The rules this submission trips (see REASONS); empty for an ordinary person."""
        reasons = []
        if self.contact_note.data:
            reasons.append("honeypot")
        minimum = current_app.config["SIGN_MIN_FILL_SECONDS"]
        if minimum > 0:
            elapsed = seconds_since(self.posted_started)
            if elapsed is None:
                reasons.append("no_timestamp")
            elif elapsed < minimum:
                reasons.append("too_fast")
        return reasons + blocklists.reasons(email, ip_address)
