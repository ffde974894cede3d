"""A petition's public page as its routes and others share it: the loaders (404 for a draft, a
redirect for an old slug) and the page with its sign form. The page's GET and JSON are in views,
its sign POST in signatures.views, its embed in embeds.views."""
from flask import abort, render_template

from campaign.base import caches, slugs
from campaign.base.extensions import db
from campaign.core.organizations.queries import public_organizations
from campaign.core.signatures import queries as signature_queries, tallies
from campaign.features.sharing.links import share_links
from campaign.features.updates import queries as update_queries

from . import queries
from .goals import displayed_goal
from .models import Petition


def load_public(slug):
    """The petition for a public page; 404 for drafts, a redirect for an old slug (slugs.public)."""
    return slugs.public(queries.by_slug(slug))


def load_signable(slug):
    """As load_public, for a sign form's POST: from this process's copy of the petition, read at
    most PUBLIC_RENDER_CACHE_SECONDS ago, so a spike of signatures costs no petition query each.

    The copy is detached from any session: signing reads only its columns (a petition closed a
    moment ago takes signatures for at most that long). Pages render from `load_public`'s petition.
    """
    kind, value = caches.remembered(("petition-copy", slug), lambda: detached_copy(slug),
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


def confirming_copy(petition_id):
    """The petition a confirmation's page shows, from this process's copy read at most
    PUBLIC_RENDER_CACHE_SECONDS ago (as `load_signable`'s): a spike of confirmations costs no
    petition query each. Detached: the page reads only its columns. None when it is gone."""
    def copy():
        petition = db.session.get(Petition, petition_id)
        if petition is not None:
            db.session.expunge(petition)
        return petition

    return caches.remembered(("petition-by-id", petition_id), copy)


def detached_copy(slug):
    """('petition', petition), ('moved', petition) for an old slug, or ('missing', None); never
    kept: ('unrecorded', petition, in the session) for one whose wording ids are not recorded."""
    petition, current_slug = queries.by_slug(slug)
    if petition is None:
        return "missing", None
    if petition.lacks_wording_ids():
        return "unrecorded", petition
    db.session.expunge(petition)
    return ("moved" if current_slug is not None else "petition"), petition


def petition_page(petition, form, status=200, preview=False, **context):
    """Render a petition's page with `form` (blank, or as typed with its errors); `context` adds to
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
            signers=signature_queries.recent_public_signers(petition.id),
            endorsements=public_organizations(petition_id=petition.id, by_scope=False),
            share=share_links(petition),
            preview=preview,
            **update_queries.public_context("petition", petition.id),
            **context,
        ),
        status,
    )
