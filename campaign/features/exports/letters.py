"""The CSV of a letter's signatories for organizers, contacts included, written like every export."""
from campaign.core.letters import queries
from campaign.core.organizations import queries as organization_queries

from .presets import export_time

COLUMNS = ["type", "status", "confirmed", "name", "shown_as", "listed_publicly", "scope", "city", "state",
           "website", "affiliation", "contact_name", "contact_title", "email", "phone", "signed_at"]


def signatory_rows(letter):
    """Every sign-on of `letter`, organizations first, as rows of COLUMNS (read at once: a letter
    has hundreds of signatories, not millions)."""
    rows = [
        ["organization", s.decision.value, s.is_confirmed, s.name, s.public_name, s.is_listed, s.scope.value,
         s.city, s.region, s.website, "", s.contact_name, s.contact_title, s.email, s.contact_phone,
         export_time(s.created_at)]
        for s in organization_queries.queue(letter_id=letter.id)
    ]
    rows += [
        ["individual", s.decision.value, s.is_confirmed, s.name, s.public_name, s.is_named, "", "", "", "",
         s.affiliation, "", "", s.email, "", export_time(s.created_at)]
        for s in queries.individual_queue(letter.id)
    ]
    return rows
