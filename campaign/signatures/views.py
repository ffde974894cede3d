"""Signing a petition and confirming a signature from the emailed link."""
import logging

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..forms import Form
from ..partners import operations as partner_operations
from ..petitions.views import load_public, load_signable, petition_page
from ..security.limits import confirm_limit, sign_limits
from . import operations, tallies, tokens
from .forms import sign_form
from .models import Signature

log = logging.getLogger(__name__)
bp = Blueprint("signatures", __name__)


@bp.post("/petitions/<slug>")
@sign_limits
def sign(slug):
    return sign_from(slug, "petitions.show", sign_form, petition_page, "signatures.thanks")


def sign_from(slug, endpoint, make_form, render_page, thanks_endpoint):
    """A sign form's POST, on the petition's page or in its embed (`endpoint` is the page's GET)."""
    petition, moved = load_signable(slug, endpoint)
    if moved:
        return redirect(moved.location, code=307)
    form = make_form(petition)
    if not petition.is_signable:
        form.form_errors.append(closed_message(petition))
        return render_page(petition, form, status=409)
    if not form.validate():
        return render_page(petition, form, status=422)
    take_signature(petition, form)
    return redirect(url_for(thanks_endpoint, slug=petition.slug))


def take_signature(petition, form):
    """Record a valid sign form's signature and commit (the page and the embed both sign here).

    With partner boxes, their answers are written in the signature's transaction; without (most
    petitions), the signature is committed at once on a connection of its own (`sign_now`)."""
    answers = dict(form.signature_values(), ip_address=request.remote_addr,
                   flag_reasons=form.door_reasons(form.email.data, request.remote_addr))
    try:
        if form.partner_boxes:
            partner_operations.record_answers(operations.sign(petition, **answers), form.partner_boxes)
            db.session.commit()
        else:
            operations.sign_now(petition, **answers)
    except IntegrityError:
        # This mailbox has signed already. The visitor is told nothing more than anyone else.
        db.session.rollback()
        operations.repeat(petition, form.email.data)
        db.session.commit()


def closed_message(petition):
    if petition.public_state() == "scheduled":
        return _("This petition is not open for signatures yet.")
    return _("This petition is closed and no longer takes signatures.")


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
