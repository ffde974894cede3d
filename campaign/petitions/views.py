"""Public petition pages: the page with its sign form, and the count as JSON."""
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from .. import i18n, public_cache
from ..extensions import db
from ..organizations.queries import public_organizations
from ..signatures import tallies
from ..signatures.forms import sign_form
from . import queries
from .goals import displayed_goal

bp = Blueprint("petitions", __name__)


def load_public(slug, endpoint):
    """The petition for a public page; 404 for drafts, a redirect response for an old slug."""
    petition, current_slug = queries.by_slug(slug)
    if petition is None or not petition.is_public:
        abort(404)
    if current_slug is not None:
        args = dict(request.args)
        return None, redirect(url_for(endpoint, slug=current_slug, **args), code=301)
    return petition, None


def load_signable(slug, endpoint):
    """As load_public, for a sign form's POST: from this process's copy of the petition, read at
    most PUBLIC_RENDER_CACHE_SECONDS ago, so a spike of signatures costs no petition query each.

    The copy is detached from any session: signing reads only its columns (a petition closed a
    moment ago takes signatures for at most that long). Pages render from `load_public`'s petition.
    """
    kind, value = public_cache.remembered(("petition-copy", slug), lambda: _detached_copy(slug))
    if kind == "missing" or not value.is_public:
        abort(404)
    if kind == "moved":
        return None, redirect(url_for(endpoint, slug=value.slug, **request.args), code=301)
    return value, None


def _detached_copy(slug):
    """('petition', petition), ('moved', petition) for an old slug, or ('missing', None)."""
    petition, current_slug = queries.by_slug(slug)
    if petition is None:
        return "missing", None
    if petition.lacks_wording_ids():
        # Record them before any signature is written, so no copy holds ids a rollback undid.
        petition.record_questions()
        db.session.commit()
        db.session.refresh(petition)
    db.session.expunge(petition)
    return ("moved" if current_slug is not None else "petition"), petition


@bp.get("/petitions/<slug>")
def show(slug):
    source, referrer = request.args.get("source", "")[:100], (request.referrer or "")[:500]
    if not public_cache.is_shared_view():
        petition, moved = load_public(slug, "petitions.show")
        if moved:
            return moved
        return petition_page(petition, _blank_form(petition, source, referrer))
    kind, value = public_cache.remembered(("petition-page", slug, i18n.language()), lambda: _shared_page(slug))
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


def petition_page(petition, form, status=200, preview=False, **context):
    """Render a petition's page with `form` (blank, or as typed with its errors); `context` adds to
    or overrides the template's (the shared copy's `csrf_token` puts a hole where the token goes)."""
    regions, count, _ = tallies.by_region(petition.id)
    page_url = url_for("petitions.show", slug=petition.slug, _external=True)
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
            share=share_links(petition, page_url),
            preview=preview,
            **context,
        ),
        status,
    )


def share_links(petition, page_url):
    """Links that share the petition, none of which needs JavaScript."""
    text = _("Sign the petition: %(title)s", title=petition.title)
    return [
        (_("Email"), "mailto:?" + urlencode({"subject": petition.title, "body": f"{text}\n{page_url}"}).replace("+", "%20")),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": page_url})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": page_url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {page_url}"})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {page_url}"})),
    ]


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
