"""Signing and confirming: the workflows of a signature. They flush, never commit."""
import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from ..consent.models import ConsentWording
from ..extensions import db
from ..geo.zip_states import state_for_zip
from ..outbox.operations import enqueue
from ..timeutil import utcnow
from . import tallies
from .addresses import mailbox_key
from .models import Signature, SignatureState

log = logging.getLogger(__name__)


class DuplicateSignature(Exception):
    """This mailbox has already signed this petition."""


def sign(petition, *, email, first_name, last_name, ip_address, postcode="", city="", country="",
         phone="", comment="", is_public=False, has_consented=False, source="", referrer=""):
    """Add a pending signature and queue its confirmation mail.

    The caller commits; the database's unique constraint raises IntegrityError on commit or flush
    when the mailbox has signed already, and the caller then calls `repeat()`.
    """
    region = state_for_zip(postcode) if country in ("", "US") else ""
    wording = ConsentWording.for_text(petition.consent_question)
    now = utcnow()
    signature = Signature(
        petition_id=petition.id,
        email=email,
        email_key=mailbox_key(email),
        first_name=first_name,
        last_name=last_name,
        postcode=postcode,
        city=city,
        country=country,
        region=region,
        phone=phone,
        comment=comment,
        is_public=is_public,
        has_consented=bool(has_consented and wording),
        consent_wording_id=wording.id if wording else None,
        source=source,
        referrer=referrer,
        ip_address=ip_address,
        created_at=now,
        last_mailed_at=now,
    )
    db.session.add(signature)
    db.session.flush()
    enqueue("signature.confirm", signature.email, signature_id=signature.id)
    return signature


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
    kind = "signature.already_signed" if signature.is_confirmed else "signature.confirm"
    enqueue(kind, signature.email, signature_id=signature.id)
    return signature


def confirm(signature):
    """Confirm a pending signature and count it. Returns False when it was confirmed already.

    The state change is one conditional UPDATE, so two clicks at once count the signature once.
    """
    now = utcnow()
    result = db.session.execute(
        update(Signature)
        .where(Signature.id == signature.id, Signature.state == SignatureState.PENDING)
        .values(state=SignatureState.CONFIRMED, confirmed_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    tallies.add(signature.petition_id, signature.region, 1)
    db.session.expire(signature)
    return True


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
    tallies.add(petition.id, signature.region, 1)
    log.info("offline signature %s recorded on petition %s", signature.id, petition.id)
    return signature
