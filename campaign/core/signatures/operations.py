"""Signing and confirming: the workflows of a signature. They flush, never commit."""
import logging
from datetime import timedelta
from functools import cache
from typing import NamedTuple

from flask import current_app
from sqlalchemy import ARRAY, Boolean, Integer, String, bindparam, case, func, insert, literal, select, true, update
from sqlalchemy.sql.expression import ColumnElement

from campaign.base import events, i18n, postgres
from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.base.outbox.operations import enqueue, new_message
from campaign.base.timeutil import utcnow
from campaign.core.geo import districts
from campaign.core.geo.zip_states import state_for_zip

from . import tallies
from .models import Signature, SignatureDistrict, SignatureState

log = logging.getLogger(__name__)
SIGNATURES = Signature.__table__
# Built once: a statement made anew each time costs SQLAlchemy its cache key on every signature.
INSERT_SIGNATURE = insert(SIGNATURES).returning(SIGNATURES.c.id)
INSERT_DISTRICTS = insert(SignatureDistrict.__table__)
CONFIRMATION = "signature.confirm"  # the kind of mail that asks a signer to confirm


class NewSignature(NamedTuple):
    """What signing returns: enough to confirm the signature or record answers about it."""

    id: int
    petition_id: int
    region: str
    email: str


class Signing(NamedTuple):
    """A signature ready to write: its row's values, and its ZIP area's crosswalk rows."""

    values: dict
    crosswalk_rows: list


def sign(petition, **answers):
    """Add a pending signature (flagged, when it tripped a rule at the door) and queue its
    confirmation mail: a flagged signer gets the same mail as anyone. Returns a NewSignature.
    `answers` are `_values`' keywords: email, first_name, last_name and ip_address, and what
    else the form asked (postcode, city, country, phone, comment, is_public, has_consented,
    shares_email, source, referrer, share_channel, referred_by), the signature's own share_code
    (signatures.referrals), the door's flag_reasons and the signer's language.

    `prepare()` then `write()`: in the session's transaction (no ORM unit of work: `_write`); the
    caller commits. The database's unique constraint raises IntegrityError here when the mailbox
    has signed already, and the caller then rolls back and calls `repeat()`.
    """
    return write(prepare(petition, **answers))


def prepare(petition, **answers):
    """A Signing of `answers` (as `sign()`'s): all that signing reads (the ZIP area's districts,
    through the session) is read here, so that writing it reads nothing."""
    values = _values(petition, **answers)
    return Signing(values, _crosswalk_rows(values["postcode"], values["country"]))


def write(signing):
    """Write a prepared signature, its district rows and its mail in the session's transaction;
    returns a NewSignature. The caller commits."""
    return _write(db.session.connection(), signing.values, signing.crosswalk_rows)


def writes_apart():
    """Whether `write_apart()` can be used: on PostgreSQL. Elsewhere (SQLite, whose writers queue
    for one lock that the request's session may hold) a signature is `write()`n and committed."""
    return db.engine.dialect.name == "postgresql"


def write_apart(signing):
    """Write a prepared signature committed at once, apart from the session: the hot path of a
    spike. On PostgreSQL the signature, its district rows and its mail are one statement
    (`_one_statement`), run in autocommit on a connection of its own: one round trip, no BEGIN and
    no COMMIT, and the statement is all or nothing. Raises IntegrityError, with nothing written,
    when the mailbox has signed already.

    The caller ends the session's transaction first (a sign form's POST has only read in it): a
    request never holds two of the pool's connections, which many threads signing at once would
    otherwise exhaust."""
    with postgres.autocommit(db.engine).connect() as connection:
        return _write(connection, signing.values, signing.crosswalk_rows)


def _values(petition, *, email, first_name, last_name, ip_address, postcode="", city="", country="",
            phone="", comment="", is_public=False, has_consented=False, shares_email=False, source="",
            referrer="", share_code=None, share_channel="", referred_by="", flag_reasons=(),
            language=i18n.DEFAULT):
    """The signatures row of an answer to `petition`'s sign form (as shown in `language`, the
    signer's, whose consent wordings it records: multilingual.InLanguage)."""
    wording_id, share_wording_id = petition.wording_ids()
    now = utcnow()
    return {
        "petition_id": petition.id,
        "email": email,
        "email_key": mailbox_key(email),
        "first_name": first_name,
        "last_name": last_name,
        "postcode": postcode,
        "city": city,
        "country": country,
        "region": state_for_zip(postcode) if country in ("", "US") else "",
        "phone": phone,
        "comment": comment,
        "is_public": is_public,
        "has_consented": bool(has_consented and wording_id),
        "consent_wording_id": wording_id,
        "shares_email": bool(shares_email and share_wording_id),
        "shares_email_wording_id": share_wording_id if shares_email else None,
        "source": source,
        "referrer": referrer,
        "share_code": share_code,
        "share_channel": share_channel,
        "referred_by": referred_by,
        "ip_address": ip_address,
        "state": SignatureState.FLAGGED if flag_reasons else SignatureState.PENDING,
        "flag_reasons": ",".join(flag_reasons),
        "language": language,
        "created_at": now,
        "updated_at": now,
        "last_mailed_at": now,
    }


def _write(connection, values, crosswalk_rows):
    """Insert the signature `values`, its district rows (from its ZIP area's `crosswalk_rows`) and
    its confirmation mail: on PostgreSQL one statement on `connection`, elsewhere three Core
    INSERTs on the session's connection (which `connection` then is). Returns a NewSignature.
    Reads nothing: on `connection` of its own, a signature never waits for a second one."""
    region = values["region"]
    if connection.dialect.name == "postgresql":
        assignments = districts.assignments(crosswalk_rows, region)
        signature_id, = _one_statement(tuple(values)).first_row(connection, {
            **values, "district_states": [a.state for a in assignments],
            "district_numbers": [a.district for a in assignments],
            "district_possible": [a.is_possible for a in assignments],
        })
        return NewSignature(signature_id, values["petition_id"], region, values["email"])
    signature = NewSignature(connection.execute(INSERT_SIGNATURE, values).scalar_one(), values["petition_id"],
                             region, values["email"])
    _assign_districts(signature, crosswalk_rows)
    enqueue(CONFIRMATION, values["email"], signature_id=signature.id)
    return signature


@cache
def _one_statement(columns):
    """On PostgreSQL, signing's three INSERTs as one statement (data-modifying CTEs), built once:
    the signature (its `columns`), its district rows (from three arrays) and its confirmation mail
    (the row outbox.operations.new_message builds, as enqueue writes it), in one round trip; run by
    psycopg itself in autocommit
    (`postgres.DriverStatement`). Returns the signature's id."""
    signature = (
        insert(SIGNATURES)
        .values({name: bindparam(name, type_=SIGNATURES.c[name].type) for name in columns})
        .returning(SIGNATURES.c.id, SIGNATURES.c.petition_id)
        .cte("new_signature")
    )
    assigned = select(
        func.unnest(bindparam("district_states", type_=ARRAY(String))).label("state"),
        func.unnest(bindparam("district_numbers", type_=ARRAY(Integer))).label("district"),
        func.unnest(bindparam("district_possible", type_=ARRAY(Boolean))).label("is_possible"),
    ).subquery("assigned")
    district_rows = insert(SignatureDistrict.__table__).from_select(
        ["signature_id", "petition_id", "state", "district", "is_possible"],
        select(signature.c.id, signature.c.petition_id, assigned.c.state, assigned.c.district,
               assigned.c.is_possible).select_from(signature.join(assigned, true())),
    ).cte("new_districts")
    outbox = OutboxMessage.__table__
    row = new_message(CONFIRMATION, bindparam("email", type_=String),
                      func.json_build_object("signature_id", signature.c.id),
                      now=bindparam("created_at", type_=outbox.c.created_at.type))
    mail = insert(outbox).from_select(
        list(row),
        select(*(value if isinstance(value, ColumnElement) else literal(value, outbox.c[name].type)
                 for name, value in row.items())),
        include_defaults=False,
    ).cte("new_mail")
    return postgres.DriverStatement(select(signature.c.id).add_cte(district_rows).add_cte(mail))


def _crosswalk_rows(postcode, country):
    """The crosswalk rows of a US signer's ZIP area (read through the session, then remembered)."""
    return districts.crosswalk_rows(postcode) if country in ("", "US") else []


def _assign_districts(signature, crosswalk_rows):
    """Add the signature's district rows, from its ZIP area's crosswalk rows."""
    rows = district_rows(signature, crosswalk_rows)
    if rows:
        db.session.connection().execute(INSERT_DISTRICTS, rows)


def district_rows(signature, crosswalk_rows):
    """The SignatureDistrict values of `signature` (anything with id, petition_id and region)."""
    return [
        {"signature_id": signature.id, "petition_id": signature.petition_id, "state": a.state,
         "district": a.district, "is_possible": a.is_possible}
        for a in districts.assignments(crosswalk_rows, signature.region)
    ]


def repeat(petition, email):
    """Someone signed again with a mailbox that has signed: tell its owner, not the visitor.

    A pending signature gets its confirmation again, a confirmed one "you already signed"; at
    most one such mail per REPEAT_MAIL_INTERVAL_MINUTES, so the form cannot be used to flood a
    mailbox.
    """
    signature = db.session.scalar(
        select(Signature).where(Signature.petition_id == petition.id, Signature.email_key == mailbox_key(email))
    )
    if signature is None:
        return None
    interval = timedelta(minutes=current_app.config["REPEAT_MAIL_INTERVAL_MINUTES"])
    now = utcnow()
    if signature.last_mailed_at is not None and now - signature.last_mailed_at < interval:
        return signature
    signature.last_mailed_at = now
    kind = "signature.already_signed" if signature.is_confirmed else CONFIRMATION
    enqueue(kind, signature.email, signature_id=signature.id)
    return signature


def confirm(signature):
    """Confirm a pending signature and count it. Returns False when it was confirmed already.

    The state change is one conditional UPDATE, so two clicks at once count the signature once.
    A flagged or invalidated signature is marked confirmed but stays as it is, uncounted; undoing
    an invalidation of a pending one then restores it as confirmed.
    """
    now = utcnow()
    newly = _confirm_pending(signature, now)
    if newly:
        events.signature_confirmed.send(signature.id)
    else:
        newly = db.session.execute(
            update(Signature)
            .where(
                Signature.id == signature.id,
                Signature.state.in_([SignatureState.FLAGGED, SignatureState.INVALIDATED]),
                Signature.confirmed_at.is_(None),
            )
            .values(
                confirmed_at=now,
                invalidated_from=case(
                    (Signature.invalidated_from == SignatureState.PENDING,
                     literal(SignatureState.CONFIRMED, Signature.invalidated_from.type)),
                    else_=Signature.invalidated_from,
                ),
            )
            .execution_options(synchronize_session=False)
        ).rowcount == 1
    if isinstance(signature, Signature):  # not a NewSignature: its loaded state is stale now
        db.session.expire(signature)
    return newly


def _confirm_pending(signature, now):
    """Pending → confirmed, and counted; whether it was pending. On PostgreSQL one statement (the
    UPDATE and the tallies' upserts as data-modifying CTEs): a round trip, not three."""
    parameters = {"signature_id": signature.id, "now": now}
    if db.session.get_bind().dialect.name == "postgresql":
        return db.session.scalar(_confirm_and_count(), {**parameters, **tallies.counting_parameters(now)}) == 1
    if db.session.execute(_confirm_only(), parameters).rowcount != 1:
        return False
    tallies.add(signature.petition_id, signature.region, 1)
    tallies.add_districts(signature.id, 1)
    return True


@cache
def _confirm_only():
    """UPDATE a pending signature (`signature_id`) to confirmed at `now`; built once, its compiled
    form is found in SQLAlchemy's cache at once."""
    now = bindparam("now", type_=SIGNATURES.c.confirmed_at.type)
    return (
        update(SIGNATURES)
        .where(SIGNATURES.c.id == bindparam("signature_id"), SIGNATURES.c.state == SignatureState.PENDING)
        .values(state=SignatureState.CONFIRMED, confirmed_at=now, updated_at=now)  # no onupdate in a CTE
    )


@cache
def _confirm_and_count():
    """PostgreSQL: `_confirm_only` and the tallies' upserts in one statement; selects how many it confirmed."""
    confirmed = _confirm_only().returning(SIGNATURES.c.id, SIGNATURES.c.petition_id, SIGNATURES.c.region).cte(
        "confirmed")
    return select(func.count()).select_from(confirmed).add_cte(*tallies.counting(confirmed))


def record_offline(petition, *, email, first_name, last_name, postcode="", city="", country="", phone="",
                   comment="", source="offline"):
    """A signature collected on paper or offline: confirmed at once and counted, no mail sent.

    As with sign(), the unique constraint raises IntegrityError when the mailbox has signed.
    """
    now = utcnow()
    signature = Signature(
        petition_id=petition.id, state=SignatureState.CONFIRMED, email=email, email_key=mailbox_key(email),
        first_name=first_name, last_name=last_name, postcode=postcode, city=city, country=country,
        region=state_for_zip(postcode) if country in ("", "US") else "", phone=phone, comment=comment,
        source=source or "offline", created_at=now, confirmed_at=now,
    )
    db.session.add(signature)
    db.session.flush()
    _assign_districts(signature, _crosswalk_rows(postcode, country))
    tallies.add(petition.id, signature.region, 1)
    tallies.add_districts(signature.id, 1)
    events.signature_confirmed.send(signature.id)
    log.info("offline signature %s recorded on petition %s", signature.id, petition.id)
    return signature
