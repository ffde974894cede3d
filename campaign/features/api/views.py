"""The organizer API, /api/v1, in OSDI's shapes: the entry point (AEP); petitions with counts,
their signatures, offline signatures (OSDI's record signature helper); sign-on letters (OSDI
advocacy campaigns) with counts and their sign-ons (OSDI outreaches); people (signers by mailbox).
Collections page as OSDI does or by cursor (campaign/features/api/paging.py) and take OSDI's `filter`
(campaign/features/api/filters.py).

Authenticated with `OSDI-API-Token: <token>` or `Authorization: Bearer <token>` (no cookies, so no CSRF);
every answer is JSON, errors too (campaign/web/errors.py answers every error under /api/ in the documented shape).
The OpenAPI document is at /api/v1/openapi.json.
"""
import json
from pathlib import Path

from flask import Blueprint, abort, g, jsonify, request, url_for
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import csrf, db
from campaign.core.accounts.access import EDITORS
from campaign.core.letters import queries as letter_queries
from campaign.core.letters.models import IndividualSignOn, Letter
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.petitions.models import Petition
from campaign.core.signatures import operations as signature_operations, queries as signature_queries, tallies
from campaign.core.signatures.models import Signature, SignatureState

from . import filters, operations, paging, serializers
from .payloads import InvalidPayload, offline_signature

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
OPENAPI = Path(__file__).with_name("openapi.json")


@bp.before_request
def authenticate():
    if request.endpoint == "api.openapi":
        return None
    token = operations.authenticate(request.headers)
    if token is None:
        raise Unauthorized("Send a valid API token: OSDI-API-Token: <token> or Authorization: Bearer <token>.",
                           www_authenticate=WWWAuthenticate("Bearer", {"realm": "api"}))
    g.api_token = token
    db.session.commit()  # last_used_at
    return None


def _require_personal_data():
    if g.api_token.organizer.role not in EDITORS:
        abort(403, "This token's account is a viewer: it sees counts, never personal data.")


def _counts(petition_ids):
    totals = tallies.totals(petition_ids)
    return {pid: (totals[pid], signature_queries.state_counts(pid)[SignatureState.PENDING]) for pid in petition_ids}


@bp.get("/openapi.json")
def openapi():
    return jsonify(json.loads(OPENAPI.read_text(encoding="utf-8")))


@bp.get("/")
def entry_point():
    """OSDI's API entry point (AEP): what this API serves, with a link to each collection."""
    return jsonify({
        "motd": "The campaign organizer API: petitions, signatures, advocacy campaigns, outreaches and people, "
                "in OSDI's shapes.",
        "vendor_name": "campaign",
        "product_name": "campaign",
        "osdi_version": "1.1",
        "max_pagesize": paging.PAGE_MAX,
        "_links": {
            "self": {"href": url_for("api.entry_point", _external=True)},
            "osdi:petitions": {"href": url_for("api.petitions", _external=True)},
            "osdi:advocacy_campaigns": {"href": url_for("api.letters", _external=True)},
            "osdi:people": {"href": url_for("api.people", _external=True)},
            "docs": {"href": url_for("api.openapi", _external=True)},
        },
    })


def _filter(dates, texts=None):
    """The SQL conditions of the request's `filter` on these fields; 400 for a bad one."""
    try:
        return filters.conditions(request.args.get("filter", ""), dates, texts)
    except filters.InvalidFilter as error:
        abort(400, str(error))


@bp.get("/petitions")
def petitions():
    query = select(Petition).where(*_filter({"modified_date": Petition.updated_at,
                                             "created_date": Petition.created_at}))

    def serialize(rows):
        counts = _counts([p.id for p in rows])
        return [serializers.petition(p, counts[p.id]) for p in rows]

    return jsonify(paging.collection("osdi:petitions", query, Petition.id, serialize))


@bp.get("/petitions/<int:petition_id>")
def petition(petition_id):
    found = db.get_or_404(Petition, petition_id, description="There is no petition with this id.")
    return jsonify(serializers.petition(found, _counts([found.id])[found.id]))


@bp.get("/petitions/<int:petition_id>/signatures")
def signatures(petition_id):
    _require_personal_data()
    found = db.get_or_404(Petition, petition_id, description="There is no petition with this id.")
    query = select(Signature).where(
        Signature.petition_id == found.id, Signature.erased_at.is_(None),
        *_filter({"modified_date": Signature.updated_at, "created_date": Signature.created_at}))
    return jsonify(paging.collection("osdi:signatures", query, Signature.id,
                                     lambda rows: [serializers.signature(s) for s in rows]))


@bp.post("/petitions/<int:petition_id>/signatures")
def create_signature(petition_id):
    _require_personal_data()
    found = db.get_or_404(Petition, petition_id, description="There is no petition with this id.")
    if not found.is_signable:
        abort(409, "This petition does not take signatures now.")
    try:
        fields = offline_signature(request.get_json(silent=True))
    except InvalidPayload as error:
        abort(422, str(error))
    try:
        signature = signature_operations.record_offline(found, **fields)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, "This email address has signed this petition already.")
    response = jsonify(serializers.signature(signature))
    response.status_code = 201
    return response


@bp.get("/letters")
def letters():
    query = select(Letter).where(*_filter({"modified_date": Letter.updated_at, "created_date": Letter.created_at}))
    return jsonify(paging.collection(
        "osdi:advocacy_campaigns", query, Letter.id,
        lambda rows: [serializers.letter(letter, letter_queries.signatories(letter)) for letter in rows]))


@bp.get("/letters/<int:letter_id>")
def letter(letter_id):
    found = db.get_or_404(Letter, letter_id, description="There is no letter with this id.")
    return jsonify(serializers.letter(found, letter_queries.signatories(found)))


@bp.get("/letters/<int:letter_id>/outreaches")
def outreaches(letter_id):
    """Every sign-on of a letter, whatever its state: organizations, then individuals, by id."""
    _require_personal_data()
    found = db.get_or_404(Letter, letter_id, description="There is no letter with this id.")
    kinds = [("organization", OrganizationSignOn), ("individual", IndividualSignOn)]
    queries = {kind: select(model).where(model.letter_id == found.id, *_filter(
        {"modified_date": model.updated_at, "created_date": model.created_at})) for kind, model in kinds}
    page = []
    if paging.is_cursor_request():
        (after_kind, after), size = paging.cursor_after(serializers.read_outreach_cursor), paging.per_page(
            paging.CURSOR_MAX)
        for kind, model in kinds[0 if after_kind == "organization" else 1:]:
            page += [(kind, s) for s in db.session.scalars(
                queries[kind].where(model.id > after).order_by(model.id).limit(size + 1 - len(page)))]
            after = 0
            if len(page) > size:
                break
        page, more = page[:size], len(page) > size
        next_cursor = serializers.outreach_cursor(page[-1][0], page[-1][1].id) if more else None
        return jsonify(paging.cursor_body("osdi:outreaches", _outreaches(page), size, next_cursor))
    number, size = paging.page_number(), paging.per_page(paging.PAGE_MAX)
    counts = {kind: paging.count(query) for kind, query in queries.items()}
    offset = (number - 1) * size
    for kind, model in kinds:  # the page's part of each kind, in turn
        if offset < counts[kind] and len(page) < size:
            page += [(kind, s) for s in db.session.scalars(
                queries[kind].order_by(model.id).offset(offset).limit(size - len(page)))]
        offset = max(offset - counts[kind], 0)
    return jsonify(paging.page_body("osdi:outreaches", _outreaches(page), number, size, sum(counts.values())))


def _outreaches(page):
    return [serializers.outreach(sign_on, kind) for kind, sign_on in page]


@bp.get("/people")
def people():
    """Signers as OSDI people: one per mailbox (the key signing uses), as their latest signature
    gives them; `filter=email_address eq '...'` finds one. Owners' and organizers' tokens only."""
    _require_personal_data()
    mailboxes = (
        select(Signature.email_key.label("email_key"), func.min(Signature.id).label("id"),
               func.min(Signature.created_at).label("created_at"), func.max(Signature.updated_at).label("updated_at"))
        .where(Signature.erased_at.is_(None)).group_by(Signature.email_key).subquery()
    )
    query = select(mailboxes.c.id).where(*_filter(
        {"modified_date": mailboxes.c.updated_at, "created_date": mailboxes.c.created_at},
        {"email_address": lambda value: mailboxes.c.email_key == mailbox_key(value)}))
    return jsonify(paging.collection("osdi:people", query, mailboxes.c.id, _people))


def _people(first_ids):
    """The people whose first signatures are `first_ids`, in that order, each from all their signatures."""
    if not first_ids:
        return []
    keys = select(Signature.email_key).where(Signature.id.in_(first_ids)).scalar_subquery()
    by_key = {}
    for signature in db.session.scalars(select(Signature).where(Signature.email_key.in_(keys),
                                                                Signature.erased_at.is_(None)).order_by(Signature.id)):
        by_key.setdefault(signature.email_key, []).append(signature)
    return [serializers.person(signed) for signed in sorted(by_key.values(), key=lambda signed: signed[0].id)]
