"""A petition's public page as its routes and others share it: the loaders (404 for a draft, 301
for an old slug) and the page with its sign form. The page's GET and JSON are in views, its
sign POST in signatures.views, its embed in embeds.views."""
from urllib.parse import urlencode

from flask import abort, redirect, render_template, request, url_for

from .. import caches
from ..extensions import db
from ..organizations.queries import public_organizations
from ..signatures import queries as signature_queries, tallies
from . import queries
from .goals import displayed_goal


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
    kind, value = caches.remembered(("petition-copy", slug), lambda: _detached_copy(slug))
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
            signers=signature_queries.recent_public_signers(petition.id),
            endorsements=public_organizations(petition_id=petition.id, by_scope=False),
            share=share_links(petition, page_url),
            preview=preview,
            **context,
        ),
        status,
    )


def share_links(petition, page_url):
    """Links that share the petition, none of which needs JavaScript."""
    text = f"Sign the petition: {petition.title}"
    return [
        ("Email", "mailto:?" + urlencode({"subject": petition.title, "body": f"{text}\n{page_url}"}).replace("+", "%20")),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": page_url})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": page_url})),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{text} {page_url}"})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {page_url}"})),
    ]
