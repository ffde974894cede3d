"""Signing a petition (the sign form's POST: `sign`, with pages.sign_from) and confirming a signature
from the emailed link."""
import logging

from flask import Blueprint, render_template, request
from sqlalchemy.orm import joinedload

from .. import tokens
from ..extensions import db
from ..forms import Form
from ..petitions.pages import load_public, petition_page
from ..rate_limits import confirm_limit, sign_limits
from . import operations, tallies
from .models import Signature
from .pages import sign_form, sign_from

log = logging.getLogger(__name__)
bp = Blueprint("signatures", __name__)


@bp.post("/petitions/<slug>")
@sign_limits
def sign(slug):
    return sign_from(slug, "petitions.show", sign_form, petition_page, "signatures.thanks")


@bp.get("/petitions/<slug>/thanks")
def thanks(slug):
    petition, moved = load_public(slug, "signatures.thanks")
    if moved:
        return moved
    return render_template("signatures/check_inbox.html", petition=petition)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@confirm_limit
def confirm(token):
    """GET shows a button; only its POST confirms, because mail scanners follow links."""
    try:
        signature_id, digest = tokens.read(token)
    except tokens.ExpiredToken as expired:
        signature = db.session.get(Signature, expired.signature_id)
        petition = signature.petition if signature is not None else None
        return render_template("signatures/expired.html", petition=petition), 410
    except tokens.InvalidToken:
        return render_template("signatures/invalid_link.html"), 404
    signature = db.session.get(Signature, signature_id, options=[joinedload(Signature.petition)])  # one query
    if not tokens.matches(signature, digest):
        return render_template("signatures/invalid_link.html"), 404
    petition = signature.petition
    if signature.is_confirmed:
        return render_template("signatures/confirmed.html", petition=petition, already=True, count=_count(petition))
    if not petition.is_signable:
        # A closed petition's count is final.
        return render_template("signatures/closed.html", petition=petition), 409
    if request.method == "GET":
        return render_template("signatures/confirm.html", petition=petition, form=Form())
    # A POST here has passed CSRFProtect's check of its token already.
    newly = operations.confirm(signature)
    db.session.expunge(petition)  # the page reads its title and slug: no reload after the commit
    db.session.commit()
    return render_template("signatures/confirmed.html", petition=petition, already=not newly, count=_count(petition))


def _count(petition):
    return tallies.by_region(petition.id)[1]
