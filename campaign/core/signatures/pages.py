"""Signing from a page: the sign form with its partner boxes, and the sign form's POST shared by
the petition's page (views.sign) and its embed (embeds.views.sign)."""
from flask import has_request_context, redirect, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from campaign.base import i18n
from campaign.base.extensions import db
from campaign.core.multilingual import for_reader
from campaign.core.petitions.pages import load_signable
from campaign.features.partners import operations as partner_operations
from campaign.features.partners.forms import partner_boxes

from . import forms, operations, referrals


def sign_form(petition, **kwargs):
    """The sign form of `petition` (forms.sign_form) with one box per partner it offers, ticked as
    posted."""
    form = forms.sign_form(petition, **kwargs)
    posted = request.form if has_request_context() and request.method == "POST" else None
    form.partner_boxes = partner_boxes(petition.id, kwargs.get("formdata", posted))
    return form


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
