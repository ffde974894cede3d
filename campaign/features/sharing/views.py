"""The organizers' page of a petition's or letter's sharing funnel."""
from flask import Blueprint, abort, render_template

from campaign.core.accounts.access import EVERYONE, role_required
from campaign.features.updates import actions

from . import queries
from .links import LABELS

bp = Blueprint("sharing", __name__, url_prefix="/organize")


@bp.get("/petitions/<int:action_id>/sharing", defaults={"kind": "petition"})
@bp.get("/letters/<int:action_id>/sharing", defaults={"kind": "letter"})
@role_required(EVERYONE)  # counts and random codes only: nothing about a signer
def funnel(kind, action_id):
    action = actions.load(kind, action_id) or abort(404)
    return render_template("sharing/funnel.html", action=action, back=actions.organizer_url(kind, action_id),
                           labels=LABELS, channels=queries.by_channel(kind, action.id),
                           codes=queries.by_code(kind, action.id), top_codes=queries.TOP_CODES)
