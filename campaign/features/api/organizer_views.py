"""Organizer pages for API tokens: create one (shown once), list and revoke."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.validators import DataRequired, Length

from campaign.base.extensions import db
from campaign.base.forms import Form, LineField
from campaign.core.accounts.access import EVERYONE, role_required
from campaign.core.accounts.models import Role

from . import operations
from .models import ApiToken

bp = Blueprint("api_tokens", __name__, url_prefix="/organize/api-tokens")


class TokenForm(Form):
    name = LineField("What the token is for", validators=[DataRequired("Name the token."), Length(max=100)],
                     description="e.g. “Nightly sync to Action Network”.")


def _visible():
    """Owners see every token; others their own."""
    query = select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
    if current_user.role is not Role.OWNER:
        query = query.where(ApiToken.organizer_id == current_user.id)
    return db.session.scalars(query).all()


@bp.route("/", methods=["GET", "POST"])
@role_required(EVERYONE)
def index():
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        _token, new_token = operations.issue(current_user, form.name.data)
        db.session.commit()
        form = TokenForm(formdata=None)
    status = 422 if form.errors else 200
    return render_template("api/tokens.html", form=form, tokens=_visible(), new_token=new_token,
                           revoke_form=Form()), status


@bp.post("/<int:token_id>/revoke")
@role_required(EVERYONE)
def revoke(token_id):
    token = db.get_or_404(ApiToken, token_id)
    if token.organizer_id != current_user.id and current_user.role is not Role.OWNER:
        abort(403)
    token.revoke()
    db.session.commit()
    flash(_("The token “%(name)s” no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))
