"""Organizer pages for targets: list, add a company or agency, edit contacts."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from campaign.base.extensions import db
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required

from . import operations, queries
from .forms import TargetForm, contacts_text
from .models import Target, TargetKind

bp = Blueprint("targets", __name__, url_prefix="/organize/targets")


@bp.get("/")
@role_required(EVERYONE)
def index():
    kind = {k.value: k for k in TargetKind}.get(request.args.get("kind", ""))
    state = request.args.get("state", "")[:2].upper()
    text = request.args.get("q", "")[:100]
    targets = queries.search(kind=kind, state=state, text=text, active_only=not request.args.get("inactive"))
    return render_template("targets/index.html", targets=targets, kind=kind.value if kind else "", state=state,
                           text=text, states=queries.states(), kinds=list(TargetKind))


@bp.route("/new", methods=["GET", "POST"])
@role_required(EDITORS)
def new():
    return _edit(Target(), TargetForm())


@bp.route("/<int:target_id>/edit", methods=["GET", "POST"])
@role_required(EDITORS)
def edit(target_id):
    target = db.get_or_404(Target, target_id)
    # Not obj=target: the form's `contacts` is text, the model's a list of rows.
    form = TargetForm(congress=target.is_in_congress, data={
        "kind": target.kind.value, "name": target.name, "address": target.address, "phone": target.phone,
        "contacts": contacts_text(target)})
    return _edit(target, form)


def _edit(target, form):
    if form.validate_on_submit():
        operations.save(target, form)
        db.session.commit()
        flash(_("The target is saved."), "success")
        return redirect(url_for("targets.index", kind=target.kind.value))
    status = 422 if form.errors else 200
    return render_template("targets/form.html", form=form, target=target), status
