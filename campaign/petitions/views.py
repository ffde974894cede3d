"""Public petition pages: the page with its sign form, and the count as JSON."""
from flask import Blueprint, abort, current_app, render_template, request
from flask_wtf.csrf import generate_csrf

from .. import i18n, public_cache, slugs
from ..extensions import db
from ..multilingual import for_reader
from ..organizations.queries import public_organizations
from ..sharing import visits
from ..sharing.links import share_links
from ..signatures import tallies
from ..signatures.forms import sign_form
from ..signatures.referrals import clean_channel, clean_code
from ..updates import queries as update_queries
from . import queries
from .goals import displayed_goal

bp = Blueprint("petitions", __name__)


def load_public(slug):
    """The petition for a public page; 404 for drafts, a redirect for an old slug (slugs.public)."""
    return slugs.public(queries.by_slug(slug))


def load_signable(slug):
    """As load_public, for a sign form's POST: from this process's copy of the petition, read at
    most PUBLIC_RENDER_CACHE_SECONDS ago, so a spike of signatures costs no petition query each.

    The copy is detached from any session: signing reads only its columns (a petition closed a
    moment ago takes signatures for at most that long). Pages render from `load_public`'s petition.
    """
    kind, value = public_cache.remembered(("petition-copy", slug), lambda: _detached_copy(slug),
                                          keep=lambda found: found[0] != "unrecorded")
    if kind == "unrecorded":
        # Saved before its questions' wording ids were kept: record them, committed before any
        # signature is written, so no copy holds ids a rollback undid; then copy it.
        value.record_questions()
        db.session.commit()
        return load_signable(slug)
    if kind == "missing" or not value.is_public:
        abort(404)
    if kind == "moved":
        slugs.moved_to(value.slug)
    return value


def _detached_copy(slug):
    """('petition', petition), ('moved', petition) for an old slug, or ('missing', None); never
    kept: ('unrecorded', petition, in the session) for one whose wording ids are not recorded."""
    petition, current_slug = queries.by_slug(slug)
    if petition is None:
        return "missing", None
    if petition.lacks_wording_ids():
        return "unrecorded", petition
    db.session.expunge(petition)
    return ("moved" if current_slug is not None else "petition"), petition


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
    kind, copy = public_cache.remembered(("petition-copy", slug), lambda: _detached_copy(slug),
                                         keep=lambda found: found[0] != "unrecorded")
    if kind != "missing":
        i18n.use_action_language(copy.language)
    kind, value = public_cache.remembered(("petition-page", slug, i18n.language()), lambda: _shared_page(slug))
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
    if (link["ref"] or link["channel"]) and visits.count(petition_id, link["channel"], link["ref"]):
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


def petition_page(petition, form, status=200, preview=False, **context):
    """Render a petition's page (`petition` in its reader's language: multilingual.for_reader)
    with `form` (blank, or as typed with its errors); `context` adds to
    or overrides the template's (the shared copy's `csrf_token` puts a hole where the token goes)."""
    regions, count, _ = tallies.by_region(petition.id)
    return (
        render_template(
            "petitions/show.html",
            petition=petition,
            form=form,
            count=count,
            goal=displayed_goal(petition.goal, count),
            state=petition.public_state(),
            signers=queries.recent_public_signers(petition.id),
            endorsements=public_organizations(petition_id=petition.id, by_scope=False),
            share=share_links(petition),
            preview=preview,
            **update_queries.public_context("petition", petition.id),
            **context,
        ),
        status,
    )


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
