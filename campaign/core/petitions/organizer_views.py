"""Organizer pages for petitions: list, create, edit, preview, open, close, signatures."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from campaign.base import request_values
from campaign.base.extensions import db
from campaign.base.forms import CloseForm, Form
from campaign.base.localtime import to_local
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required
from campaign.core.letters.models import Letter
from campaign.core.multilingual import for_reader
from campaign.core.publishing import transition
from campaign.core.signatures import queries as signature_queries, tallies
from campaign.core.signatures.models import SignatureState
from campaign.core.signatures.pages import sign_form
from campaign.features.charts.dashboard import petition_charts
from campaign.features.embeds.snippets import embed_snippets
from campaign.features.updates import queries as update_queries
from campaign.features.waiting import waiting_for_moderation

from . import operations
from .forms import PetitionForm
from .goals import displayed_goal
from .models import Petition
from .pages import petition_page

bp = Blueprint("organize", __name__, url_prefix="/organize")



@bp.get("/")
@role_required(EVERYONE)
def dashboard():
    petitions = db.session.scalars(select(Petition).order_by(Petition.created_at.desc(), Petition.id.desc())).all()
    counts = tallies.totals([petition.id for petition in petitions])
    waiting = waiting_for_moderation()
    waiting_letters = db.session.scalars(
        select(Letter).where(Letter.id.in_(waiting.letters)).order_by(Letter.title)).all() if waiting.letters else []
    return render_template("organize/dashboard.html", petitions=petitions, counts=counts, waiting=waiting,
                           waiting_letters=waiting_letters)


@bp.route("/petitions/new", methods=["GET", "POST"])
@role_required(EDITORS)
def new_petition():
    form = PetitionForm()
    if form.validate_on_submit():
        petition = operations.create(form, current_user)
        db.session.commit()
        flash(_("The petition is saved as a draft. Preview it, then open it for signatures."), "success")
        return redirect(url_for("organize.petition", petition_id=petition.id))
    return render_template("organize/petition_form.html", form=form, petition=None), 422 if form.errors else 200


@bp.route("/petitions/<int:petition_id>/edit", methods=["GET", "POST"])
@role_required(EDITORS)
def edit_petition(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    form = PetitionForm(obj=petition, petition_id=petition.id)
    if request.method == "GET":
        form.opens_at.data = _naive(to_local(petition.opens_at))
        form.closes_at.data = _naive(to_local(petition.closes_at))
        for name in PetitionForm.MODE_FIELDS:
            form[name].data = getattr(petition, name).value
        form.fill_languages(petition)
    if form.validate_on_submit():
        operations.update(petition, form)
        db.session.commit()
        flash(_("Your changes are saved."), "success")
        return redirect(url_for("organize.petition", petition_id=petition.id))
    return render_template("organize/petition_form.html", form=form, petition=petition), 422 if form.errors else 200


def _naive(aware):
    return None if aware is None else aware.replace(tzinfo=None)


@bp.get("/petitions/<int:petition_id>")
@role_required(EVERYONE)
def petition(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    regions, count, _districts = tallies.by_region(petition.id)
    pending = signature_queries.state_counts(petition.id)[SignatureState.PENDING]
    return render_template(
        "organize/petition.html",
        petition=petition,
        count=count,
        goal=displayed_goal(petition.goal, count),
        regions=sorted(regions.items(), key=lambda item: -item[1]),
        pending=pending,
        charts=petition_charts(petition.id, regions, pending),
        embed=embed_snippets(petition) if petition.is_public else None,
        waiting=waiting_for_moderation().petitions.get(petition.id, 0),
        updates_admin=update_queries.organizer_summary("petition", petition.id),
        action_form=Form(),
        close_form=CloseForm(),
    )


@bp.get("/petitions/<int:petition_id>/preview")
@role_required(EVERYONE)
def preview(petition_id):
    petition = for_reader(db.get_or_404(Petition, petition_id))
    return petition_page(petition, sign_form(petition), preview=True)


@bp.post("/petitions/<int:petition_id>/open")
@role_required(EDITORS)
def open_petition(petition_id):
    return _transition(petition_id, Petition.open, _("The petition is open for signatures."))


@bp.post("/petitions/<int:petition_id>/close")
@role_required(EDITORS)
def close_petition(petition_id):
    return _transition(petition_id, Petition.close, _("The petition is closed; its count is final."),
                       confirmed=CloseForm().confirm.data)


def _transition(petition_id, change, message, confirmed=True):
    petition = db.get_or_404(Petition, petition_id)
    if transition(petition, change, message, confirmed):
        db.session.commit()
    return redirect(url_for("organize.petition", petition_id=petition.id))


@bp.get("/petitions/<int:petition_id>/signatures")
@role_required(EDITORS)
def signatures(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    state_name = request.args.get("state", "")
    state = {s.value: s for s in SignatureState}.get(state_name)
    text = request.args.get("q", "")[:200]
    number = request_values.integer(request.args, "page", 1)
    page = signature_queries.search(petition.id, text=text, state=state, number=number)
    return render_template(
        "organize/signatures.html",
        petition=petition,
        page=page,
        text=text,
        state_name=state.value if state else "",
        state_counts=signature_queries.state_counts(petition.id),
    )
