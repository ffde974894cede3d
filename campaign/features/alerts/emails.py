"""The alerts organizers receive. Sent at DELIVERY priority: after the mail a signer waits for
(confirmations), before bulk mail (reminders, updates), so a blast does not hold them up.
Wrapped for translation, subjects too; rendered in the default language (English), since an
organizer has no language of their own kept (README, Languages)."""
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _

from campaign.base.extensions import db
from campaign.base.localtime import format_local
from campaign.base.outbox.emails import DELIVERY, email, from_templates
from campaign.base.plurals import counted
from campaign.core.accounts.models import Organizer
from campaign.core.petitions.models import Petition


def _organizer(organizer_id):
    """The organizer, or None once the account is gone or disabled (the alert is then not sent)."""
    organizer = db.session.get(Organizer, organizer_id)
    return organizer if organizer is not None and organizer.is_active else None


def _settings_link():
    return url_for("alerts.settings", _external=True)


@email("alert.waiting", priority=DELIVERY)
def waiting(organizer_id, count, sign_ons, endorsements):
    """Sign-ons or endorsements wait for moderation: how many, and where to decide."""
    if _organizer(organizer_id) is None:
        return None
    subject = counted(count, "%(num)s waiting for moderation", "%(num)s waiting for moderation")
    return from_templates("alert_waiting", subject, count=count, sign_ons=sign_ons,
                          endorsements=endorsements, link=url_for("organize.dashboard", _external=True) + "#waiting",
                          settings_link=_settings_link())


@email("alert.milestone", priority=DELIVERY)
def milestone(organizer_id, petition_id, milestone, count):
    """A petition reached a milestone."""
    petition = db.session.get(Petition, petition_id)
    if _organizer(organizer_id) is None or petition is None:
        return None
    subject = counted(milestone, "%(num)s signature: %(title)s", "%(num)s signatures: %(title)s", title=petition.title)
    return from_templates("alert_milestone", subject, petition=petition,
                          milestone=milestone, count=count,
                          link=url_for("organize.petition", petition_id=petition.id, _external=True),
                          settings_link=_settings_link())


@email("alert.digest", priority=DELIVERY)
def digest(organizer_id, since, until, actions, deliveries, bounces, complaints):
    """The daily digest (alerts.queries.digest)."""
    if _organizer(organizer_id) is None:
        return None
    for action in actions:
        endpoint, key = ("organize.petition", "petition_id") if action["kind"] == "petition" else \
            ("organize_letters.letter", "letter_id")
        action["link"] = url_for(endpoint, **{key: action["id"]}, _external=True)
    since, until = datetime.fromisoformat(since), datetime.fromisoformat(until)
    subject = _("Daily digest: %(day)s", day=format_local(until, "long_date"))
    return from_templates("alert_digest", subject, since=since,
                          until=until, actions=actions, deliveries=deliveries, bounces=bounces,
                          complaints=complaints, settings_link=_settings_link())
