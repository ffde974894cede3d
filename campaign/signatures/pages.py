"""Signing from a page: the sign form with its partner boxes, and the sign form's POST shared by
the petition's page (views.sign) and its embed (embeds.views.sign)."""
from flask import has_request_context, redirect, request, url_for
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..partners import operations as partner_operations
from ..partners.forms import partner_boxes
from ..petitions.pages import load_signable
from . import forms, operations


def sign_form(petition, **kwargs):
    """The sign form of `petition` (forms.sign_form) with one box per partner it offers, ticked as
    posted."""
    form = forms.sign_form(petition, **kwargs)
    posted = request.form if has_request_context() and request.method == "POST" else None
    form.partner_boxes = partner_boxes(petition.id, kwargs.get("formdata", posted))
    return form


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
        return "This petition is not open for signatures yet."
    return "This petition is closed and no longer takes signatures."
