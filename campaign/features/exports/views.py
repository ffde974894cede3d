"""Organizer pages: the export form of a petition, its CSV download, and the export log."""
from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.access import EDITORS, role_required
from campaign.core.letters.models import Letter
from campaign.core.petitions.models import Petition

from . import downloads, operations, queries
from .forms import ExportForm
from .models import ExportLog
from .presets import PRESETS

bp = Blueprint("exports", __name__, url_prefix="/organize")
LOG_PAGE = 200



def _form_page(petition, form, status=200):
    form.offer(queries.regions(petition.id), queries.district_choices(petition.id))
    logs = db.session.scalars(
        select(ExportLog).where(ExportLog.action_kind == "petition", ExportLog.action_id == petition.id)
        .order_by(ExportLog.id.desc()).limit(20)
    ).all()
    return render_template("exports/form.html", petition=petition, form=form, logs=logs), status


@bp.get("/petitions/<int:petition_id>/export")
@role_required(EDITORS)
def petition_form(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    return _form_page(petition, ExportForm(formdata=request.args or None))


@bp.route("/petitions/<int:petition_id>/export.csv", methods=["GET", "POST"])
@role_required(EDITORS)
def petition_download(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    form = ExportForm(formdata=request.values)
    if not form.validate():
        return _form_page(petition, form, 422)
    preset = PRESETS[form.preset.data]
    entry, chunks = operations.export(
        "petition", petition.id, preset, form.filters(), organizer_id=current_user.id, excel=form.excel.data
    )
    return downloads.response(entry, chunks, downloads.dated_filename(petition.slug, preset.name))


@bp.get("/exports")
@role_required(EDITORS)
def log():
    entries = db.session.scalars(select(ExportLog).order_by(ExportLog.id.desc()).limit(LOG_PAGE)).all()
    titles = {}
    for kind, model in (("petition", Petition), ("letter", Letter)):
        ids = {entry.action_id for entry in entries if entry.action_kind == kind}
        if ids:
            titles.update({(kind, action_id): title for action_id, title in
                           db.session.execute(select(model.id, model.title).where(model.id.in_(ids)))})
    return render_template("exports/log.html", entries=entries, titles=titles, limit=LOG_PAGE)
