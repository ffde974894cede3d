"""Organizer login and logout, and the owner's pages for organizer accounts."""
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from ..extensions import db, login_manager
from ..security.limits import login_limit
from ..timeutil import utcnow
from . import operations
from .access import OWNERS, role_required
from .forms import LoginForm, OrganizerForm, RoleForm
from .models import Organizer, Role

bp = Blueprint("accounts", __name__, url_prefix="/organize")

login_manager.login_view = "accounts.login"
login_manager.login_message = "Log in to see that page."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"

# A hash to check against when the address is unknown, so a wrong address takes as long as a
# wrong password and timing tells nobody which organizers exist.
# B106 accepted: hashed on first use, never matches
_DECOY = Organizer(password_hash="")  # nosec B106


@login_manager.user_loader
def load_organizer(organizer_id):
    organizer = db.session.get(Organizer, int(organizer_id)) if organizer_id.isdigit() else None
    return organizer if organizer is not None and organizer.is_active else None


@bp.route("/login", methods=["GET", "POST"])
@login_limit
def login():
    if current_user.is_authenticated:
        return redirect(url_for("organize.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        organizer = db.session.scalar(
            select(Organizer).where(func.lower(Organizer.email) == form.email.data.lower())
        )
        if organizer is None:
            if not _DECOY.password_hash:
                _DECOY.set_password("decoy-password-never-valid")
            _DECOY.check_password(form.password.data)
        elif organizer.is_active and organizer.check_password(form.password.data):
            session.clear()  # a fresh session at login
            login_user(organizer)
            organizer.last_login_at = utcnow()
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")) or url_for("organize.dashboard"))
        form.form_errors.append("That email address and password do not match an organizer account.")
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
    logout_user()
    session.clear()
    flash("You have logged out.", "info")
    return redirect(url_for("accounts.login"))


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
            form.email.errors.append("An organizer account with this address exists already.")
        else:
            db.session.commit()
            flash(f"{organizer.email} can now log in as {organizer.role.value}.", "success")
            return redirect(url_for("accounts.organizers"))
    return render_template("accounts/organizer_form.html", form=form), 422 if form.errors else 200


def _organizer(organizer_id):
    return db.session.get(Organizer, organizer_id) or abort(404)


def _owner_change(organizer_id, change, message):
    organizer = _organizer(organizer_id)
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
        flash(message.format(email=organizer.email, role=organizer.role.value), "success")
    return redirect(url_for("accounts.organizers"))


@bp.post("/organizers/<int:organizer_id>/role")
@role_required(OWNERS)
def change_role(organizer_id):
    return _owner_change(organizer_id, lambda organizer, form: operations.change_role(organizer, Role(form.role.data)),
                         "{email} is now {role}.")


@bp.post("/organizers/<int:organizer_id>/deactivate")
@role_required(OWNERS)
def deactivate(organizer_id):
    return _owner_change(organizer_id, lambda organizer, form: operations.deactivate(organizer),
                         "{email} can no longer log in.")


@bp.post("/organizers/<int:organizer_id>/reactivate")
@role_required(OWNERS)
def reactivate(organizer_id):
    return _owner_change(organizer_id, lambda organizer, form: operations.reactivate(organizer),
                         "{email} can log in again.")
