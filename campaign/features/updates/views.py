"""Updates: organizers write and mail them; targets answer through their link; organizers approve."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from campaign.base.extensions import db
from campaign.base.forms import Form
from campaign.base.plurals import counted
from campaign.base.rate_limits import confirm_limit
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required
from campaign.core.accounts.pages import attempt, done
from campaign.features.deliveries import answer_links
from campaign.features.deliveries.models import DeliveryRecipient

from . import actions, audiences, operations, queries
from .forms import MailForm, ResponseForm, UpdateForm
from .models import TargetResponse, Update

bp = Blueprint("updates", __name__)


def _action(kind, action_id):
    action = actions.load(kind, action_id) if kind in audiences.KINDS else None
    return action or abort(404)


def _update(update_id, lock=False):
    """The update; with `lock`, its row locked until the request commits, so that two presses of
    Send (or Send and Cancel) at once act one after the other (SQLite's writers are serial anyway)."""
    return db.session.get(Update, update_id, with_for_update=lock) or abort(404)


@bp.route("/organize/<kind>/<int:action_id>/updates/new", methods=["GET", "POST"])
@role_required(EDITORS)
def new(kind, action_id):
    action = _action(kind, action_id)
    form = UpdateForm()
    if form.validate_on_submit():
        update = operations.write(kind, action_id, form, current_user)
        db.session.commit()
        flash(_("The update is on the public page. Mail it to signers below, if you like."), "success")
        return redirect(url_for("updates.show", update_id=update.id))
    return render_template("updates/form.html", form=form, action=action, kind=kind), 422 if form.errors else 200


def _mail_form(update, **kwargs):
    """The mailing form with its choices (audiences.choices): a petition's states and districts, a
    letter's organizations' states."""
    regions, districts = audiences.choices(update.action_kind, update.action_id)
    return MailForm(regions=regions, districts=districts, **kwargs)


def _page(update, form, status=200):
    regions, districts = (form.regions.data or [], form.districts.data or []) if not form.errors else ([], [])
    if update.is_mailable:
        recipients = audiences.count(update.action_kind, update.action_id, regions, districts)
    else:
        recipients = update.recipient_count
    return render_template(
        "updates/show.html", update=update, action=_action(update.action_kind, update.action_id), form=form,
        recipients=recipients, progress=queries.progress(update), action_form=Form(),
        back=actions.organizer_url(update.action_kind, update.action_id)), status


@bp.get("/organize/updates/<int:update_id>")
@role_required(EVERYONE)
def show(update_id):
    update = _update(update_id)
    form = _mail_form(update, formdata=None)
    return _page(update, form)


@bp.post("/organize/updates/<int:update_id>/test")
@role_required(EDITORS)
def test(update_id):
    update = _update(update_id)
    operations.send_test(update, current_user)
    db.session.commit()
    flash(_("A test copy is on its way to %(email)s.", email=current_user.email), "success")
    return redirect(url_for("updates.show", update_id=update.id))


@bp.post("/organize/updates/<int:update_id>/send")
@role_required(EDITORS)
def send(update_id):
    """"Count recipients" shows how many the filters reach; "Send" mails them (now or at a time)."""
    update = _update(update_id, lock=True)
    if not update.is_mailable:  # a second press, or another organizer was quicker
        flash(update.mailing_refused(), "error")
        return redirect(url_for("updates.show", update_id=update.id))
    form = _mail_form(update)
    if not form.validate_on_submit():
        return _page(update, form, 422)
    if "count" in request.form:
        return _page(update, form)
    count = operations.mail(update, form.regions.data or [], form.districts.data or [], form.send_at_utc)
    if update.send_at and not update.queued_at:
        said = _("The update will be mailed at the time you set.")
    else:
        said = counted(count, "%(num)s message queued; this page shows them as they are sent.",
                       "%(num)s messages queued; this page shows them as they are sent.")
    return done(said, "updates.show", update_id=update.id)


@bp.post("/organize/updates/<int:update_id>/cancel")
@role_required(EDITORS)
def cancel(update_id):
    update = _update(update_id, lock=True)
    attempt(lambda: operations.cancel(update),
            lambda count: counted(count, "Cancelled: %(num)s message not sent.",
                                  "Cancelled: %(num)s messages not sent."))
    return redirect(url_for("updates.show", update_id=update.id))


# Targets answer through the link in their delivery message.

def _recipient(token):
    """(delivery recipient, None) or (None, the error page)."""
    try:
        recipient_id, digest = answer_links.read(token)
    except answer_links.ExpiredToken:
        return None, (render_template("updates/respond.html", expired=True), 410)
    except answer_links.InvalidToken:
        return None, (render_template("updates/respond.html", invalid=True), 404)
    recipient = db.session.get(DeliveryRecipient, recipient_id) if isinstance(recipient_id, int) else None
    if not answer_links.matches(recipient, digest) or actions.load(recipient.delivery.action_kind,
                                                                   recipient.delivery.action_id) is None:
        return None, (render_template("updates/respond.html", invalid=True), 404)
    return recipient, None


@bp.route("/respond/<token>", methods=["GET", "POST"])
@confirm_limit
def respond(token):
    """GET shows the answer form; POST sends the answer, which waits for the organizers."""
    recipient, error = _recipient(token)
    if error:
        return error
    delivery = recipient.delivery
    action = actions.load(delivery.action_kind, delivery.action_id)
    form = ResponseForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("updates/respond.html", form=form, target=recipient.target, action=action,
                               kind=delivery.action_kind), 422 if form.errors else 200
    operations.respond(recipient, delivery.action_kind, delivery.action_id, form)
    db.session.commit()
    return render_template("updates/respond.html", sent=True, target=recipient.target, action=action,
                           kind=delivery.action_kind)


def _response(response_id):
    return db.session.get(TargetResponse, response_id, with_for_update=True) or abort(404)


def _back(response):
    return redirect(actions.organizer_url(response.action_kind, response.action_id) + "#answers")


@bp.post("/organize/responses/<int:response_id>/approve")
@role_required(EDITORS)
def approve(response_id):
    return _decide(response_id, approve=True)


@bp.post("/organize/responses/<int:response_id>/reject")
@role_required(EDITORS)
def reject(response_id):
    return _decide(response_id, approve=False)


def _decide(response_id, approve):
    response = _response(response_id)
    attempt(lambda: operations.decide(response, approve, current_user),
            lambda _result: _("The answer is on the public page.") if approve else _("The answer is rejected."))
    return _back(response)


@bp.post("/organize/responses/<int:response_id>/mail")
@role_required(EDITORS)
def mail_response(response_id):
    """Send an approved answer to signers as an update, in one step."""
    response = _response(response_id)
    mailed, made = attempt(lambda: operations.mail_response(response, current_user),
                           lambda made: counted(made[1], "The answer is an update; %(num)s message queued.",
                                                "The answer is an update; %(num)s messages queued."))
    return redirect(url_for("updates.show", update_id=made[0].id)) if mailed else _back(response)
