"""The organizer's page of alerts: which emails they want."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.base.extensions import db
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required

from . import operations
from .forms import AlertSettingsForm
from .models import AlertSettings

bp = Blueprint("alerts", __name__, url_prefix="/organize")


@bp.route("/alerts", methods=["GET", "POST"])
@role_required(EVERYONE)  # one's own alerts; the moderation alert only for those who moderate
def settings():
    organizer = current_user._get_current_object()
    form = AlertSettingsForm(obj=db.session.get(AlertSettings, organizer.id))
    if organizer.role not in EDITORS:
        del form.on_waiting
    if form.validate_on_submit():
        operations.choose(organizer, on_waiting=bool("on_waiting" in form and form.on_waiting.data),
                          on_milestone=form.on_milestone.data, daily_digest=form.daily_digest.data)
        db.session.commit()
        flash(_("Your alerts are saved."), "success")
        return redirect(url_for("alerts.settings"))
    return render_template("alerts/settings.html", form=form), 422 if form.errors else 200
