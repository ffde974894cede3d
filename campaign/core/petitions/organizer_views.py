"""Organizer pages for petitions: list, create, edit, preview, open, close, signatures."""
from flask import Blueprint, render_template, request
from sqlalchemy import select

from campaign.base import request_values
from campaign.base.extensions import db
from campaign.base.forms import CloseForm, Form
from campaign.base.i18n import N_
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required
from campaign.core.letters.models import Letter
from campaign.core.multilingual import for_reader
from campaign.core.publishing.pages import OrganizerPages
from campaign.core.signatures import queries as signature_queries, tallies
from campaign.core.signatures.models import SignatureState
from campaign.core.signatures.pages import sign_form
from campaign.features.charts.dashboard import petition_charts
from campaign.features.embeds.snippets import embed_snippets
from campaign.features.updates import queries as update_queries
from campaign.features.waiting import waiting_for_moderation

from . import operations, queries
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


# New, edit, open and close, as every kind of action has them.
OrganizerPages(
    Petition, PetitionForm, operations.apply, queries.slug_taken, "organize/petition_form.html", "organize.petition",
    created=N_("The petition is saved as a draft. Preview it, then open it for signatures."),
    opened=N_("The petition is open for signatures."), closed=N_("The petition is closed; its count is final."),
).add_to(bp, "/petitions/new", "/petitions/<int:petition_id>")
