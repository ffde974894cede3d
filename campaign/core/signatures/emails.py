"""The emails a signer receives about a signature. Each carries an unsubscribe link and the
List-Unsubscribe headers, confirmation mail too (transactional, but a way out costs nothing)."""
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from campaign.base import tokens
from campaign.base.extensions import db
from campaign.base.outbox.emails import BULK, email
from campaign.core.consent import unsubscribe

from .models import Signature


def _to_signer(name, subject, signature, **context):
    return unsubscribe.to_signer(name, subject, "s", signature.id, signature.email_key, signature=signature,
                                 petition=_petition(signature), **context)


def _petition(signature):
    """The signature's petition in the language its signer signed in (multilingual)."""
    return signature.petition.in_language(signature.language)


def _live(signature_id):
    signature = db.session.get(Signature, signature_id)
    return None if signature is None or signature.is_erased else signature


def _language(signature_id):
    """The language a signature's mail is written in: its signer's."""
    return getattr(_live(signature_id), "language", None)


def _preload(params):
    """The signatures (with their petitions) of a batch of mail, in one query."""
    ids = [p["signature_id"] for p in params]
    return db.session.scalars(
        select(Signature).options(joinedload(Signature.petition)).where(Signature.id.in_(ids))).all()


unsubscribe.register("s", lambda signature_id: getattr(_live(signature_id), "email_key", None))


@email("signature.confirm", preload=_preload, language=_language)
def confirmation(signature_id):
    """Please confirm your signature: a link to the page with the confirm button."""
    signature = _live(signature_id)
    if signature is None:
        return None
    if signature.is_confirmed:
        return already_signed(signature_id)
    link = url_for("signatures.confirm", token=tokens.make(signature), _external=True)
    return _to_signer("signature_confirm",
                      _("Please confirm your signature: %(title)s", title=_petition(signature).title),
                      signature, link=link)


@email("signature.remind", priority=BULK, preload=_preload, language=_language)
def reminder(signature_id):
    """The one reminder to confirm, with a fresh link; nothing once confirmed or erased."""
    signature = _live(signature_id)
    if signature is None or signature.is_confirmed:
        return None
    link = url_for("signatures.confirm", token=tokens.make(signature), _external=True)
    return _to_signer("signature_remind",
                      _("Your signature is not counted yet: %(title)s", title=_petition(signature).title),
                      signature, link=link)


@email("signature.already_signed", preload=_preload, language=_language)
def already_signed(signature_id):
    """You already signed: said to the mailbox owner when someone signs again with it."""
    signature = _live(signature_id)
    if signature is None:
        return None
    petition_link = url_for("petitions.show", slug=signature.petition.slug, _external=True)
    return _to_signer("signature_already_signed",
                      _("You have already signed: %(title)s", title=_petition(signature).title),
                      signature, petition_link=petition_link)
