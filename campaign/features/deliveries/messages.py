"""The message each target gets: placeholders filled with that target's results, and its CSV."""
import re
from dataclasses import dataclass

from flask_babel import gettext as _

from campaign.base import csvfile
from campaign.base.i18n import number
from campaign.core.targets.models import TargetKind

from . import actions

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = {
    "target_name": "the target's name",
    "seat": "the member's seat, e.g. NY-13 (empty for companies)",
    "action_title": "the title of the petition or letter",
    "total": "confirmed signatures in all",
    "constituents": "the member's confirmed constituent signers",
    "possible_constituents": "signers whose ZIP area is partly in the member's district",
    "organizations": "the endorsing organizations, comma-separated",
    "organization_count": "how many organizations endorse",
}


def unknown_placeholders(text):
    """The placeholders in `text` that are not in PLACEHOLDERS."""
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS})


@dataclass
class Packet:
    """What one target receives."""

    target: object
    subject: str
    text: str
    results: actions.Results
    constituents: int | None
    possible_constituents: int | None

    @property
    def constituents_said(self):
        """The constituents' line of the results, in the language being rendered (a member of
        Congress's only): "Your constituents (NY-13): 2 confirmed, and 1 more whose ZIP code …"."""
        values = {"seat": self.target.seat, "confirmed": number(self.constituents or 0),
                  "possible": number(self.possible_constituents or 0)}
        if not self.possible_constituents:
            return _("Your constituents (%(seat)s): %(confirmed)s confirmed", **values)
        if self.target.kind is TargetKind.SENATOR:
            return _("Your constituents (%(seat)s): %(confirmed)s confirmed, and %(possible)s more whose ZIP "
                     "code lies partly in your state", **values)
        return _("Your constituents (%(seat)s): %(confirmed)s confirmed, and %(possible)s more whose ZIP code "
                 "lies partly in your district", **values)


def language_of(delivery):
    """The language a delivery's messages are written in, whoever reads or sends them: its action's
    default language, the organizer's (render them inside `i18n.in_language(language_of(…))`)."""
    return actions.get(delivery.action_kind).language(delivery.action_id)


def fill(text, values):
    """`text` with each {placeholder} replaced; anything else is left exactly as typed."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)


def readable(text, action_title):
    """`text` (a subject) as lists show it, for no target in particular: {action_title} filled,
    every other placeholder as its name in brackets ("[constituents] signed")."""
    return PLACEHOLDER.sub(lambda m: action_title if m[1] == "action_title" else
                           f"[{m[1].replace('_', ' ')}]" if m[1] in PLACEHOLDERS else m[0], text)


def packet(delivery, target, results):
    """The Packet of `target` in `delivery`, given the action's Results (read once per delivery);
    its counts are written for the language being rendered, the action's (`language_of`)."""
    action = actions.get(delivery.action_kind)
    confirmed = possible = None
    if actions.district_of(target) is not None:
        confirmed, possible = action.constituents(delivery.action_id, target)
    values = {
        "target_name": target.name,
        "seat": target.seat,
        "action_title": results.title,
        "total": number(results.total),
        "constituents": number(confirmed if confirmed is not None else results.total),
        "possible_constituents": number(possible or 0),
        "organizations": ", ".join(results.organizations),
        "organization_count": number(len(results.organizations)),
    }
    return Packet(target, fill(delivery.subject, values), fill(delivery.message, values), results, confirmed, possible)


def signers_csv(delivery, target):
    """The CSV of the target's constituent signers (every signer for a company or agency) as bytes."""
    return csvfile.file_bytes(actions.SIGNER_COLUMNS, actions.get(delivery.action_kind).signers(delivery.action_id,
                                                                                                   target))


def attachments(delivery, target):
    """[(filename, content type, bytes)] sent with the message: the signers' CSV and the action's own files."""
    action = actions.get(delivery.action_kind)
    return [("signers.csv", "text/csv", signers_csv(delivery, target)),
            *action.attachments(delivery.action_id, target)]
