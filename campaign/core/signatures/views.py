"""Signing a petition and confirming a signature from the emailed link."""
import logging

from flask import Blueprint, render_template, request, session
from sqlalchemy import select
from sqlalchemy.orm import load_only

from campaign.base import i18n, tokens
from campaign.base.extensions import db
from campaign.base.forms import Form
from campaign.base.rate_limits import confirm_limit, sign_limits
from campaign.core.multilingual import for_reader
from campaign.core.petitions.pages import confirming_copy, load_public, petition_page
from campaign.features.sharing import queries as sharing_queries
from campaign.features.sharing.codes import code_of
from campaign.features.sharing.links import share_links

from . import operations, referrals, tallies
from .models import Signature
from .pages import sign_form, sign_from

log = logging.getLogger(__name__)
# What confirming reads of a signature; the petition comes from this process's copy.
CONFIRMING = (Signature.id, Signature.petition_id, Signature.email_key, Signature.state, Signature.region,
              Signature.language, Signature.share_code, Signature.confirmed_at)
bp = Blueprint("signatures", __name__)


@bp.post("/petitions/<slug>")
@sign_limits
def sign(slug):
    return sign_from(slug, sign_form, petition_page, "signatures.thanks")


@bp.get("/petitions/<slug>/thanks")
def thanks(slug):
    petition = for_reader(load_public(slug))
    code = referrals.clean_code(session.get("share_code"))
    return render_template("signatures/check_inbox.html", petition=petition, share=share_links(petition, code))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@confirm_limit
def confirm(token):
    """GET shows a button; only its POST confirms, because mail scanners follow links."""
    try:
        signature = tokens.load(Signature, token, options=[load_only(*CONFIRMING)])
    except tokens.ExpiredToken as expired:
        signature = db.session.get(Signature, expired.signature_id)
        petition = signature.petition if signature is not None else None
        return render_template("signatures/expired.html", petition=petition), 410
    except tokens.InvalidToken:
        return render_template("signatures/invalid_link.html"), 404
    # A reader who asked for no language reads the one they signed in.
    i18n.use_action_language(signature.language)
    petition = confirming_copy(signature.petition_id).in_language(i18n.language())
    if signature.is_confirmed:
        code = code_of(signature)
        numbers = _numbers(petition, code)
        db.session.commit()  # a code given just now
        return _confirmed(petition, code, numbers, already=True)
    if not petition.is_signable:
        # A closed petition's count is final.
        return render_template("signatures/closed.html", petition=petition), 409
    if request.method == "GET":
        return render_template("signatures/confirm.html", petition=petition, form=Form())
    # A POST here has passed CSRFProtect's check of its token already.
    code = code_of(signature)  # read before confirming, which expires the signature
    newly = operations.confirm(signature)
    numbers = _numbers(petition, code)
    db.session.commit()
    return _confirmed(petition, code, numbers, already=not newly)


def _numbers(petition, code):
    """(the petition's count, how many confirmed signers `code`'s links brought): one query, in
    the confirmation's transaction, so the count includes it."""
    figures = select(tallies.total(petition.id), sharing_queries.brought("petition", petition.id, code))
    count, brought = db.session.execute(figures).one()
    return int(count), int(brought)


def _confirmed(petition, code, numbers, already):
    """The confirmed page: the count, and the signer's share links with what they brought."""
    count, brought = numbers
    return render_template("signatures/confirmed.html", petition=petition, already=already, count=count,
                           share=share_links(petition, code), brought=brought)

