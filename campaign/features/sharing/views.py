"""The organizers' page of a petition's sharing funnel."""
from flask import Blueprint, abort, render_template

from campaign.base.extensions import db
from campaign.core.accounts.access import EVERYONE, role_required
from campaign.core.petitions.models import Petition

from . import queries
from .links import LABELS

bp = Blueprint("sharing", __name__, url_prefix="/organize")


@bp.get("/petitions/<int:petition_id>/sharing")
@role_required(EVERYONE)  # counts and random codes only: nothing about a signer
def funnel(petition_id):
    petition = db.session.get(Petition, petition_id) or abort(404)
    return render_template("sharing/funnel.html", petition=petition, labels=LABELS,
                           channels=queries.by_channel(petition.id), codes=queries.by_code(petition.id),
                           top_codes=queries.TOP_CODES)
