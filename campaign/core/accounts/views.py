"""Organizer login, logout and password, and the owner's pages for organizer accounts."""
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from campaign.base.extensions import db, login_manager
from campaign.base.i18n import N_
from campaign.base.rate_limits import login_limits, password_limit
from campaign.base.timeutil import utcnow

from . import operations, sessions
from .access import OWNERS, role_required
from .forms import LoginForm, OrganizerForm, PasswordChangeForm, PasswordResetForm, RoleForm
from .models import Organizer, Role

bp = Blueprint("accounts", __name__, url_prefix="/organize")

login_manager.login_view = "accounts.login"
login_manager.login_message = N_("Log in to see that page.")
login_manager.localize_callback = _  # translated when flashed, in the page's language
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

# Each role's name in a sentence ("… can now log in as viewer."), translated when said.
ROLE_NAMES = {Role.VIEWER: N_("viewer"), Role.ORGANIZER: N_("organizer"), Role.OWNER: N_("owner")}


def role_name(role):
    return _(ROLE_NAMES[role])


@bp.route("/login", methods=["GET", "POST"])
@login_limits
def login():
    if current_user.is_authenticated:
        return redirect(url_for("organize.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        organizer = operations.authenticate(form.email.data, form.password.data)
        if organizer is not None:
            sessions.start(organizer)
            organizer.last_login_at = utcnow()
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")) or url_for("organize.dashboard"))
        form.form_errors.append(_("That email address and password do not match an organizer account."))
        return render_template("accounts/login.html", form=form), 401
    status = 422 if form.errors else 200
    return render_template("accounts/login.html", form=form), status


def _safe_next(target):
    """Only a path on this site, never another host."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.post("/logout")
@login_required
def logout():
    sessions.end()
    db.session.commit()
    flash(_("You have logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
@password_limit
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        organizer = current_user._get_current_object()
        if organizer.check_password(form.current_password.data):
            operations.set_password(organizer, form.password.data)
            sessions.start(organizer)  # this browser goes on, on a new session
            db.session.commit()
            flash(_("Your password has changed, and you were logged out everywhere else."), "success")
            return redirect(url_for("organize.dashboard"))
        form.current_password.errors.append(_("That is not your current password."))
    return render_template("accounts/password_form.html", form=form, organizer=None), 422 if form.errors else 200


@bp.get("/organizers")
@role_required(OWNERS)
def organizers():
    accounts = db.session.scalars(select(Organizer).order_by(Organizer.is_active.desc(), Organizer.email)).all()
    return render_template("accounts/organizers.html", organizers=accounts, role_form=RoleForm())


@bp.route("/organizers/new", methods=["GET", "POST"])
@role_required(OWNERS)
def new_organizer():
    form = OrganizerForm()
    if form.validate_on_submit():
        try:
            organizer = operations.create(form.email.data, Role(form.role.data), form.password.data)
        except operations.EmailTaken:
            form.email.errors.append(_("An organizer account with this address exists already."))
        else:
            db.session.commit()
            flash(_("%(email)s can now log in as %(role)s.", email=organizer.email, role=role_name(organizer.role)),
                  "success")
            return redirect(url_for("accounts.organizers"))
    return render_template("accounts/organizer_form.html", form=form), 422 if form.errors else 200



def _owner_change(organizer_id, change, message):
    organizer = db.get_or_404(Organizer, organizer_id)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        change(organizer, form)
    except operations.LastOwner as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_(message, email=organizer.email, role=role_name(organizer.role)), "success")
    return redirect(url_for("accounts.organizers"))


@bp.route("/organizers/<int:organizer_id>/password", methods=["GET", "POST"])
@role_required(OWNERS)
def reset_password(organizer_id):
    organizer = db.get_or_404(Organizer, organizer_id)
    if organizer.id == current_user.id:
        return redirect(url_for("accounts.password"))  # one's own needs the current one
    form = PasswordResetForm()
    if form.validate_on_submit():
        operations.set_password(organizer, form.password.data)
        db.session.commit()
        flash(_("%(email)s has a new password, and was logged out everywhere.", email=organizer.email), "success")
        return redirect(url_for("accounts.organizers"))
    return render_template("accounts/password_form.html", form=form, organizer=organizer), 422 if form.errors else 200


@bp.post("/organizers/<int:organizer_id>/role")
@role_required(OWNERS)
def change_role(organizer_id):
    return _owner_change(organizer_id, lambda organizer, form: operations.change_role(organizer, Role(form.role.data)),
                         N_("%(email)s is now %(role)s."))


@bp.post("/organizers/<int:organizer_id>/deactivate")
@role_required(OWNERS)
def deactivate(organizer_id):
    return _owner_change(organizer_id, lambda organizer, form: operations.deactivate(organizer),
                         N_("%(email)s can no longer log in."))


@bp.post("/organizers/<int:organizer_id>/reactivate")
@role_required(OWNERS)
def reactivate(organizer_id):
    return _owner_change(organizer_id, lambda organizer, form: operations.reactivate(organizer),
                         N_("%(email)s can log in again."))
