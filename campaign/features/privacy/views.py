"""Unsubscribing from the link in every email to a signer, or with one click in a mail program."""
from flask import Blueprint, render_template, request
from sqlalchemy.exc import IntegrityError

from campaign.base.extensions import csrf, db
from campaign.core.consent import unsubscribe as links

from . import operations

bp = Blueprint("privacy", __name__)


# No CSRF token: mail programs POST here on their own (RFC 8058), and the signed token in the
# address is itself the proof that the request comes from the mailbox's owner.
@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token):
    """GET shows a button (mail scanners follow links); POST records the opt-out."""
    email_key = links.mailbox(token)
    if email_key is None:
        return render_template("privacy/unsubscribe_invalid.html"), 404
    if request.method == "GET":
        return render_template("privacy/unsubscribe.html", done=False)
    one_click = request.form.get("List-Unsubscribe") == "One-Click"
    try:
        operations.opt_out(email_key, "one-click" if one_click else "link")
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # recorded at the same moment by another request
    return render_template("privacy/unsubscribe.html", done=True)
