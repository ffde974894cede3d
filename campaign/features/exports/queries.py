"""The rows of an export, streamed from the database: one source per kind of action.

A source turns an action and the organizer's filters into a SELECT whose columns carry the
labels the presets read (id, first_name, last_name, email, postcode, city, region, country,
phone, comment, is_public, has_consented, consent_wording, source, referrer, status,
created_at, confirmed_at). Petitions are the only kind so far; letters' sign-ons plug in as
another source in SOURCES.
"""
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import and_, exists, func, not_, or_, select

from campaign.base.extensions import db
from campaign.base.sqlite import read_only_transaction
from campaign.core.consent.models import ConsentWording
from campaign.core.consent.queries import opted_out
from campaign.core.signatures.models import Signature, SignatureDistrict, SignatureState
from campaign.features.partners.models import SignaturePartnerConsent

# Rows fetched per round trip; PostgreSQL streams them through a server-side cursor.
YIELD_PER = 2000
STATUSES = ("confirmed", "pending", "all")


@dataclass
class Filters:
    """What the organizer asked for. Dates are UTC bounds: [signed_from, signed_before)."""

    status: str = "confirmed"
    signed_from: object = None
    signed_before: object = None
    regions: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    consented_only: bool = False
    source: str = ""
    # Only signers who let this partner (an endorsement's id) contact them and have not unsubscribed.
    partner_id: int | None = None

    def for_log(self):
        """The filters as JSON-safe values, for the export log."""
        values = asdict(self)
        for key in ("signed_from", "signed_before"):
            if values[key] is not None:
                values[key] = values[key].isoformat()
        return {key: value for key, value in values.items() if value not in (None, "", [], False)}


def district_condition(districts):
    """Signatures assigned to any of these districts ("NY-13"; "AK-0" at large), as confirmed or
    possible constituents (see geo.districts)."""
    seats = [parse_district(text) for text in districts]
    return exists().where(
        SignatureDistrict.signature_id == Signature.id,
        or_(*(and_(SignatureDistrict.state == state, SignatureDistrict.district == number) for state, number in seats)),
    )


def parse_district(text):
    """("NY", 13) from "NY-13"; ValueError when it is not a district."""
    state, _, number = text.partition("-")
    if len(state) != 2 or not state.isalpha() or not number.isdigit():
        raise ValueError(text)
    return state.upper(), int(number)


def district_choices(petition_id):
    """The districts a petition's signers were assigned to, for the filter's choices: ("NY-13", "NY-13")."""
    rows = db.session.execute(
        select(SignatureDistrict.state, SignatureDistrict.district).distinct()
        .where(SignatureDistrict.petition_id == petition_id, SignatureDistrict.district >= 0)
        .order_by(SignatureDistrict.state, SignatureDistrict.district)
    ).all()
    return [f"{state}-{district}" for state, district in rows]


def partner_opted_in(partner_id):
    """An SQL condition: the signature's signer ticked "Let <partner> contact me"."""
    return exists().where(
        SignaturePartnerConsent.signature_id == Signature.id,
        SignaturePartnerConsent.organization_sign_on_id == partner_id,
        SignaturePartnerConsent.has_consented.is_(True),
    )


def _own(*names):
    """The signature's columns of these names, labelled with them."""
    return [getattr(Signature, name).label(name) for name in names]


class PetitionSigners:
    """The signers of one petition."""

    kind = "petition"

    def select(self, petition_id, filters):
        """The SELECT of the export's rows, oldest first."""
        query = (
            select(
                *_own("id", "first_name", "last_name", "email", "postcode", "city", "region", "country", "phone",
                      "comment", "is_public", "has_consented"),
                func.coalesce(ConsentWording.wording, "").label("consent_wording"),
                *_own("source", "referrer"),
                Signature.state.label("status"),
                *_own("created_at", "confirmed_at"),
            )
            .outerjoin(ConsentWording, ConsentWording.id == Signature.consent_wording_id)
            .where(*self.conditions(petition_id, filters))
            .order_by(Signature.id)
        )
        return query

    @staticmethod
    def conditions(petition_id, filters):
        conditions = [Signature.petition_id == petition_id, Signature.erased_at.is_(None)]
        if filters.status == "confirmed":
            conditions.append(Signature.state == SignatureState.CONFIRMED)
        elif filters.status == "pending":
            conditions.append(Signature.state == SignatureState.PENDING)
        if filters.signed_from is not None:
            conditions.append(Signature.created_at >= filters.signed_from)
        if filters.signed_before is not None:
            conditions.append(Signature.created_at < filters.signed_before)
        if filters.regions:
            conditions.append(Signature.region.in_(filters.regions))
        if filters.districts:
            conditions.append(district_condition(filters.districts))
        if filters.consented_only:
            conditions.append(and_(Signature.has_consented.is_(True), not_(opted_out(Signature.email_key))))
        if filters.source:
            conditions.append(Signature.source == filters.source)
        if filters.partner_id is not None:
            conditions.append(and_(partner_opted_in(filters.partner_id), not_(opted_out(Signature.email_key))))
        return conditions


SOURCES = {"petition": PetitionSigners()}


def export_query(kind, action_id, filters):
    """The SELECT of an export's rows."""
    return SOURCES[kind].select(action_id, filters)


def rows(kind, action_id, filters):
    """(labels, rows): the column labels, and an iterator of row tuples fetched a few thousand at
    a time, so memory stays flat however long the list."""
    query = export_query(kind, action_id, filters).execution_options(stream_results=True, yield_per=YIELD_PER)
    # The stream may last minutes; on SQLite its transaction must not hold the write lock.
    if not db.session().in_transaction():
        db.session.connection(execution_options=read_only_transaction())
    result = db.session.execute(query)
    return list(result.keys()), (tuple(row) for row in result)


def regions(petition_id):
    """The states a petition's signers gave, for the filter's choices."""
    return [
        region
        for region in db.session.scalars(
            select(Signature.region).where(Signature.petition_id == petition_id, Signature.region != "")
            .group_by(Signature.region).order_by(Signature.region)
        )
    ]


def local_day_bounds(first, last, to_utc):
    """UTC bounds [start of `first`, start of the day after `last`) for dates in the site's zone."""
    from datetime import datetime, time, timedelta

    start = to_utc(datetime.combine(first, time())) if isinstance(first, date) else None
    end = to_utc(datetime.combine(last + timedelta(days=1), time())) if isinstance(last, date) else None
    return start, end
