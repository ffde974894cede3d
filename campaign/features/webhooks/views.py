"""Organizer pages for webhooks: register one (its secret shown once), test it, switch it on or
off, delete it, and its log of deliveries with replay. Owners see every webhook; others theirs."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectMultipleField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from campaign.base.extensions import db
from campaign.base.forms import Form, LineField
from campaign.base.i18n import lazy_gettext as _l
from campaign.core.accounts.access import EDITORS, own_unless_owner, require_own, role_required
from campaign.core.accounts.pages import made_once

from . import destinations, operations
from .models import EVENTS, Webhook, WebhookDelivery

bp = Blueprint("webhooks", __name__, url_prefix="/organize/webhooks")
LOG_LENGTH = 100


class WebhookForm(Form):
    url = LineField(_l("URL"), validators=[DataRequired(_l("Give the URL to send events to.")), Length(max=2000)],
                    description=_l("https://… on a public address; each POST is signed with the webhook's secret."))
    events = SelectMultipleField(_l("Events"), choices=[SelectChoice(name, name) for name in EVENTS],
                                 validators=[DataRequired(_l("Choose at least one event."))],
                                 option_widget=widgets.CheckboxInput(), widget=widgets.ListWidget(prefix_label=False))

    def validate_url(self, field):
        allow_private = current_app.config["WEBHOOKS_ALLOW_PRIVATE"]
        try:
            _scheme, host, port, _path = destinations.check_url(field.data, allow_private)
            destinations.resolve(host, port, allow_private)
        except destinations.RefusedDestination as error:
            raise ValidationError(str(error)) from None


def _hook(webhook_id):
    return require_own(db.session.get(Webhook, webhook_id) or abort(404))


@bp.route("/", methods=["GET", "POST"])
@role_required(EDITORS)
def index():
    """The webhooks, and a new one, its secret shown once."""
    form, new_hook = made_once(WebhookForm, lambda form: operations.register(current_user, form.url.data,
                                                                             form.events.data))
    hooks = db.session.scalars(own_unless_owner(select(Webhook).order_by(Webhook.id.desc()), Webhook)).all()
    return render_template("webhooks/index.html", form=form, hooks=hooks, new_hook=new_hook,
                           action_form=Form()), 422 if form.errors else 200


@bp.post("/<int:webhook_id>/test")
@role_required(EDITORS)
def test(webhook_id):
    operations.send_test(_hook(webhook_id))
    db.session.commit()
    flash(_("A test event is queued: it shows in the log once sent."), "success")
    return redirect(url_for("webhooks.log", webhook_id=webhook_id))


@bp.post("/<int:webhook_id>/switch")
@role_required(EDITORS)
def switch(webhook_id):
    hook = _hook(webhook_id)
    if hook.is_active:
        hook.is_active = False
    else:
        operations.switch_on(hook)
    db.session.commit()
    flash(_("The webhook is on.") if hook.is_active else _("The webhook is off: nothing is sent to it."), "success")
    return redirect(url_for("webhooks.index"))


@bp.post("/<int:webhook_id>/delete")
@role_required(EDITORS)
def delete(webhook_id):
    db.session.delete(_hook(webhook_id))
    db.session.commit()
    flash(_("The webhook and its log are deleted."), "success")
    return redirect(url_for("webhooks.index"))


@bp.get("/<int:webhook_id>/log")
@role_required(EDITORS)
def log(webhook_id):
    hook = _hook(webhook_id)
    deliveries = db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.webhook_id == hook.id)
                                    .order_by(WebhookDelivery.id.desc()).limit(LOG_LENGTH)).all()
    return render_template("webhooks/log.html", hook=hook, deliveries=deliveries, action_form=Form())


@bp.post("/<int:webhook_id>/events/<int:event_id>/replay")
@role_required(EDITORS)
def replay(webhook_id, event_id):
    hook = _hook(webhook_id)
    delivery = db.session.get(WebhookDelivery, event_id)
    if delivery is None or delivery.webhook_id != hook.id:
        abort(404)
    count = operations.replay([delivery.id])
    db.session.commit()
    flash(_("Queued again.") if count else _("It is queued already."), "success")
    return redirect(url_for("webhooks.log", webhook_id=hook.id))
