"""The message each target gets: placeholders filled with that target's results, and its CSV."""
import re
from dataclasses import dataclass

from campaign.base import csvfile

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


def fill(text, values):
    """`text` with each {placeholder} replaced; anything else is left exactly as typed."""
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], text)


def readable(text, action_title):
    """`text` (a subject) as lists show it, for no target in particular: {action_title} filled,
    every other placeholder as its name in brackets ("[constituents] signed")."""
    return PLACEHOLDER.sub(lambda m: action_title if m[1] == "action_title" else
                           f"[{m[1].replace('_', ' ')}]" if m[1] in PLACEHOLDERS else m[0], text)


def packet(delivery, target, results):
    """The Packet of `target` in `delivery`, given the action's Results (read once per delivery)."""
    action = actions.get(delivery.action_kind)
    confirmed = possible = None
    if actions.district_of(target) is not None:
        confirmed, possible = action.constituents(delivery.action_id, target)
    values = {
        "target_name": target.name,
        "seat": target.seat,
        "action_title": results.title,
        "total": f"{results.total:,}",
        "constituents": f"{confirmed:,}" if confirmed is not None else f"{results.total:,}",
        "possible_constituents": f"{possible:,}" if possible is not None else "0",
        "organizations": ", ".join(results.organizations),
        "organization_count": f"{len(results.organizations):,}",
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
