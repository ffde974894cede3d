"""The organizer's choice of alerts."""
from wtforms import BooleanField

from campaign.base.forms import Form
from campaign.base.i18n import lazy_gettext as _l


class AlertSettingsForm(Form):
    on_waiting = BooleanField(_l("When sign-ons or endorsements wait for moderation (at most one email an hour, "
                                 "with how many wait)"))
    on_milestone = BooleanField(_l("When a petition reaches a milestone (10, 25, 50, 100, 250, 500, 1,000 … "
                                   "signatures, and its goal)"))
    daily_digest = BooleanField(_l("A daily digest: new confirmed signatures per action, waiting for confirmation, "
                                   "flagged, deliveries and returned mail"))
