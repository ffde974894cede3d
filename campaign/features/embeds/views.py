"""The embed: a petition's live count and a compact sign form, meant to be framed by other sites.

Its form posts to the embed's own address and answers inside the frame. It carries no session
CSRF token: browsers do not send our SameSite=Lax session cookie with a POST from a frame on
another site, so no session-bound token could ever be checked there. Nothing depends on it:
signing needs no account, and a signature counts only once its signer presses the button in
the confirmation email. The honeypot, the signed start time and the rate limits apply as on the
petition's own page. Its language is its `lang` (`?lang=es`), which its form's address keeps, since
a framed page may be sent no cookie.
"""
from flask import Blueprint, render_template, request

from campaign.base.extensions import csrf
from campaign.base.rate_limits import sign_limits
from campaign.core.multilingual import for_reader
from campaign.core.petitions.goals import displayed_goal
from campaign.core.petitions.pages import load_public
from campaign.core.signatures import tallies
from campaign.core.signatures.pages import sign_form, sign_from
from campaign.features.updates import queries as update_queries
from campaign.web.hardening.headers import frameable

bp = Blueprint("embeds", __name__)


def _page(petition, form, status=200):
    """The embed's page with `form` (blank, or as typed with its errors)."""
    count = tallies.by_region(petition.id)[1]
    return render_template(
        "embeds/petition.html", petition=petition, form=form, count=count,
        goal=displayed_goal(petition.goal, count), state=petition.public_state(),
        **update_queries.public_context("petition", petition.id),
    ), status


@bp.get("/petitions/<slug>/embed")
@frameable
def petition(slug):
    petition = for_reader(load_public(slug))
    form = sign_form(petition)
    form.source.data = request.args.get("source", "")[:100] or "embed"
    return _page(petition, form)


@bp.post("/petitions/<slug>/embed")
@frameable
@csrf.exempt
@sign_limits
def sign(slug):
    return sign_from(slug, sign_form, _page, "embeds.thanks")


@bp.get("/petitions/<slug>/embed/thanks")
@frameable
def thanks(slug):
    return render_template("embeds/thanks.html", petition=for_reader(load_public(slug)))
