"""Signing a petition and confirming a signature from the emailed link."""
import logging

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from .. import i18n
from ..extensions import db
from ..forms import Form
from ..multilingual import for_reader
from ..partners import operations as partner_operations
from ..petitions.views import load_public, load_signable, petition_page
from ..security.limits import confirm_limit, sign_limits
from ..sharing import queries as sharing_queries
from ..sharing.links import share_links
from . import operations, referrals, tallies, tokens
from .forms import sign_form
from .models import Signature

log = logging.getLogger(__name__)
bp = Blueprint("signatures", __name__)


@bp.post("/petitions/<slug>")
@sign_limits
def sign(slug):
    return sign_from(slug, sign_form, petition_page, "signatures.thanks")


def sign_from(slug, make_form, render_page, thanks_endpoint):
    """A sign form's POST, on the petition's page or in its embed."""
    petition = for_reader(load_signable(slug))
    form = make_form(petition)
    if not petition.is_signable:
        form.form_errors.append(closed_message(petition))
        return render_page(petition, form, status=409)
    if not form.validate():
        return render_page(petition, form, status=422)
    take_signature(petition, form)
    # An embed's language is its `lang` (a framed page may get no cookie): the thanks keep it.
    return redirect(url_for(thanks_endpoint, slug=petition.slug, lang=i18n.valid(request.args.get("lang"))))


def take_signature(petition, form):
    """Record a valid sign form's signature and commit (the page and the embed both sign here).

    With partner boxes, their answers are written in the signature's transaction; without (most
    petitions), on PostgreSQL the signature is committed at once on a connection of its own
    (`write_apart`), once the session's transaction, which has only read, is committed.

    The signature's referral code goes in the session for the "check your inbox" page's share
    links. A mailbox that has signed gets a fresh code that is kept nowhere else, so the page
    looks the same whether or not the address had signed."""
    code = referrals.new_code()
    session["share_code"] = code
    answers = dict(form.signature_values(), ip_address=request.remote_addr, share_code=code,
                   language=petition.reader_language,
                   flag_reasons=form.door_reasons(form.email.data, request.remote_addr))
    try:
        signing = operations.prepare(petition, **answers)
        if form.partner_boxes or not operations.writes_apart():
            signature = operations.write(signing)
            if form.partner_boxes:
                partner_operations.record_answers(signature, form.partner_boxes)
            db.session.commit()
        else:
            if db.session().in_transaction():
                db.session.commit()  # a request never holds two of the pool's connections
            operations.write_apart(signing)
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
    petition = for_reader(load_public(slug))
    code = referrals.clean_code(session.get("share_code"))
    return render_template("signatures/check_inbox.html", petition=petition, share=share_links(petition, code))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@confirm_limit
def confirm(token):
    """GET shows a button; only its POST confirms, because mail scanners follow links."""
    try:
        signature = tokens.load(Signature, token, options=[joinedload(Signature.petition)])  # one query
    except tokens.ExpiredToken as expired:
        signature = db.session.get(Signature, expired.signature_id)
        petition = signature.petition if signature is not None else None
        return render_template("signatures/expired.html", petition=petition), 410
    except tokens.InvalidToken:
        return render_template("signatures/invalid_link.html"), 404
    # A reader who asked for no language reads the one they signed in.
    i18n.use_action_language(signature.language)
    petition = signature.petition.in_language(i18n.language())
    if signature.is_confirmed:
        code = _share_code(signature)
        db.session.expunge(petition.action)
        db.session.commit()  # a code given just now
        return _confirmed(petition, code, already=True)
    if not petition.is_signable:
        # A closed petition's count is final.
        return render_template("signatures/closed.html", petition=petition), 409
    if request.method == "GET":
        return render_template("signatures/confirm.html", petition=petition, form=Form())
    # A POST here has passed CSRFProtect's check of its token already.
    code = _share_code(signature)  # read before confirming, which expires the signature
    newly = operations.confirm(signature)
    db.session.expunge(petition.action)  # the page reads its title and slug: no reload after the commit
    db.session.commit()
    return _confirmed(petition, code, already=not newly)


def _confirmed(petition, code, already):
    """The confirmed page: the count, and the signer's share links with what they brought."""
    return render_template("signatures/confirmed.html", petition=petition, already=already,
                           count=tallies.by_region(petition.id)[1], share=share_links(petition, code),
                           brought=sharing_queries.brought(petition.id, code))


def _share_code(signature):
    """The signature's referral code; one made before codes existed gets one now (the caller commits)."""
    if signature.share_code is None:
        code = referrals.new_code()
        result = db.session.execute(
            update(Signature).where(Signature.id == signature.id, Signature.share_code.is_(None))
            .values(share_code=code).execution_options(synchronize_session=False))
        if result.rowcount == 1:
            return code
        db.session.refresh(signature)  # another request gave it one a moment ago
    return signature.share_code
