"""Returned mail on the web: Amazon SES's notifications through SNS, and the organizers' page of
bounce and complaint rates and of suppressed mailboxes."""
import logging

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from campaign.base.extensions import csrf, db
from campaign.base.forms import Form
from campaign.base.mail import suppressions
from campaign.base.mail.models import Suppression
from campaign.base.rate_limits import limit
from campaign.core.accounts.access import EDITORS, role_required

from . import queries, returns, sns

log = logging.getLogger(__name__)

bp = Blueprint("mail", __name__)

MAX_SNS_BYTES = 256 * 1024  # SNS messages are at most 256 KB


# No CSRF token: Amazon SNS posts here; its signature over the message is the proof.
@bp.post("/hooks/mail/ses")
@csrf.exempt
@limit("MAIL_HOOK_RATE_LIMIT")
def ses_hook():
    """An SNS message about SES mail: 200 once handled, 400 for anything not genuinely ours."""
    if (request.content_length or 0) > MAX_SNS_BYTES:
        abort(400)
    try:
        message = sns.verified(request.get_data(cache=False)[:MAX_SNS_BYTES])
        if message["Type"] == "SubscriptionConfirmation":
            # The app never fetches a URL a message names: the organizer confirms by visiting it.
            log.warning("SNS subscription to %s: confirm it by visiting %s", message["TopicArn"],
                        message.get("SubscribeURL"))
            return "", 200
        if message["Type"] == "Notification":
            returns.apply(sns.returns(message))
            db.session.commit()
    except sns.InvalidMessage as error:
        log.info("SES hook: refused a message: %s", error)
        return "", 400
    return "", 200


@bp.get("/organize/mail")
@role_required(EDITORS)
def overview():
    text = request.args.get("q", "")[:254]
    return render_template("mail/overview.html", domains=queries.by_domain(), actions=queries.by_action(),
                           suppressed=queries.suppressions(text), suppressed_count=queries.active_count(),
                           text=text, action_form=Form())


@bp.post("/organize/mail/suppressions/<int:suppression_id>/lift")
@role_required(EDITORS)
def lift(suppression_id):
    if not Form().validate_on_submit():
        abort(400)
    suppression = db.get_or_404(Suppression, suppression_id)
    if suppression.is_active:
        suppressions.lift(suppression)
        db.session.commit()
    flash(_("%(email)s will be mailed again.", email=suppression.email_key), "success")
    return redirect(url_for("mail.overview"))
