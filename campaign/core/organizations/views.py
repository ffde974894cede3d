"""Sign-ons: confirming from the emailed link, logos, petition endorsements, and moderation."""
from flask import Blueprint, abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from campaign.base import i18n, request_values, tokens
from campaign.base.extensions import db
from campaign.base.forms import Form
from campaign.base.rate_limits import confirm_limit, sign_limits
from campaign.base.states import WrongState
from campaign.core.accounts.access import EDITORS, role_required
from campaign.core.accounts.pages import attempt
from campaign.core.letters.models import model_of
from campaign.core.letters.sign_on_emails import SALTS
from campaign.core.multilingual import for_reader
from campaign.core.petitions.models import Petition
from campaign.core.petitions.pages import load_public
from campaign.features.sharing import queries as sharing_queries
from campaign.features.sharing.codes import code_of
from campaign.features.sharing.links import share_links

from . import logos, operations, queries
from .forms import OrganizationForm
from .pages import allow_logo_upload, queue_page, upload_too_large

bp = Blueprint("organizations", __name__)


bp.register_error_handler(413, upload_too_large)


@bp.route("/sign-ons/<kind>/confirm/<token>", methods=["GET", "POST"])
@confirm_limit
def confirm(kind, token):
    """GET shows a button; only its POST confirms, because mail scanners follow links."""
    model = model_of(kind) or abort(404)
    try:
        sign_on = tokens.load(model, token, salt=SALTS[kind])
    except tokens.ExpiredToken:
        return render_template("organizations/confirm.html", expired=True), 410
    except tokens.InvalidToken:
        return render_template("signatures/invalid_link.html"), 404
    form = Form()
    # A reader who asked for no language reads the one they signed in.
    i18n.use_action_language(sign_on.language)
    page = dict(sign_on=sign_on, parent=sign_on.parent.in_language(i18n.language()), kind=kind, form=form)
    if sign_on.is_confirmed:
        return _confirmed(sign_on, page)
    if not sign_on.parent.is_signable:
        return render_template("organizations/confirm.html", closed=True, **page), 409
    if request.method == "GET":
        return render_template("organizations/confirm.html", **page)
    # A POST here has passed CSRFProtect's check of its token already.
    operations.confirm(sign_on)
    return _confirmed(sign_on, page)


def _confirmed(sign_on, page):
    """The confirmed page (the request commits here). A letter's signer gets their share links and
    what they brought; only their own link opens it. A petition's endorser gets neither."""
    if sign_on.letter_id is None:
        db.session.commit()
        return render_template("organizations/confirm.html", done=True, **page)
    code = code_of(sign_on)
    brought = db.session.scalar(select(sharing_queries.brought("letter", sign_on.letter_id, code)))
    db.session.commit()
    return render_template("organizations/confirm.html", done=True, share=share_links(page["parent"], code),
                           brought=brought, **page)


@bp.get("/logos/<name>")
def logo(name):
    """A stored logo: always PNG, never sniffed as anything else."""
    path = logos.path_of(name) or abort(404)
    response = send_file(path, mimetype="image/png", max_age=86400)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/petitions/<slug>/endorse", methods=["GET", "POST"])
@sign_limits
def endorse(slug):
    """A partner organization endorses a petition: the same form and flow as a letter's sign-on."""
    petition = for_reader(load_public(slug))
    allow_logo_upload()
    form = OrganizationForm()
    if request.method == "GET":
        return render_template("organizations/endorse.html", petition=petition, form=form)
    if not petition.is_signable:
        form.form_errors.append(_("This petition is closed and no longer takes endorsements."))
        return render_template("organizations/endorse.html", petition=petition, form=form), 409
    if not form.validate_on_submit():
        return render_template("organizations/endorse.html", petition=petition, form=form), 422
    operations.sign_on_organization(form, ip_address=request.remote_addr, petition=petition,
                                    language=petition.reader_language,
                                    flag_reasons=form.door_reasons(form.email.data, request.remote_addr))
    db.session.commit()
    return render_template("organizations/check_inbox.html", parent=petition, page=url_for("petitions.show", slug=slug))


# Organizers: the endorsement queue of a petition, and the moderation steps of any sign-on.

@bp.get("/organize/petitions/<int:petition_id>/endorsements")
@role_required(EDITORS)
def petition_queue(petition_id):
    petition = db.get_or_404(Petition, petition_id)
    return queue_page(f"Endorsements: {petition.title}", url_for("organize.petition", petition_id=petition.id),
                      queries.queue(petition_id=petition.id))


ACTIONS = {"approve", "reject", "withdraw", "rename", "merge"}


@bp.post("/organize/sign-ons/<kind>/<int:sign_on_id>/<action>")
@role_required(EDITORS)
def moderate(kind, sign_on_id, action):
    model = model_of(kind) or abort(404)
    sign_on = db.get_or_404(model, sign_on_id)
    if action not in ACTIONS:
        abort(404)
    attempt(lambda: _moderate(kind, sign_on, action), lambda message: message, refusals=(WrongState, ValueError))
    return redirect(queue_url(sign_on))


def _moderate(kind, sign_on, action):
    name = sign_on.public_name
    if action == "approve":
        operations.approve(sign_on, current_user)
        return _("%(name)s is approved and the signer is told.", name=name)
    if action == "reject":
        message = request.form.get("message", "").strip()[:2000]
        operations.reject(sign_on, current_user, message)
        return _("%(name)s is rejected and the signer is told.", name=name) if message else \
            _("%(name)s is rejected.", name=name)
    if action == "withdraw":
        operations.withdraw(sign_on, current_user)
        return _("%(name)s is withdrawn and no longer shown.", name=name)
    if action == "rename":
        display_name = " ".join(request.form.get("display_name", "").split())[:200]
        operations.rename(sign_on, display_name)
        return _("The name is now shown as “%(name)s”.", name=sign_on.public_name)
    into_id = request_values.id_of(request.form.get("into"))
    into = db.session.get(model_of(kind), into_id) if into_id else None
    if into is None:
        raise ValueError(_("Choose the sign-on to keep."))
    operations.merge(sign_on, into, current_user)
    return _("%(name)s is merged into %(into)s.", name=name, into=into.public_name)


def queue_url(sign_on):
    if getattr(sign_on, "letter_id", None):
        return url_for("organize_letters.queue", letter_id=sign_on.letter_id)
    return url_for("organizations.petition_queue", petition_id=sign_on.petition_id)
