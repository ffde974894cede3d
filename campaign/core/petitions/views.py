"""Public petition pages: the page with its sign form, and the count as JSON (the sign form's POST:
signatures.views.sign; what the pages share: pages)."""
from flask import Blueprint, abort, current_app, request
from flask_wtf.csrf import generate_csrf

from campaign.base import caches, i18n, slugs
from campaign.base.extensions import db
from campaign.core.multilingual import for_reader
from campaign.core.organizations.queries import public_organizations
from campaign.core.signatures import tallies
from campaign.core.signatures.pages import sign_form
from campaign.core.signatures.referrals import clean_channel, clean_code
from campaign.features.sharing import visits
from campaign.features.updates import queries as update_queries
from campaign.web import public_cache

from . import queries
from .goals import displayed_goal
from .pages import detached_copy, load_public, petition_page

bp = Blueprint("petitions", __name__)


@bp.get("/petitions/<slug>")
def show(slug):
    link = {"source": request.args.get("source", "")[:100], "referrer": (request.referrer or "")[:500],
            "ref": clean_code(request.args.get("ref")), "channel": clean_channel(request.args.get("channel"))}
    if not public_cache.is_shared_view():
        petition = load_public(slug)
        _count_visit(petition.id, link)
        petition = for_reader(petition)
        return petition_page(petition, _blank_form(petition, link))
    # The page's language falls back on the petition's own: read from signing's copy, no query.
    kind, copy = caches.remembered(("petition-copy", slug), lambda: detached_copy(slug),
                                   keep=lambda found: found[0] != "unrecorded")
    if kind != "missing":
        i18n.use_action_language(copy.language)
    kind, value = caches.remembered(("petition-page", slug, i18n.language()), lambda: _shared_page(slug))
    if kind == "moved":
        slugs.moved_to(value)
    if kind == "missing":
        abort(404)
    petition_id, page = value
    _count_visit(petition_id, link)
    csrf = generate_csrf() if current_app.config["WTF_CSRF_ENABLED"] else ""
    return public_cache.fill(page, csrf=csrf, **link)


def _count_visit(petition_id, link):
    """A visit from a shared link (one naming a channel or a referral code) is counted: in the
    process, written now and then (sharing.visits)."""
    if visits.count("petition", petition_id, link["channel"], link["ref"]):
        db.session.commit()


def _blank_form(petition, link):
    form = sign_form(petition)
    for name, value in link.items():
        form[name].data = value
    return form


def _shared_page(slug):
    """('page', (petition id, the page cut at its holes by public_cache.with_holes)) for everyone,
    ('moved', current slug) or ('missing', None)."""
    petition, current_slug = queries.by_slug(slug)
    if petition is None or not petition.is_public:
        return "missing", None
    if current_slug is not None:
        return "moved", current_slug
    petition = for_reader(petition)
    form = _blank_form(petition, {name: public_cache.HOLES[name] for name in ("source", "referrer", "ref", "channel")})
    html, _ = petition_page(petition, form, csrf_token=lambda: public_cache.HOLES["csrf"])
    return "page", (petition.id, public_cache.with_holes(html))


@bp.get("/petitions/<slug>.json")
def show_json(slug):
    """The count, kept whole for PUBLIC_RENDER_CACHE_SECONDS by public_cache.SharedResponses."""
    petition = load_public(slug)
    regions, count, counted_at = tallies.by_region(petition.id)
    updated_at = max(filter(None, [counted_at, petition.updated_at]))
    return public_cache.json_response(*public_cache.json_body(
        {
            "slug": petition.slug,
            "title": petition.title,
            "language": petition.language,
            "languages": petition.languages,
            "state": petition.public_state(),
            "signature_count": count,
            "goal": displayed_goal(petition.goal, count),
            "by_state": {region: n for region, n in sorted(regions.items()) if region},
            "updated_at": updated_at.isoformat().replace("+00:00", "Z"),
            "endorsement_count": public_organizations(petition_id=petition.id).count,
            **update_queries.public_json("petition", petition.id),
        }
    ))
