"""Organizer pages for API tokens: create one (shown once), list and revoke."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms.validators import DataRequired, Length

from campaign.base.extensions import db
from campaign.base.forms import Form, LineField
from campaign.core.accounts.access import EVERYONE, own_unless_owner, require_own, role_required
from campaign.core.accounts.pages import made_once

from . import operations
from .models import ApiToken

bp = Blueprint("api_tokens", __name__, url_prefix="/organize/api-tokens")


class TokenForm(Form):
    name = LineField("What the token is for", validators=[DataRequired("Name the token."), Length(max=100)],
                     description="e.g. “Nightly sync to Action Network”.")


@bp.route("/", methods=["GET", "POST"])
@role_required(EVERYONE)
def index():
    """The tokens (an owner sees every one), and a new one, shown once."""
    form, new_token = made_once(TokenForm, lambda form: operations.issue(current_user, form.name.data)[1])
    tokens = db.session.scalars(own_unless_owner(
        select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc()), ApiToken)).all()
    return render_template("api/tokens.html", form=form, tokens=tokens, new_token=new_token,
                           revoke_form=Form()), 422 if form.errors else 200


@bp.post("/<int:token_id>/revoke")
@role_required(EVERYONE)
def revoke(token_id):
    token = require_own(db.get_or_404(ApiToken, token_id))
    token.revoke()
    db.session.commit()
    flash(_("The token “%(name)s” no longer works.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))
