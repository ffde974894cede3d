"""Organizer pages for deliveries: compose, preview, send, the log, retry, the zipped packets."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from campaign.base import i18n, request_values
from campaign.base.extensions import db
from campaign.base.forms import Form
from campaign.base.plurals import counted
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required
from campaign.core.accounts.pages import attempt, done
from campaign.core.targets import queries as target_queries
from campaign.core.targets.models import TargetKind

from . import actions, messages, operations, packets, queries
from .forms import DeliveryForm
from .models import Delivery, Selection, said

bp = Blueprint("deliveries", __name__, url_prefix="/organize/deliveries")

PREVIEW_LIST = 600



def _action_title(kind, action_id):
    try:
        return actions.get(kind).title(action_id) or abort(404)
    except KeyError:
        abort(404)


@bp.get("/")
@role_required(EVERYONE)
def index():
    deliveries = queries.recent()
    titles = {d.id: actions.get(d.action_kind).title(d.action_id) for d in deliveries}
    counts = queries.statuses([d.id for d in deliveries])
    return render_template("deliveries/index.html", deliveries=deliveries, titles=titles,
                           subjects={d.id: messages.readable(d.subject, titles[d.id] or "") for d in deliveries},
                           progress={d.id: d.progress(counts[d.id]) for d in deliveries})


@bp.route("/new/<kind>/<int:action_id>", methods=["GET", "POST"])
@role_required(EDITORS)
def new(kind, action_id):
    title = _action_title(kind, action_id)
    return _compose(Delivery(action_kind=kind, action_id=action_id), title)


@bp.route("/<int:delivery_id>/edit", methods=["GET", "POST"])
@role_required(EDITORS)
def edit(delivery_id):
    delivery = db.get_or_404(Delivery, delivery_id)
    if not delivery.is_editable:
        flash(_("This delivery has been sent; it can no longer change."), "error")
        return redirect(url_for("deliveries.show", delivery_id=delivery.id))
    return _compose(delivery, _action_title(delivery.action_kind, delivery.action_id))


def _compose(delivery, title):
    form = DeliveryForm(obj=delivery if delivery.id else None, targets=target_queries.search(),
                        states=target_queries.states())
    if request.method == "GET" and delivery.id:
        form.selection.data = delivery.selection.value
    elif request.method == "GET":  # a new delivery comes from the organizer, who gets the answers
        form.from_name.data, form.reply_to.data = current_app.config["SITE_NAME"], current_user.email
    if form.validate_on_submit():
        operations.save(delivery, form, current_user)
        db.session.commit()
        return redirect(url_for("deliveries.preview", delivery_id=delivery.id))
    return render_template("deliveries/form.html", form=form, delivery=delivery, title=title,
                           placeholders=messages.PLACEHOLDERS), 422 if form.errors else 200


@bp.get("/<int:delivery_id>/preview")
@role_required(EVERYONE)
def preview(delivery_id):
    delivery = db.get_or_404(Delivery, delivery_id)
    targets = operations.targets_of(delivery)
    wanted = request_values.id_of(request.args.get("target"))
    chosen = next((t for t in targets if t.id == wanted), targets[0] if targets else None)
    action = actions.get(delivery.action_kind)
    message, message_language = None, i18n.valid(messages.language_of(delivery)) or i18n.DEFAULT
    # What the target gets is in the organizer's language (the action's), whatever this page's is.
    with i18n.in_language(message_language):
        results = action.results(delivery.action_id)
        packet = messages.packet(delivery, chosen, results) if chosen else None
        if packet:
            # B704 accepted: the output of an autoescaped template, rendered here in the action's language
            message = Markup(render_template("deliveries/_message.html", packet=packet, answer_link=None))  # nosec B704
    # Only a representative's count needs a district: senators count a signer by the ZIP's state.
    has_representatives = any(t.kind is TargetKind.REPRESENTATIVE for t in targets)
    return render_template("deliveries/preview.html", delivery=delivery, targets=targets[:PREVIEW_LIST],
                           target_count=len(targets), mailed_count=sum(1 for t in targets if t.contacts),
                           packet=packet, message=message, message_language=message_language,
                           title=results.title, action_form=Form(),
                           subject=messages.readable(delivery.subject, results.title),
                           progress=delivery.progress(queries.statuses([delivery.id])[delivery.id]),
                           without_district=action.without_district(delivery.action_id)
                           if has_representatives or delivery.selection is Selection.MIN_CONSTITUENTS else 0)


@bp.post("/<int:delivery_id>/send")
@role_required(EDITORS)
def send(delivery_id):
    delivery = db.get_or_404(Delivery, delivery_id)
    attempt(lambda: operations.queue(delivery),
            lambda count: counted(count, "%(num)s message queued; this log shows each one as it is sent.",
                                  "%(num)s messages queued; this log shows each one as it is sent."))
    return redirect(url_for("deliveries.show", delivery_id=delivery_id))


@bp.get("/<int:delivery_id>")
@role_required(EVERYONE)
def show(delivery_id):
    delivery = db.get_or_404(Delivery, delivery_id)
    recipients, counts = queries.log(delivery)
    title = actions.get(delivery.action_kind).title(delivery.action_id)
    return render_template("deliveries/show.html", delivery=delivery, recipients=recipients, counts=counts,
                           title=title, subject=messages.readable(delivery.subject, title or ""),
                           progress=delivery.progress(counts), said=said, action_form=Form())


@bp.get("/<int:delivery_id>/packets.zip")
@role_required(EDITORS)
def download(delivery_id):
    delivery = db.get_or_404(Delivery, delivery_id)
    return send_file(packets.zipped(delivery), mimetype="application/zip", as_attachment=True,
                     download_name=f"delivery-{delivery.id}-packets.zip")


@bp.post("/<int:delivery_id>/retry")
@role_required(EDITORS)
def retry(delivery_id):
    delivery = db.get_or_404(Delivery, delivery_id)
    count = operations.retry(delivery)
    return done(counted(count, "%(num)s failed message queued again.", "%(num)s failed messages queued again."),
                "deliveries.show", delivery_id=delivery.id)
