"""The emails a signer receives about a signature."""
from flask import url_for

from ..extensions import db
from ..outbox.emails import email, from_templates
from . import tokens
from .models import Signature


@email("signature.confirm")
def confirmation(signature_id):
    """Please confirm your signature: a link to the page with the confirm button."""
    signature = db.session.get(Signature, signature_id)
    if signature is None:
        return None
    if signature.is_confirmed:
        return already_signed(signature_id)
    link = url_for("signatures.confirm", token=tokens.make(signature), _external=True)
    return from_templates(
        "signature_confirm",
        f"Please confirm your signature: {signature.petition.title}",
        signature=signature,
        petition=signature.petition,
        link=link,
    )


@email("signature.already_signed")
def already_signed(signature_id):
    """You already signed: said to the mailbox owner when someone signs again with it."""
    signature = db.session.get(Signature, signature_id)
    if signature is None:
        return None
    petition_link = url_for("petitions.show", slug=signature.petition.slug, _external=True)
    return from_templates(
        "signature_already_signed",
        f"You have already signed: {signature.petition.title}",
        signature=signature,
        petition=signature.petition,
        petition_link=petition_link,
    )
