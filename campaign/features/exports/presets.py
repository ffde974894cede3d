"""Column presets: which columns an export has, what they are called, from which fields.

Every action kind's query (see queries.py) yields rows with the labelled fields named here.
"""
from dataclasses import dataclass
from datetime import UTC


def _enum(value):
    return value.value


def export_time(value):
    """A time as exports write it: ISO 8601 in UTC, `2026-11-26T04:12:00.5+00:00` (fractions of a
    second without trailing zeros, none when whole), which is PostgreSQL's own text for it."""
    if value is None:
        return ""
    value = value.astimezone(UTC)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text + "+00:00"


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    # (column header, row field, conversion or None)
    columns: tuple
    has_email: bool = True

    @property
    def header(self):
        return [header for header, _, _ in self.columns]

    @property
    def fields(self):
        """The query's labels this preset reads, in the order of its columns."""
        return [field for _, field, _ in self.columns]

    def row_maker(self, labels):
        """A function from a row (a tuple of the query's `labels`) to this preset's cells."""
        picks = [(labels.index(field), convert) for _, field, convert in self.columns]
        return lambda row: [convert(row[i]) if convert else row[i] for i, convert in picks]


# The query's field and conversion behind a column's header: the field of the header's own name,
# unconverted, unless said here.
_SOURCES = {
    "state": ("region", None),
    "zip_code": ("postcode", None),
    "phone_number": ("phone", None),
    "consented_to_updates": ("has_consented", None),
    "status": ("status", _enum),
    "signed_at": ("created_at", export_time),
    "created_date": ("created_at", export_time),
    "confirmed_at": ("confirmed_at", export_time),
}


def _columns(*headers):
    """A preset's columns, (header, field, conversion), from their headers."""
    return tuple((header, *_SOURCES.get(header, (header, None))) for header in headers)


FULL = Preset("full", "Full: every field", _columns(
    "id", "first_name", "last_name", "email", "postcode", "city", "state", "country", "phone", "comment",
    "is_public", "consented_to_updates", "consent_wording", "source", "referrer", "status", "signed_at",
    "confirmed_at"))

# Action Network's field names, which its upload (and EveryAction's) maps without questions.
# Action Network accepts opted-in people only: export it with "consent to updates only".
CRM = Preset("crm", "CRM import (Action Network, EveryAction)", _columns(
    "first_name", "last_name", "email", "zip_code", "city", "state", "country", "phone_number", "source",
    "created_date"))

# For handing to a target: who signed and where from, never how to reach them.
DELIVERY = Preset("delivery", "Delivery: names and places, no email addresses", _columns(
    "first_name", "last_name", "city", "state", "zip_code", "country", "comment", "signed_at"), has_email=False)

PRESETS = {preset.name: preset for preset in (FULL, CRM, DELIVERY)}

# What a partner downloads of the signers who let it contact them; never offered to organizers'
# exports (it is CRM's columns less the phone number, which the signers did not offer).
PARTNER = Preset("partner", "Partner: signers who opted in to this partner", tuple(
    column for column in CRM.columns if column[0] != "phone_number"))
