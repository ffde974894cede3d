"""The CSV of a letter's signatories for organizers, contacts included."""
import csv
import io

from ..organizations import queries as organization_queries
from . import queries

COLUMNS = ["type", "status", "confirmed", "name", "shown_as", "listed_publicly", "scope", "city", "state",
           "website", "affiliation", "contact_name", "contact_title", "email", "phone", "signed_at"]


def _cell(value):
    """Keep spreadsheets from running a cell as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def signatories_csv(letter):
    """Every sign-on of `letter`, organizations first, as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for s in organization_queries.queue(letter_id=letter.id):
        writer.writerow(map(_cell, [
            "organization", s.decision.value, "yes" if s.is_confirmed else "no", s.name, s.public_name,
            "yes" if s.is_listed else "no", s.scope.value, s.city, s.region, s.website, "",
            s.contact_name, s.contact_title, s.email, s.contact_phone, s.created_at.isoformat(),
        ]))
    for s in queries.individual_queue(letter.id):
        writer.writerow(map(_cell, [
            "individual", s.decision.value, "yes" if s.is_confirmed else "no", s.name, s.public_name,
            "yes" if s.is_named else "no", "", "", "", "", s.affiliation,
            "", "", s.email, "", s.created_at.isoformat(),
        ]))
    return out.getvalue()
