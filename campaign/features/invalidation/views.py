"""Organizer pages against abuse: blocklists, flagged signatures, bulk invalidation, trending."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from campaign.base import request_values
from campaign.base.extensions import db
from campaign.base.forms import Form
from campaign.base.plurals import counted
from campaign.core.abuse import operations as blocklist_operations
from campaign.core.abuse.door import REASONS
from campaign.core.abuse.forms import BlocklistForm
from campaign.core.abuse.models import BlockKind, BlocklistEntry
from campaign.core.accounts.access import EDITORS, role_required
from campaign.core.accounts.pages import done
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature, SignatureState

from . import operations, queries
from .forms import InvalidationForm
from .models import Invalidation

bp = Blueprint("security", __name__, url_prefix="/organize")



def _checked_post():
    if not Form().validate_on_submit():
        abort(400)


@bp.route("/blocklists", methods=["GET", "POST"])
@role_required(EDITORS)
def blocklists():
    form = BlocklistForm()
    if form.validate_on_submit():
        entry = blocklist_operations.add_block(BlockKind(form.kind.data), form.value.data, form.note.data, current_user)
        db.session.commit()
        flash(_("%(value)s is blocked.", value=form.value.data) if entry else
              _("%(value)s was blocked already.", value=form.value.data), "success")
        return redirect(url_for("security.blocklists"))
    entries = db.session.scalars(select(BlocklistEntry).order_by(BlocklistEntry.kind, BlocklistEntry.value)).all()
    return render_template("security/blocklists.html", form=form, entries=entries, action_form=Form()), \
        422 if form.errors else 200


@bp.post("/blocklists/<int:entry_id>/delete")
@role_required(EDITORS)
def delete_block(entry_id):
    _checked_post()
    entry = db.get_or_404(BlocklistEntry, entry_id)
    value = entry.value
    blocklist_operations.remove_block(entry)
    db.session.commit()
    flash(_("%(value)s is no longer blocked.", value=value), "success")
    return redirect(url_for("security.blocklists"))


@bp.get("/petitions/<int:petition_id>/flagged")
@role_required(EDITORS)
def flagged(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    signatures = db.session.scalars(
        select(Signature)
        .where(Signature.petition_id == petition.id, Signature.state == SignatureState.FLAGGED)
        .order_by(Signature.id.desc())
        .limit(500)
    ).all()
    return render_template("security/flagged.html", petition=petition, signatures=signatures, reasons=REASONS,
                           action_form=Form())


@bp.post("/petitions/<int:petition_id>/flagged/release")
@role_required(EDITORS)
def release(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    _checked_post()
    chosen = {request_values.id_of(value, request_values.BIGINT_MAX) for value in request.form.getlist("signature_id")}
    ids = db.session.scalars(select(Signature.id).where(Signature.id.in_(chosen - {None}),
                                                        Signature.petition_id == petition.id)).all()
    released = operations.release(ids)
    db.session.commit()
    flash(counted(released, "%(num)s flagged signature let in.", "%(num)s flagged signatures let in."), "success")
    return redirect(url_for("security.flagged", petition_id=petition.id))


@bp.route("/petitions/<int:petition_id>/invalidations", methods=["GET", "POST"])
@role_required(EDITORS)
def invalidations(petition_id):
    """GET with criteria previews what they match; POST removes it, a batch per transaction."""
    petition = db.get_or_404(Petition, petition_id)
    if request.method == "POST":
        form = InvalidationForm()
        if form.validate_on_submit():
            return _invalidate(petition, form)
        status = 422
    else:
        form = InvalidationForm(formdata=request.args, meta={"csrf": False})
        status = 422 if form.has_input() and not form.validate() else 200
    matched = None
    if form.has_input() and not form.errors and not form.form_errors:
        matched = queries.preview(petition.id, form.criteria())
    return render_template("security/invalidations.html", petition=petition, form=form, matched=matched,
                           history=queries.invalidations(petition.id), action_form=Form()), status


def _invalidate(petition, form):
    criteria = form.criteria()
    invalidation = operations.start_invalidation(petition, criteria, current_user, form.reason.data)
    db.session.commit()
    ids = queries.matching_ids(petition.id, criteria)
    size = current_app.config["INVALIDATION_BATCH_SIZE"]
    for start in range(0, len(ids), size):
        # One transaction per batch: a large removal never holds many rows locked for long.
        operations.invalidate_batch(invalidation, ids[start:start + size])
        db.session.commit()
    return done(counted(invalidation.count, "%(num)s signature invalidated. Undo below if that was wrong.",
                        "%(num)s signatures invalidated. Undo below if that was wrong."),
                "security.invalidations", petition_id=petition.id)


@bp.post("/invalidations/<int:invalidation_id>/undo")
@role_required(EDITORS)
def undo(invalidation_id):
    invalidation = db.get_or_404(Invalidation, invalidation_id)
    _checked_post()
    if invalidation.is_undone:
        flash(_("That invalidation was undone already."), "info")
        return redirect(url_for("security.invalidations", petition_id=invalidation.petition_id))
    size = current_app.config["INVALIDATION_BATCH_SIZE"]
    restored = 0
    while batch := operations.undo_batch(invalidation, size):
        restored += batch
        db.session.commit()
    try:
        operations.mark_undone(invalidation, current_user)
    except operations.NotUndoable:
        pass  # undone at the same moment by someone else; every signature is restored once
    return done(counted(restored, "%(num)s signature restored.", "%(num)s signatures restored."),
                "security.invalidations", petition_id=invalidation.petition_id)


@bp.get("/petitions/<int:petition_id>/trending")
@role_required(EDITORS)
def trending(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    ip_threshold = request_values.integer(request.args, "ip_threshold", current_app.config["TRENDING_IP_THRESHOLD"])
    domain_threshold = request_values.integer(request.args, "domain_threshold",
                                              current_app.config["TRENDING_DOMAIN_THRESHOLD"])
    by_ip, by_domain = queries.trending(petition.id, ip_threshold, domain_threshold)
    return render_template("security/trending.html", petition=petition, by_ip=by_ip, by_domain=by_domain,
                           ip_threshold=ip_threshold, domain_threshold=domain_threshold)
