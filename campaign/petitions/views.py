"""Public petition pages: the page with its sign form, and the count as JSON (the sign form's POST:
signatures.views.sign)."""

from flask import Blueprint, abort, current_app, redirect, request, url_for
from flask_wtf.csrf import generate_csrf

from .. import caches, public_cache
from ..organizations.queries import public_organizations
from ..signatures import tallies
from ..signatures.pages import sign_form
from . import queries
from .goals import displayed_goal
from .pages import load_public, petition_page

bp = Blueprint("petitions", __name__)


@bp.get("/petitions/<slug>")
def show(slug):
    source, referrer = request.args.get("source", "")[:100], (request.referrer or "")[:500]
    if not public_cache.is_shared_view():
        petition, moved = load_public(slug, "petitions.show")
        if moved:
            return moved
        return petition_page(petition, _blank_form(petition, source, referrer))
    kind, value = caches.remembered(("petition-page", slug), lambda: _shared_page(slug))
    if kind == "moved":
        return redirect(url_for("petitions.show", slug=value, **request.args), code=301)
    if kind == "missing":
        abort(404)
    csrf = generate_csrf() if current_app.config["WTF_CSRF_ENABLED"] else ""
    return public_cache.fill(value, csrf=csrf, source=source, referrer=referrer)


def _blank_form(petition, source, referrer):
    form = sign_form(petition)
    form.source.data, form.referrer.data = source, referrer
    return form


def _shared_page(slug):
    """('page', the page cut at its holes by public_cache.with_holes) for everyone, ('moved',
    current slug) or ('missing', None)."""
    petition, current_slug = queries.by_slug(slug)
    if petition is None or not petition.is_public:
        return "missing", None
    if current_slug is not None:
        return "moved", current_slug
    form = _blank_form(petition, public_cache.HOLES["source"], public_cache.HOLES["referrer"])
    html, _ = petition_page(petition, form, csrf_token=lambda: public_cache.HOLES["csrf"])
    return "page", public_cache.with_holes(html)


@bp.get("/petitions/<slug>.json")
def show_json(slug):
    """The count, kept whole for PUBLIC_RENDER_CACHE_SECONDS by public_cache.SharedResponses."""
    petition, moved = load_public(slug, "petitions.show_json")
    if moved:
        return moved
    regions, count, counted_at = tallies.by_region(petition.id)
    updated_at = max(filter(None, [counted_at, petition.updated_at]))
    return public_cache.json_response(*public_cache.json_body(
        {
            "slug": petition.slug,
            "title": petition.title,
            "state": petition.public_state(),
            "signature_count": count,
            "goal": displayed_goal(petition.goal, count),
            "by_state": {region: n for region, n in sorted(regions.items()) if region},
            "updated_at": updated_at.isoformat().replace("+00:00", "Z"),
            "endorsement_count": public_organizations(petition_id=petition.id).count,
        }
    ))
