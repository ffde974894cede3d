"""Partner opt-in: organizers offer partners and send them links; partners download their signers."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.base.extensions import db
from campaign.base.forms import Form
from campaign.base.rate_limits import confirm_limit
from campaign.core.accounts.access import EDITORS, role_required
from campaign.core.organizations.models import OrganizationSignOn
from campaign.features.exports import downloads, operations as export_operations
from campaign.features.exports.presets import PARTNER
from campaign.features.exports.queries import Filters

from . import operations, tokens

bp = Blueprint("partners", __name__)


def _act(petition_id, sign_on_id, step):
    """Load the partner, run `step(partner)` (which returns the message), commit. (CSRFProtect has
    checked the form's token before the view.)"""
    partner = db.get_or_404(OrganizationSignOn, sign_on_id)
    try:
        message = step(partner)
    except operations.NotAPartner as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("organizations.petition_queue", petition_id=petition_id))


@bp.post("/organize/petitions/<int:petition_id>/partners/<int:sign_on_id>/offer")
@role_required(EDITORS)
def offer(petition_id, sign_on_id):
    """Offer an endorsing partner on the sign form ("offer=1"), or stop offering it."""
    is_offered = request.form.get("offer") == "1"

    def step(partner):
        operations.offer(partner, petition_id, is_offered)
        return _("Signers are now asked whether %(name)s may contact them.", name=partner.public_name) if is_offered \
            else _("Signers are no longer asked whether %(name)s may contact them.", name=partner.public_name)

    return _act(petition_id, sign_on_id, step)


@bp.post("/organize/petitions/<int:petition_id>/partners/<int:sign_on_id>/send-link")
@role_required(EDITORS)
def send_link(petition_id, sign_on_id):
    """Email the partner's contact a link to the signers who opted in to that partner."""

    def step(partner):
        operations.send_download_link(partner, petition_id, current_user)
        return _("A download link is on its way to %(name)s's contact; it works for %(days)s days.",
                 name=partner.public_name, days=_days())

    return _act(petition_id, sign_on_id, step)


def _days():
    return current_app.config["PARTNER_LINK_DAYS"]


@bp.route("/partners/download/<token>", methods=["GET", "POST"])
@confirm_limit
def download(token):
    """GET shows a button (mail scanners follow links); its POST downloads the CSV, logged."""
    try:
        partner = tokens.load(token)
    except tokens.ExpiredToken:
        return render_template("partners/download.html", expired=True, days=_days()), 410
    except tokens.InvalidToken:
        return render_template("partners/download.html", invalid=True), 404
    if not partner.is_public or partner.petition_id is None:
        return render_template("partners/download.html", invalid=True), 404
    form = Form()
    petition = partner.petition
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("partners/download.html", partner=partner, petition=petition, form=form)
    filters = Filters(status="confirmed", partner_id=partner.id)
    entry, chunks = export_operations.export("petition", petition.id, PARTNER, filters, organizer_id=None,
                                             channel="partner", partner_id=partner.id)
    return downloads.response(entry, chunks, downloads.dated_filename(petition.slug, PARTNER.name))
